package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the tail comes from: behind its own case, behind a window's backlog, or otherwise; each window's drain. */
class WebhookTailTest {
    static final long MS = 1_000_000L;

    @Test
    void sortsTheSlowEventsByWhyTheyWaitedAndMeasuresTheDrainAfterTheWindow() {
        List<WebhookProducer.Produced> produced = new ArrayList<>();
        Map<String, Long> ok = new HashMap<>();
        // window: kill at 10 000 ms, restarted node's first delivery at 14 000 ms
        List<WebhookKills.Window> windows = List.of(new WebhookKills.Window(10_000 * MS, 13_000 * MS, 14_000 * MS));
        // in flight at the kill: committed at 9 990, delivered 17 100 (after the lease)
        add(produced, ok, "a0", 0, 0, 9_990, 17_100);
        // the same case's next event, committed after the window, waits for it: behind its case
        add(produced, ok, "a1", 0, 1, 15_000, 17_200);
        // committed during the window: the backlog (in the window, not in the tail), drained by 16 000
        add(produced, ok, "b0", 1, 0, 12_000, 16_000);
        // committed just after the window's end, waits behind the backlog: after_window
        add(produced, ok, "c0", 2, 0, 14_100, 15_500);
        // far from any window and slow: other (a retry)
        add(produced, ok, "d0", 3, 0, 100_000, 102_000);
        // fast: not in the tail
        add(produced, ok, "e0", 4, 0, 14_500, 14_600);

        WebhookTail t = WebhookTail.of(produced, ok, windows);

        assertThat(t.slow).isEqualTo(3);
        assertThat(t.behindCase).isEqualTo(1);
        assertThat(t.afterWindow).isEqualTo(1);
        assertThat(t.other).isEqualTo(1);
        WebhookTail.Drain d = t.drains.get(0);
        assertThat(d.backlog()).isEqualTo(1);
        assertThat(d.drainMs()).isEqualTo(3_100.0); // a0, committed before the window's end, came last: 17 100
        assertThat(d.lastOldDeliveryMs()).isEqualTo(3_100.0);
        assertThat(d.slowAfter()).isEqualTo(2);
        assertThat(d.lastSlowCommitMs()).isEqualTo(1_000.0);
    }

    private static void add(List<WebhookProducer.Produced> produced, Map<String, Long> ok, String key, int c,
                            int step, long commitMs, long okMs) {
        produced.add(new WebhookProducer.Produced(key, c, step, commitMs * MS));
        ok.put(key, okMs * MS);
    }
}
