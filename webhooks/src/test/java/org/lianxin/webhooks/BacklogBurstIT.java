package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.webhooks.WebhookWorld.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lianxin.webhooks.testing.Receiver;

/**
 * Issue 13: while a backlog is worked off — a claim finds every worker's worth due — a dispatcher sends up to four times
 * its {@code workers} at once (the events committed meanwhile wait behind the backlog, and a backlog mostly waits on
 * answers). Counted at the receiver, which holds each request a
 * second: requests in flight at once.
 */
class BacklogBurstIT extends WorldWithReceiver {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    @Test
    void aBacklogIsSentWithMoreThanTheWorkersAtOnceAndAtMostFourTimesThem() throws Exception {
        world = new WebhookWorld("webhooks_burst", Clock.systemUTC());
        receiver = new Receiver();
        receiver.rule(r -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1000); // a slow receiver: what holds the workers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return Receiver.Answer.status(200);
        });
        WebhookSettings settings = WebhookWorld.settings("burst", Duration.ofHours(1)); // 2 workers, 2 s timeout
        WebhooksModule m = world.module(settings);
        m.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
        int cases = 40;
        for (int c = 0; c < cases; c++) {
            world.emitWithChange(m.webhooks(), c, event(EventType.SUPERVISION_REPLIED, "case:" + c, "k" + c,
                    Instant.now(), 5, 2, 1));
        }
        m.dispatcher().start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> delivered() == cases);

        assertThat(most.get()).as("requests in flight at once during the backlog (workers: %d)", settings.workers())
                .isGreaterThan(settings.workers()).isLessThanOrEqualTo(settings.workers() * 4);
        assertThat(receiver.requests()).hasSize(cases);

    }

    int delivered() {
        return world.jdbc.sql("select count(*) from webhook_delivery where state = 'DELIVERED'").query(Integer.class)
                .single();
    }
}
