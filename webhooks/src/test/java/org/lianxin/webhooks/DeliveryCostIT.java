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
 * Issue 13: what the dispatcher asks of the database per delivery, counted on its connections (statements executed
 * and commits: round trips), not timed, so that a busy machine changes nothing. A backlog after a restart is drained
 * by claiming a batch of due heads of distinct cases in one transaction and recording each 2xx in one statement; a
 * claim and a lease, a check of the case, a read of the secrets, then four statements in a second transaction for
 * every delivery (what it did before: about eleven round trips) would fail here.
 */
class DeliveryCostIT extends WorldWithReceiver {
    int change;

    @Test
    void aBacklogIsDrainedInAboutTwoRoundTripsPerDeliveryInEachCasesOrder() throws Exception {
        world = new WebhookWorld("webhooks_cost", Clock.systemUTC());
        receiver = new Receiver();
        WebhooksModule producer = world.module(BacklogAfterRestartIT.settings("producer"));
        producer.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
        int cases = 300;
        int perCase = 3;
        Map<String, List<String>> emitted = new LinkedHashMap<>();
        for (int e = 0; e < perCase; e++) {
            for (int from = 0; from < cases; from += 50) {
                int ev = e;
                int start = from;
                world.tx.executeWithoutResult(s -> {
                    for (int c = start; c < start + 50; c++) {
                        String key = "cost" + c + "-" + ev;
                        emitted.computeIfAbsent("cost" + c, k -> new ArrayList<>()).add(key);
                        world.jdbc.sql("insert into changed_thing (id) values (?)").param(++change).update();
                        producer.webhooks().emit(event(EventType.BOOKING_RESCHEDULED, "case:cost" + c, key,
                                Instant.now(), 5, 2, 1));
                    }
                });
            }
        }
        CountingDataSource counted = new CountingDataSource(world.ds);
        WebhooksModule node = world.module(BacklogAfterRestartIT.settings("node"), counted.dataSource());
        long t0 = System.nanoTime();
        node.dispatcher().start();
        int total = cases * perCase;
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50)).until(() -> world.jdbc.sql(
                "select count(*) from webhook_delivery where state = 'DELIVERED'").query(Integer.class).single() >= total);
        double rate = total / ((System.nanoTime() - t0) / 1e9);
        node.dispatcher().close(); // the counts stop here: what is left is the idle poll
        double perDelivery = (double) counted.roundTrips() / total;
        System.out.printf("DeliveryCostIT: %d deliveries, %d statements, %d commits: %.2f round trips per delivery"
                + " (%.0f deliveries/s, for information: the machine is shared)%n", total, counted.statements(),
                counted.commits(), perDelivery, rate);

        assertThat(receiver.requests()).as("each sent once").hasSize(total);
        Map<String, List<String>> received = new LinkedHashMap<>();
        for (Receiver.Request r : receiver.requests()) {
            String key = r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
            received.computeIfAbsent(key.substring(0, key.lastIndexOf('-')), k -> new ArrayList<>()).add(key);
        }
        assertThat(received).as("each case's events in the order queued").isEqualTo(emitted);
        assertThat(world.jdbc.sql("select count(*) from webhook_attempt").query(Integer.class).single())
                .as("every attempt logged").isEqualTo(total);
        assertThat(world.jdbc.sql("select count(*) from webhook_delivery where lease_token is not null or case_head"
                + " and state <> 'DELIVERED'").query(Integer.class).single()).as("no lease nor head left").isZero();
        assertThat(perDelivery).as("round trips to the database per delivery on a backlog").isLessThan(3.0);
    }
}
