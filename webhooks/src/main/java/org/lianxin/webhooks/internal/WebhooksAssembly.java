package org.lianxin.webhooks.internal;

import java.time.Clock;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.lianxin.notification.Notifications;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.webhooks.CommitNotices;
import org.lianxin.webhooks.WebhookDispatcher;
import org.lianxin.webhooks.WebhookSettings;
import org.lianxin.webhooks.WebhookTransport;
import org.lianxin.webhooks.Webhooks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Builds the outbox and its dispatcher; used by {@code WebhooksModule}. */
public final class WebhooksAssembly {
    private WebhooksAssembly() {
    }

    /** @param sealStoredSecrets seals the secrets still stored in plain text (or under an older key); how many */
    public record Parts(Webhooks webhooks, WebhookDispatcher dispatcher, IntSupplier sealStoredSecrets) {
    }

    public static Parts assemble(DataSource dataSource, PlatformTransactionManager transactions,
                                 WebhookTransport transport, Notifications notifications, Clock clock,
                                 WebhookSettings settings, PersonalDataCipher secretsKey, CommitNotices notices) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        SecretSealing sealing = new SecretSealing(secretsKey);
        EndpointRows endpoints = new EndpointRows(jdbc, sealing);
        WakeUp wake = new WakeUp();
        OutboxSignal signal = new OutboxSignal(dataSource, notices);
        DeliveryRows deliveries = new DeliveryRows(jdbc, signal.listens());
        JdbcWebhooks webhooks = new JdbcWebhooks(endpoints, deliveries, transactions, clock, settings, wake, signal);
        DeliveryWorkers workers = new DeliveryWorkers(deliveries, endpoints, transactions, transport, clock, settings,
                new FailureAlerts(notifications), wake, signal,
                new NodeLock(dataSource, settings.node(), signal.listens()));
        return new Parts(webhooks, workers, () -> sealing.sealStored(jdbc));
    }
}
