package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.webhooks.WebhookWorld.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Issue 13: a failed attempt whose retry is due at once (the Standard Webhooks schedule's first pause, or
 * {@code Retry-After: 0}) is sent again by the worker that made it, its lease kept — not scheduled and claimed again,
 * behind every other delivery already due (in {@code bench webhooks} a fifth of the events fail their first attempt).
 * One worker, three cases due at once, the first one's first attempt failed: its retry comes before the others.
 * A retry that is not due at once (a {@code Retry-After} of a second) still goes back to the claim, after them.
 */
class RetryAtOnceIT extends WorldWithReceiver {

    @Test
    void aFirstFailureIsSentAgainAtOnceByTheSameWorkerBeforeOtherDueDeliveries() throws Exception {
        List<String> order = run("retry_at_once", Receiver.Answer.status(500));

        assertThat(order).containsExactly("a", "a", "b", "c");
        assertThat(attempts("a")).containsExactly(500, 204);
        assertThat(receiver.overlaps()).isZero();
    }

    @Test
    void aRetryThatIsNotDueAtOnceGoesBackToTheClaimBehindTheDueOnes() throws Exception {
        List<String> order = run("retry_later", Receiver.Answer.status(503).retryAfter("1"));

        assertThat(order).containsExactly("a", "b", "c", "a");
        assertThat(attempts("a")).containsExactly(503, 204);
    }

    @Test
    void onH2TooAFirstFailureIsSentAgainAtOnce() throws Exception {
        DataSource ds = TestDatabases.h2("webhooks_retry_at_once");
        DataSourceTransactionManager tx = new DataSourceTransactionManager(ds);
        NotificationModule notifications = QuietNotifications.module(ds, tx, Clock.systemUTC(), "h2");
        WebhooksModule m = WebhooksModule.create(ds, tx, new JdkHttpTransport(Duration.ofSeconds(2),
                Clock.systemUTC()), notifications.notifications(), Clock.systemUTC(), settings(),
                WebhookWorld.SECRETS_KEY);
        receiver = new Receiver();
        receiver.then(Receiver.Answer.status(500));
        receiver.rule(r -> Receiver.Answer.status(204));
        try {
            m.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
            for (String key : List.of("a", "b", "c")) {
                new TransactionTemplate(tx).executeWithoutResult(st -> m.webhooks().emit(event(
                        EventType.SUPERVISION_REPLIED, "case:" + key, key, Instant.now(), 5, 2, 1)));
            }
            m.dispatcher().start();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 4);
            assertThat(keys()).containsExactly("a", "a", "b", "c");
        } finally {
            m.dispatcher().close();
        }
    }

    private static WebhookSettings settings() {
        return new WebhookSettings("once", 1, Duration.ofSeconds(2), Duration.ofSeconds(8),
                RetrySchedule.STANDARD_WEBHOOKS, Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(24),
                Duration.ofMillis(200)).withBacklogWorkers(1); // one delivery at a time: the order is the claim's
    }

    private List<String> keys() {
        return receiver.requests().stream().map(r -> r.body().replaceAll(".*\"key\":\"([a-c])\".*", "$1")).toList();
    }

    private List<String> run(String database, Receiver.Answer firstAnswer) throws Exception {
        world = new WebhookWorld(database, Clock.systemUTC());
        receiver = new Receiver();
        receiver.then(firstAnswer);
        receiver.rule(r -> Receiver.Answer.status(204));
        WebhooksModule m = world.module(settings());
        m.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
        int change = 0;
        for (String key : List.of("a", "b", "c")) { // three cases, all due before the dispatcher starts
            world.emitWithChange(m.webhooks(), ++change, event(EventType.SUPERVISION_REPLIED, "case:" + key, key,
                    Instant.now(), 5, 2, 1));
        }
        m.dispatcher().start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> world.jdbc
                .sql("select count(*) from webhook_delivery where state = 'DELIVERED'").query(Integer.class)
                .single() == 3);
        return keys();
    }

    private List<Integer> attempts(String key) {
        return world.jdbc.sql("select a.status from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id"
                + " join webhook_message m on m.id = d.message_id where m.dedupe_key = ? order by a.attempt")
                .param(key).query(Integer.class).list();
    }
}
