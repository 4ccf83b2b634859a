package org.lianxin.web.audit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.audit}.
 *
 * @param checkpointInterval how often the chain's head is signed and stored outside the database (default 10m; at
 *                           most 10m, at least 1s); also at every stop
 * @param keyFile            the checkpoints' Ed25519 private key (PKCS#8 PEM, its public key beside it as
 *                           {@code <file>.pub}); unset: {@code ${lianxin.data-dir}/audit-checkpoint.key}, generated on
 *                           first start (mode 600)
 * @param retention          how long entries stay in the database (default 180 days, at least 180 days: 网络安全法
 *                           keeps network logs six months); older entries up to a signed checkpoint older than it are
 *                           moved into archive objects of the store ({@code AuditCheckpointer}, hourly)
 * @param tsaUrl             an RFC 3161 timestamp authority (http or https) that timestamps each checkpoint; unset:
 *                           none. A TSA that is away never stops a checkpoint (its token is asked for at the next)
 * @param tsaCertificate     the TSA's certificate (PEM), for {@code verify-audit} to check the tokens against
 */
@ConfigurationProperties("lianxin.audit")
@Validated
public record AuditProperties(@NotNull @DefaultValue("10m") Duration checkpointInterval, Path keyFile,
                              @NotNull @DefaultValue("180d") Duration retention, URI tsaUrl, Path tsaCertificate) {

    static final Duration MAX_INTERVAL = Duration.ofMinutes(10);

    @Override
    public String toString() {
        return "AuditProperties[checkpointInterval=" + checkpointInterval + ", keyFile=" + keyFile + ", retention="
                + retention + ", tsaUrl=" + tsaUrl + ", tsaCertificate=" + tsaCertificate + "]";
    }
}
