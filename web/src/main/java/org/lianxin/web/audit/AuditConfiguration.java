package org.lianxin.web.audit;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.audit.Audit;
import org.lianxin.audit.AuditArchiver;
import org.lianxin.audit.AuditCheckpoints;
import org.lianxin.audit.Audits;
import org.lianxin.audit.CheckpointKeys;
import org.lianxin.audit.tsa.Rfc3161Client;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.LianxinProperties;
import org.lianxin.web.config.Secrets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit module's wiring: the port, the checkpoint key, the checkpoints (stored in the recordings' store). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    /** The file name of the generated checkpoint key in the data folder. */
    public static final String KEY_FILE = "audit-checkpoint.key";

    @Bean
    public static CheckedProperties<AuditProperties> auditKeys() {
        return new CheckedProperties<>("lianxin.audit", AuditProperties.class, AuditConfiguration::check);
    }

    static void check(AuditProperties props, Secrets secrets, List<String> problems) {
        if (props.checkpointInterval() != null && (props.checkpointInterval().compareTo(AuditProperties.MAX_INTERVAL) > 0
                || props.checkpointInterval().toMillis() < 1000)) {
            problems.add("lianxin.audit.checkpoint-interval: between 1s and 10m (was " + props.checkpointInterval()
                    + "): the trail is checkpointed at least every 10 minutes");
        }
        if (props.retention() != null && props.retention().compareTo(AuditArchiver.MIN_RETENTION) < 0) {
            problems.add("lianxin.audit.retention: at least 180d (was " + props.retention().toDays() + " days):"
                    + " 网络安全法 requires network logs to be kept at least six months");
        }
        checkTsa(props, problems);
    }

    static void checkTsa(AuditProperties props, List<String> problems) {
        java.net.URI url = props.tsaUrl();
        if (url != null && (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null)) {
            problems.add("lianxin.audit.tsa-url: an http or https address of an RFC 3161 timestamp authority (was "
                    + url + ")");
        }
        if (props.tsaCertificate() != null && !java.nio.file.Files.isReadable(props.tsaCertificate())) {
            problems.add("lianxin.audit.tsa-certificate: no readable file " + props.tsaCertificate());
        }
    }

    /** Moves entries older than {@code lianxin.audit.retention} into archive objects of the recordings' store. */
    @Bean
    AuditArchiver auditArchiver(DataSource dataSource, ObjectStore store, CheckpointKey key, Audit audit, Clock clock,
                                AuditProperties props) {
        return new AuditArchiver(dataSource, new ObjectStoreCheckpoints(store), key.pair().getPublic(), audit, clock,
                props.retention());
    }

    @Bean
    Audit audit(DataSource dataSource, Clock clock) {
        return Audits.jdbc(dataSource, clock);
    }

    /** The checkpoints' signing key; its public half is published ({@link AuditKeyController}). */
    @Bean
    CheckpointKey checkpointKey(AuditProperties props, LianxinProperties app) {
        Path file = props.keyFile() != null ? props.keyFile() : app.dataDir().resolve(KEY_FILE);
        KeyPair pair = CheckpointKeys.loadOrGenerate(file);
        return new CheckpointKey(pair, CheckpointKeys.publicFileOf(file));
    }

    @Bean
    AuditCheckpoints auditCheckpoints(DataSource dataSource, ObjectStore store, CheckpointKey key, Clock clock,
                                      AuditProperties props) {
        if (props.tsaUrl() == null) {
            return Audits.checkpoints(dataSource, new ObjectStoreCheckpoints(store), key.pair(), clock);
        }
        return Audits.checkpoints(dataSource, new ObjectStoreCheckpoints(store), key.pair(), clock,
                new Rfc3161Client(props.tsaUrl(), java.time.Duration.ofSeconds(15)));
    }

    /** Every request's id, before anything else. */
    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> bean = new FilterRegistrationBean<>(new RequestIds());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    @Bean
    RequestAudit requestAudit(AuditTrail trail) {
        return new RequestAudit(trail);
    }

    /** Changes and refusals, inside the security filter chain (which runs at {@code DEFAULT_FILTER_ORDER}). */
    @Bean
    FilterRegistrationBean<RequestAudit> requestAuditFilter(RequestAudit audit) {
        FilterRegistrationBean<RequestAudit> bean = new FilterRegistrationBean<>(audit);
        bean.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return bean;
    }

    /** The key pair and where its public key file is. */
    public record CheckpointKey(KeyPair pair, Path publicKeyFile) {
        @Override
        public String toString() { // never the private key
            return "CheckpointKey[" + CheckpointKeys.keyId(pair.getPublic()) + ", " + publicKeyFile + "]";
        }
    }
}
