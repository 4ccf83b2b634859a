package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code bench webhooks} sized for CI, on every run: 2 000 events from real booking and supervision changes (every
 * 4th case supervised: booked, then a supervision order opened, replied, accepted), the dispatcher's JVM killed with
 * {@code kill -9} once mid-stream and restarted, a receiver failing 20 % of first attempts — nothing lost, every
 * case's events in order, no more duplicates at the kill than messages then in flight, every event committed in the
 * outbox and every delivery signed. Two dispatcher nodes, as the bench runs by default: the live one takes the
 * killed one's leases as soon as its lock is free. No baseline (it measures nothing CI checks). Needs the throwaway
 * PostgreSQL of {@code ./lianxin test}.
 */
class WebhookBenchIT {

    @Test
    void twoThousandEventsThroughAKillNoneLostInOrderAndDuplicatesOnlyInFlight() throws Exception {
        WebhookResult r = WebhookBench.run(2000, 1, 150, 2, "bench_webhooks_it", false);

        assertThat(r.events()).isEqualTo(2000);
        assertThat(r.queued()).as("every committed change has its event in the outbox").isEqualTo(2000);
        assertThat(r.lost()).as("lost").isZero();
        assertThat(r.delivered()).isEqualTo(2000);
        assertThat(r.supervisionDelivered()).as("supervision items' events delivered (every 4th case supervised:"
                + " opened, replied, accepted)")
                .isEqualTo(3 * (2000 / WebhookProducer.STEPS / WebhookProducer.SUPERVISED));
        assertThat(r.outOfOrder()).as("a case's event delivered before an earlier one").isZero();
        assertThat(r.duplicates() - r.afterTimeouts()).as("duplicates at the kill").isLessThanOrEqualTo(r.inFlight());
        assertThat(r.unknown()).as("deliveries of no committed change").isZero();
        assertThat(r.badSignatures()).as("deliveries whose webhook-signature did not verify").isZero();
        assertThat(r.windows()).hasSize(1);
        // No assertion that anything was delivered after the killed node's restart: the live node may have sent every
        // event before it is up (seen at load 59: a 65 s restart, all 2 000 delivered by the other node meanwhile).
        assertThat(r.passed()).isTrue();
    }
}
