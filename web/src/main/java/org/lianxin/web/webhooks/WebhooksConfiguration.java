package org.lianxin.web.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.lianxin.notification.Notifications;
import org.lianxin.web.cluster.DatabaseNotices;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.Secrets;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.webhooks.RetrySchedule;
import org.lianxin.webhooks.WebhookSettings;
import org.lianxin.webhooks.Webhooks;
import org.lianxin.webhooks.WebhooksModule;
import org.lianxin.webhooks.http.JdkHttpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Webhooks wiring: the outbox over the application's database (so a change and its event commit together), the
 * JDK HTTP adapter, failure notices through the notification outbox, and this node's dispatcher
 * ({@code lianxin.webhooks.enabled}). Features emit through the {@link Webhooks} bean (the listeners of this package).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
public class WebhooksConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WebhooksConfiguration.class);

    /** The webhook keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<WebhooksProperties> webhooksKeys() {
        return new CheckedProperties<>("lianxin.webhooks", WebhooksProperties.class, WebhooksConfiguration::check);
    }

    static void check(WebhooksProperties p, Secrets secrets, List<String> problems) {
        if (positive(p.timeout(), "timeout", problems) && p.lease() != null
                && p.lease().compareTo(p.timeout().plusSeconds(5)) < 0) {
            problems.add("lianxin.webhooks.lease: at least timeout + 5s (" + p.timeout().plusSeconds(5) + "), was "
                    + p.lease());
        }
        if (p.retrySchedule() != null) {
            try {
                new RetrySchedule(p.retrySchedule());
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add("lianxin.webhooks.retry-schedule: " + e.getMessage());
            }
        }
        positive(p.giveUpAfter(), "give-up-after", problems);
        positive(p.rotationGrace(), "rotation-grace", problems);
        if (p.pollInterval() != null && p.pollInterval().compareTo(Duration.ofMillis(100)) < 0) {
            problems.add("lianxin.webhooks.poll-interval: at least 100ms, was " + p.pollInterval());
        }
    }

    private static boolean positive(Duration d, String key, List<String> problems) {
        if (d != null && (d.isNegative() || d.isZero())) {
            problems.add("lianxin.webhooks." + key + ": must be positive, was " + d);
            return false;
        }
        return d != null;
    }

    @Bean
    WebhooksModule webhooksModule(DataSource dataSource, PlatformTransactionManager transactions,
                                  Notifications notifications, Clock clock, WebhooksProperties p,
                                  PersonalDataCipher personalData, DatabaseNotices databaseNotices) {
        String node = p.node() == null || p.node().isBlank() ? hostName() : p.node();
        WebhookSettings settings = new WebhookSettings(node, p.workers(), p.timeout(), p.lease(),
                new RetrySchedule(p.retrySchedule()), p.giveUpAfter(), p.maxRetryAfter(), p.rotationGrace(),
                p.pollInterval(), p.nodeLockWait(), Math.max(p.workers(), p.backlogWorkers()));
        log.info("webhooks: dispatcher {} (lianxin.webhooks.enabled) on {}, {} workers, timeout {}, retried for {}",
                p.enabled() ? "on" : "off", node, p.workers(), p.timeout(), p.giveUpAfter());
        return WebhooksModule.create(dataSource, transactions, new JdkHttpTransport(p.timeout(), clock),
                notifications, clock, settings, personalData, new WebhookCommitNotices(databaseNotices));
    }

    /**
     * Once every bean is made (the migrations have run): the signing secrets stored in plain text before they were
     * encrypted at rest are sealed, once (idempotent; the signer reads both meanwhile).
     */
    @Bean
    SmartInitializingSingleton webhookSecretsSealed(WebhooksModule module) {
        return module::sealStoredSecrets;
    }

    @Bean
    Webhooks webhooks(WebhooksModule module) {
        return module.webhooks();
    }

    @Bean
    WebhooksLifecycle webhooksLifecycle(WebhooksModule module, WebhooksProperties p) {
        return new WebhooksLifecycle(p.enabled() ? module.dispatcher() : NO_DISPATCHER);
    }

    private static final org.lianxin.webhooks.WebhookDispatcher NO_DISPATCHER = new org.lianxin.webhooks.WebhookDispatcher() {
        @Override
        public void start() {
        }

        @Override
        public void close() {
        }

        @Override
        public void wake() {
        }

        @Override
        public int dispatchDue() {
            return 0;
        }
    };

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }
}
