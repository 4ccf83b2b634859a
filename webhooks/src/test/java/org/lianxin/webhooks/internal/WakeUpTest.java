package org.lianxin.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WakeUpTest {

    /** {@code n} threads each waiting up to a minute after the current generation; counts those that returned. */
    static List<Thread> waiters(WakeUp wake, int n, AtomicInteger returned) {
        List<Thread> threads = new ArrayList<>();
        long seen = wake.generation();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                try {
                    wake.awaitAfter(seen, 60_000);
                    returned.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream()
                .allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        return threads;
    }

    @Test
    void aRaiseWakesOneWaiterAndRaiseAllTheRest() {
        WakeUp wake = new WakeUp();
        AtomicInteger returned = new AtomicInteger();
        List<Thread> threads = waiters(wake, 3, returned);
        wake.raise();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(returned.get()).isEqualTo(1));
        assertThat(threads.stream().filter(Thread::isAlive).count()).as("the other two still wait").isEqualTo(2);
        wake.raiseAll();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(returned.get()).isEqualTo(3));
    }

    @Test
    void aRaiseBeforeTheWaitIsNotLost() throws InterruptedException {
        WakeUp wake = new WakeUp();
        long seen = wake.generation();
        wake.raise();
        long t0 = System.nanoTime();
        wake.awaitAfter(seen, 60_000);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
}
