package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.webhooks.WebhookWorld.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lianxin.webhooks.testing.Receiver;

/**
 * Issue 13: a dispatcher restarted after a {@code kill -9} finds a backlog — every case with several events queued,
 * and the dead node's leased deliveries holding their cases — and must drain it about as fast as it sends a backlog
 * without either. Before the fix each claim filtered every pending delivery, and on a table without statistics yet
 * (a young one: the bench's first restart) probed each one's case through the endpoint's whole history: seconds per
 * claim, a few deliveries a second. Autovacuum is off for the table here, so that its statistics stay those of a young
 * table whatever the machine's timing. The rates are compared with each other, never with a wall-clock bound.
 */
class BacklogAfterRestartIT extends WorldWithReceiver {
    static final int WORKERS = 16;
    int change;

    static WebhookSettings settings(String node) {
        WebhookSettings d = WebhookSettings.defaults(node);
        return new WebhookSettings(node, WORKERS, Duration.ofSeconds(2), Duration.ofSeconds(7), d.retry(),
                d.giveUpAfter(), d.maxRetryAfter(), d.rotationGrace(), d.pollInterval());
    }

    @Test
    void aRestartedDispatcherDrainsABacklogHeldByDeadLeasesAsFastAsAPlainOne() throws Exception {
        world = new WebhookWorld("webhooks_backlog", Clock.systemUTC());
        world.jdbc.sql("alter table webhook_delivery set (autovacuum_enabled = false)").update();
        receiver = new Receiver();
        WebhooksModule first = world.module(settings("first"));
        first.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
        first.dispatcher().start();
        emitCases(first, "warm", 100, 1);
        awaitDelivered(100, Duration.ofSeconds(60));

        // baseline: a backlog of one event per case, nothing leased
        first.dispatcher().close();
        int plain = 400;
        emitCases(first, "plain", plain, 1);
        WebhooksModule second = world.module(settings("second"));
        long t0 = System.nanoTime();
        second.dispatcher().start();
        awaitDelivered(100 + plain, Duration.ofSeconds(60));
        double baseline = plain / seconds(t0);
        second.dispatcher().close();

        // the bench's backlog after a kill: cases of four events each, queued in batches, and the dead node's
        // leases (still running) on the first pending event of 16 cases
        int cases = 600;
        Map<String, List<String>> emitted = emitCases(first, "kill", cases, 4);
        int dead = world.jdbc.sql("update webhook_delivery set lease_until = ?, leased_by = 'dead', lease_token = 'dead'"
                        + " where id in (select min(id) from webhook_delivery where state = 'PENDING'"
                        + " group by case_key order by min(id) desc limit 16)")
                .param(Instant.now().plus(Duration.ofMinutes(10)).atOffset(java.time.ZoneOffset.UTC)).update();
        assertThat(dead).isEqualTo(16);
        WebhooksModule restarted = world.module(settings("restarted"));
        t0 = System.nanoTime();
        restarted.dispatcher().start();
        int drainable = cases * 4 - dead * 4;
        awaitDelivered(100 + plain + drainable, Duration.ofSeconds(Math.max(60, Math.round(4 * drainable / baseline))));
        double afterKill = drainable / seconds(t0);
        System.out.printf("BacklogAfterRestartIT: plain backlog %.0f/s, after the kill %.0f/s%n", baseline, afterKill);
        assertThat(afterKill).as("deliveries/s draining the backlog after the kill vs a plain backlog (%.0f/s)",
                baseline).isGreaterThan(baseline / 3);

        // the dead node's leases lapse: those deliveries go at once, not counted as failed attempts
        world.jdbc.sql("update webhook_delivery set lease_until = ? where leased_by = 'dead'")
                .param(Instant.now().atOffset(java.time.ZoneOffset.UTC)).update();
        restarted.dispatcher().wake();
        awaitDelivered(100 + plain + cases * 4, Duration.ofSeconds(60));
        assertThat(world.jdbc.sql("select max(attempts) from webhook_delivery").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(receiver.requests()).hasSize(100 + plain + cases * 4);
        Map<String, List<String>> received = new LinkedHashMap<>();
        for (Receiver.Request r : receiver.requests()) {
            String key = r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
            if (key.startsWith("kill")) {
                received.computeIfAbsent(key.substring(0, key.lastIndexOf('-')), k -> new ArrayList<>()).add(key);
            }
        }
        assertThat(received).as("each case's events in the order queued").isEqualTo(emitted);
    }

    /** {@code cases} cases of {@code perCase} events, queued as the bench does: in batches of 300 cases, all first events, then all second… */
    private Map<String, List<String>> emitCases(WebhooksModule m, String prefix, int cases, int perCase) {
        Map<String, List<String>> emitted = new LinkedHashMap<>();
        for (int batch = 0; batch < cases; batch += 300) {
            for (int e = 0; e < perCase; e++) {
                for (int from = batch; from < Math.min(cases, batch + 300); from += 50) {
                    int to = Math.min(Math.min(cases, batch + 300), from + 50);
                    int ev = e;
                    List<String> keys = new ArrayList<>();
                    for (int c = from; c < to; c++) {
                        String kase = prefix + c;
                        String key = kase + "-" + ev;
                        emitted.computeIfAbsent(kase, k -> new ArrayList<>()).add(key);
                        keys.add(key);
                    }
                    world.tx.executeWithoutResult(s -> {
                        for (String key : keys) {
                            world.jdbc.sql("insert into changed_thing (id) values (?)").param(++change).update();
                            m.webhooks().emit(event(EventType.SUPERVISION_REPLIED,
                                    "case:" + key.substring(0, key.lastIndexOf('-')), key, Instant.now(), 5, 2, 1));
                        }
                    });
                }
            }
        }
        return emitted;
    }

    private void awaitDelivered(int n, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> world.jdbc.sql(
                "select count(*) from webhook_delivery where state = 'DELIVERED'").query(Integer.class).single() >= n);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
