package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.webhooks.WebhookWorld.event;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.lianxin.webhooks.testing.Receiver;
import org.lianxin.webhooks.testing.Receiver.Answer;

/**
 * Two app instances' dispatchers (4 workers each) on one PostgreSQL: every event is sent by one of them at a time,
 * none twice while it is in flight, none lost, each case's events in order — with a receiver that fails a fifth of
 * the first attempts and is slow now and then.
 */
class TwoDispatchersIT extends WorldWithReceiver {

    @Test
    void twoNodesNeverSendTheSameEventAtOnceAndKeepEachCaseInOrder() throws Exception {
        world = new WebhookWorld("webhooks_two", Clock.systemUTC());
        receiver = new Receiver();
        Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        receiver.rule(r -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextInt(5) == 0 && failedOnce.add(r.id())) {
                return Answer.status(503).retryAfter("0");
            }
            return Answer.status(200).slow(random.nextInt(10) == 0 ? 40 : 0);
        });
        WebhookSettings fast = new WebhookSettings("a", 4, Duration.ofSeconds(2), Duration.ofSeconds(8),
                RetrySchedule.doubling(Duration.ofMillis(50), Duration.ofMillis(200)), Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofHours(1), Duration.ofMillis(100));
        WebhooksModule a = world.module(fast);
        WebhooksModule b = world.module(new WebhookSettings("b", 4, fast.timeout(), fast.lease(), fast.retry(),
                fast.giveUpAfter(), fast.maxRetryAfter(), fast.rotationGrace(), fast.pollInterval()));
        a.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
        a.dispatcher().start();
        b.dispatcher().start();

        int cases = 20;
        int perCase = 15;
        Map<String, List<String>> emitted = new LinkedHashMap<>();
        int change = 0;
        for (int i = 0; i < perCase; i++) {
            for (int c = 0; c < cases; c++) {
                String key = "c" + c + "-e" + i;
                emitted.computeIfAbsent("case:" + c, k -> new ArrayList<>()).add(key);
                Webhooks side = (change % 2 == 0 ? a : b).webhooks();
                world.emitWithChange(side, ++change, event(EventType.SUPERVISION_REPLIED, "case:" + c, key,
                        java.time.Instant.now(), 5, 2, 1));
            }
        }
        int total = cases * perCase;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                world.jdbc.sql("select count(*) from webhook_delivery where state = 'DELIVERED'").query(Integer.class)
                        .single() == total);

        assertThat(receiver.overlaps()).as("an event received while the same one was in flight").isZero();
        List<Receiver.Request> got = receiver.requests();
        Map<String, List<String>> firstSuccessOrder = new LinkedHashMap<>();
        Map<String, Integer> receivedPerId = new LinkedHashMap<>();
        for (Receiver.Request r : got) {
            receivedPerId.merge(r.id(), 1, Integer::sum);
        }
        assertThat(receivedPerId).hasSize(total);
        assertThat(receivedPerId.values()).allMatch(n -> n <= 2); // a first attempt failed at most once
        assertThat(world.jdbc.sql("select count(*) from webhook_attempt a join webhook_delivery d"
                + " on d.id = a.delivery_id where a.status = 200").query(Integer.class).single())
                .as("each delivered exactly once with success").isEqualTo(total);
        assertThat(world.jdbc.sql("select count(distinct node) from webhook_attempt").query(Integer.class).single())
                .as("both nodes did part of the work").isEqualTo(2);

        // order per case: the sequence in which each case's keys were last received (their successes) is the emitted one
        for (Receiver.Request r : got) {
            String key = r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
            String kase = "case:" + key.substring(1, key.indexOf('-'));
            List<String> seq = firstSuccessOrder.computeIfAbsent(kase, k -> new ArrayList<>());
            seq.remove(key);
            seq.add(key);
        }
        assertThat(firstSuccessOrder).isEqualTo(emitted);
    }
}
