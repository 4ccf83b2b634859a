package org.lianxin.web.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lianxin.supervision.SupervisionSweep;
import org.lianxin.web.config.SupervisionProperties;
import org.lianxin.web.config.TestClusterJobs;

/** The sweep runs at its interval, goes on after a failed run, stops with the application, and 0 turns it off. */
class SupervisionSweeperTest {

    @Test
    void runsAtItsIntervalAndGoesOnAfterAFailure() {
        AtomicInteger runs = new AtomicInteger();
        SupervisionSweep sweep = () -> {
            if (runs.incrementAndGet() == 1) throw new IllegalStateException("database away");
            return new SupervisionSweep.Result(0, 0, 0);
        };
        SupervisionSweeper sweeper = new SupervisionSweeper(sweep, new SupervisionProperties(Duration.ofMillis(20),
                List.of(3, 1)), TestClusterJobs.alone());
        sweeper.start();
        try {
            assertThat(sweeper.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        } finally {
            sweeper.stop();
        }
        assertThat(sweeper.isRunning()).isFalse();
        int after = runs.get();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() <= after + 1);
    }

    @Test
    void zeroTurnsTheSweepOff() {
        AtomicInteger runs = new AtomicInteger();
        SupervisionSweeper sweeper = new SupervisionSweeper(() -> {
            runs.incrementAndGet();
            return new SupervisionSweep.Result(0, 0, 0);
        }, new SupervisionProperties(Duration.ZERO, List.of(3, 1)), TestClusterJobs.alone());
        sweeper.start();
        assertThat(sweeper.isRunning()).isFalse();
        sweeper.stop();
        assertThat(runs).hasValue(0);
    }
}
