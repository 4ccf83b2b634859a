package org.lianxin.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.lianxin.notification.NotificationModule;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.webhooks.http.JdkHttpTransport;
import org.lianxin.webhooks.testing.QuietNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A migrated PostgreSQL database with the webhooks module (any number of instances, as on several nodes) and the
 * real notification outbox beside it; the HTTP adapter posts to a local {@link org.lianxin.webhooks.testing.Receiver}.
 */
final class WebhookWorld implements AutoCloseable {
    /** The key ring the tests' modules encrypt signing secrets with (a fixed test key; the app's comes from its config). */
    static final PersonalDataCipher SECRETS_KEY = PersonalDataCipher.ofKeys(List.of(
            PersonalDataCipher.derivedKey("webhooks-test-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    "test ring")));
    final DataSource ds;
    final JdbcClient jdbc;
    final DataSourceTransactionManager transactions;
    final TransactionTemplate tx;
    final Clock clock;
    final NotificationModule notifications;
    private final List<WebhooksModule> modules = new ArrayList<>();

    WebhookWorld(String purpose, Clock clock) {
        this.ds = TestDatabases.postgres(purpose);
        this.jdbc = JdbcClient.create(ds);
        this.transactions = new DataSourceTransactionManager(ds);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.notifications = QuietNotifications.module(ds, transactions, clock, "test");
        jdbc.sql("create table changed_thing (id int primary key)").update();
    }

    /** Test settings: 2 workers, 2 s timeout, 8 s lease, retries from 5 s doubling (the old schedule, which these tests time), given up after {@code window}. */
    static WebhookSettings settings(String node, Duration window) {
        return new WebhookSettings(node, 2, Duration.ofSeconds(2), Duration.ofSeconds(8),
                RetrySchedule.doubling(Duration.ofSeconds(5), Duration.ofHours(4)), window, Duration.ofHours(24),
                Duration.ofHours(24), Duration.ofMillis(200));
    }

    WebhooksModule module(WebhookSettings settings) {
        return module(settings, SECRETS_KEY);
    }

    /** A module over {@code dataSource} (the world's database seen through a wrapper, e.g. one that counts). */
    WebhooksModule module(WebhookSettings settings, DataSource dataSource) {
        WebhooksModule m = WebhooksModule.create(dataSource, new DataSourceTransactionManager(dataSource),
                new JdkHttpTransport(Duration.ofSeconds(2), clock), notifications.notifications(), clock, settings,
                SECRETS_KEY);
        modules.add(m);
        return m;
    }

    /** A module whose signing secrets are sealed with {@code secretsKey}. */
    WebhooksModule module(WebhookSettings settings, PersonalDataCipher secretsKey) {
        WebhooksModule m = WebhooksModule.create(ds, transactions, new JdkHttpTransport(Duration.ofSeconds(2), clock),
                notifications.notifications(), clock, settings, secretsKey);
        modules.add(m);
        return m;
    }

    /** Emits in a transaction that also changes a row, as a feature would. */
    boolean emitWithChange(Webhooks webhooks, int changeId, WebhookEvent event) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            jdbc.sql("insert into changed_thing (id) values (?)").param(changeId).update();
            return webhooks.emit(event);
        }));
    }

    static WebhookEvent event(EventType type, String caseKey, String key, Instant at, long... offices) {
        List<Long> lineage = new ArrayList<>();
        for (long o : offices) {
            lineage.add(o);
        }
        return new WebhookEvent(type, caseKey, lineage, at, key, Map.of("key", key));
    }

    String deliveryState(String msgIdOrKey) {
        return jdbc.sql("select d.state from webhook_delivery d join webhook_message m on m.id = d.message_id"
                + " where m.dedupe_key = ? or m.msg_id = ?").params(msgIdOrKey, msgIdOrKey).query(String.class)
                .single();
    }

    List<String> adminNotices(long officeId) {
        return jdbc.sql("select subject from notification_outbox where recipient = ? order by id")
                .param("office:" + officeId + ":ADMIN").query(String.class).list();
    }

    @Override
    public void close() {
        modules.forEach(m -> m.dispatcher().close());
        if (ds instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
