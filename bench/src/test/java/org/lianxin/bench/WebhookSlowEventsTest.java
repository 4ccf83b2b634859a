package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each slow event put under the first cause that fits, from the receiver's record of its attempts. */
class WebhookSlowEventsTest {
    static final long MS = 1_000_000L;

    @Test
    void sortsSlowEventsByCauseAndMeasuresPickupAndRetryGaps() {
        List<WebhookProducer.Produced> produced = new ArrayList<>();
        Map<String, WebhookReceiver.Seen> seen = new HashMap<>();
        // a 503 Retry-After 1 first: costs any sender a second
        add(produced, seen, "a", 0, 0, 1_000, new long[] {1_010, 1_011, 5031}, new long[] {2_100, 2_101, 204});
        // picked up 600 ms late, answered at once
        add(produced, seen, "b", 1, 0, 3_000, new long[] {3_600, 4_100, 204});
        // failed at once, retried 700 ms later
        add(produced, seen, "c", 2, 0, 5_000, new long[] {5_010, 5_011, 500}, new long[] {5_711, 6_100, 204});
        // its case's previous event (c) delivered after this one committed and more than 500 ms after: behind its case
        add(produced, seen, "c2", 2, 1, 5_050, new long[] {6_110, 6_120, 204});
        // fast: not slow, but its pickup counts
        add(produced, seen, "e", 3, 0, 8_000, new long[] {8_020, 8_021, 204});

        WebhookSlowEvents s = WebhookSlowEvents.of(produced, seen, List.of());

        assertThat(s.causes).containsEntry("first_answer_costs_1s", 1).containsEntry("pickup", 1)
                .containsEntry("retry_gap", 1).containsEntry("behind_case", 1).containsEntry("other", 0);
        assertThat(s.pickups).containsExactlyInAnyOrder(10.0, 600.0, 10.0, 10.0, 20.0);
        assertThat(s.retryGaps).containsExactlyInAnyOrder(1_089.0, 700.0);
    }

    private static void add(List<WebhookProducer.Produced> produced, Map<String, WebhookReceiver.Seen> seen,
                            String key, int c, int step, long commitMs, long[]... tries) {
        produced.add(new WebhookProducer.Produced(key, c, step, commitMs * MS));
        WebhookReceiver.Seen s = new WebhookReceiver.Seen("{}");
        for (long[] t : tries) {
            s.tries.add(new long[] {t[0] * MS, t[1] * MS, t[2]});
            if (t[2] / 100 == 2) {
                s.firstOkNanos.compareAndSet(0, t[1] * MS);
            }
        }
        seen.put(key, s);
    }
}
