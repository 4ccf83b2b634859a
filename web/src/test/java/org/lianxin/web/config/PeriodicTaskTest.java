package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void runsAtItsIntervalGoesOnAfterAFailureAndStopsWhenStopped() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("test task", Duration.ofMillis(20), () -> {
            if (runs.incrementAndGet() == 1) throw new IllegalStateException("database away");
        });
        assertThat(task.start()).isTrue();
        try {
            assertThat(task.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        } finally {
            task.stop();
        }
        assertThat(task.isRunning()).isFalse();
        int after = runs.get();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() <= after + 1);
    }

    @Test
    void zeroMeansNever() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("test task", Duration.ZERO, runs::incrementAndGet);
        assertThat(task.start()).isFalse();
        assertThat(task.isRunning()).isFalse();
        task.stop();
        assertThat(runs).hasValue(0);
    }

    @Test
    void aFailedRunNowIsLoggedNotThrown() {
        PeriodicTask task = new PeriodicTask("test task", Duration.ofHours(1), () -> {
            throw new IllegalStateException("database away");
        });
        task.runOnce();
        assertThat(task.isRunning()).isFalse();
    }
}
