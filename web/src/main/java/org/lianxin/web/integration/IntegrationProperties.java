package org.lianxin.web.integration;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.integration}: requests in from the petition information system, signed like our webhooks
 * (Standard Webhooks).
 *
 * @param inboundSecrets the {@code whsec_…} secrets a request may be signed with (several while one is rotated out);
 *                       none: the inbound API is off and answers 404. Set them from the environment
 *                       ({@code LIANXIN_INTEGRATION_INBOUNDSECRETS}, comma-separated) or a secret store, never in the repository
 * @param tolerance      how far a request's {@code webhook-timestamp} may lie from our clock, either way (default 5m);
 *                       a {@code webhook-id} is refused again for twice as long
 * @param maxBody        the largest request body (default 64KB)
 */
@ConfigurationProperties("lianxin.integration")
@Validated
public record IntegrationProperties(
        List<String> inboundSecrets,
        @NotNull @DefaultValue("5m") Duration tolerance,
        @NotNull @DefaultValue("65536") Integer maxBody) {

    public IntegrationProperties {
        inboundSecrets = inboundSecrets == null ? List.of() : List.copyOf(inboundSecrets);
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "IntegrationProperties[" + inboundSecrets.size() + " inbound secrets, tolerance " + tolerance + "]";
    }
}
