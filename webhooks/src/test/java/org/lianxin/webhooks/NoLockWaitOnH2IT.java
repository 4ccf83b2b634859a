package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lianxin.notification.NotificationModule;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.webhooks.http.JdkHttpTransport;
import org.lianxin.webhooks.testing.QuietNotifications;
import org.lianxin.webhooks.testing.Receiver;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 13: on H2 there is no node lock (no advisory locks), so a starting dispatcher never waits for one, however long
 * {@code nodeLockWait} is: it sends at once.
 */
class NoLockWaitOnH2IT {

    @Test
    void onH2ADispatcherWithAnHourOfLockWaitSendsAtOnce() throws Exception {
        DataSource ds = TestDatabases.h2("webhooks_nolock");
        DataSourceTransactionManager tx = new DataSourceTransactionManager(ds);
        NotificationModule notifications = QuietNotifications.module(ds, tx, Clock.systemUTC(), "h2");
        WebhookSettings settings = CrashChild.settings("node-h2").withNodeLockWait(Duration.ofHours(1));
        WebhooksModule m = WebhooksModule.create(ds, tx, new JdkHttpTransport(Duration.ofSeconds(5),
                Clock.systemUTC()), notifications.notifications(), Clock.systemUTC(), settings,
                WebhookWorld.SECRETS_KEY);
        try (Receiver receiver = new Receiver()) {
            m.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
            m.dispatcher().start();
            new TransactionTemplate(tx).executeWithoutResult(s -> m.webhooks().emit(new WebhookEvent(
                    EventType.SUPERVISION_REPLIED, "case:1", List.of(5L, 2L), Instant.now(), "k1", Map.of())));
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() == 1);
            assertThat(receiver.requests().get(0).body()).contains("supervision.replied");
        } finally {
            m.dispatcher().close();
        }
    }
}
