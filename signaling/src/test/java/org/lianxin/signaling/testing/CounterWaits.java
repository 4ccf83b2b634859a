package org.lianxin.signaling.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Waits on counters that tests watch (packets received, frames decoded): conditions, not the clock. */
public final class CounterWaits {

    private CounterWaits() {
    }

    /**
     * Waits until {@code counter} has not changed for {@code quiet} (a stream stopped: what was on its
     * way has arrived), failing after {@code within}.
     *
     * @param what names the counter in the failure
     */
    public static void awaitUnchangedFor(String what, LongSupplier counter, Duration quiet, Duration within) {
        long[] last = {counter.getAsLong(), System.nanoTime()};
        await(what + " unchanged for " + quiet.toMillis() + " ms").atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = counter.getAsLong();
                    if (now != last[0]) {
                        last[0] = now;
                        last[1] = System.nanoTime();
                    }
                    return System.nanoTime() - last[1] >= quiet.toNanos();
                });
    }
}
