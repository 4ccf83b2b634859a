package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.web.cluster.InMemoryLeases;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.Leases;

class PeriodicTaskTest {

    @Test
    void runsAtItsIntervalGoesOnAfterAFailureAndStopsWhenStopped() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = TestClusterJobs.alone().periodic("test task", Duration.ofMillis(20), () -> {
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
        PeriodicTask task = TestClusterJobs.alone().periodic("test task", Duration.ZERO, runs::incrementAndGet);
        assertThat(task.start()).isFalse();
        assertThat(task.isRunning()).isFalse();
        task.stop();
        assertThat(runs).hasValue(0);
    }

    @Test
    void aFailedRunNowIsLoggedNotThrown() {
        PeriodicTask task = TestClusterJobs.alone().periodic("test task", Duration.ofHours(1), () -> {
            throw new IllegalStateException("database away");
        });
        assertThat(task.runOnce()).isTrue();
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void twoInstancesRunTheJobOnOneOfThemUntilItsLeaseRunsOut() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
        Map<String, ?> table = InMemoryLeases.table();
        AtomicInteger onA = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        PeriodicTask a = new ClusterJobs(new InMemoryLeases(table, clock, "a:1:aa"), 3)
                .periodic("sweep", Duration.ofMinutes(5), onA::incrementAndGet);
        PeriodicTask b = new ClusterJobs(new InMemoryLeases(table, clock, "b:2:bb"), 3)
                .periodic("sweep", Duration.ofMinutes(5), onB::incrementAndGet);

        for (int round = 0; round < 4; round++) { // both wake every interval: only the holder runs
            assertThat(a.runOnce()).isTrue();
            assertThat(b.runOnce()).isFalse();
            clock.advance(Duration.ofMinutes(5));
        }
        clock.advance(Duration.ofMinutes(15)); // a died: its lease (3 intervals) runs out
        assertThat(b.runOnce()).isTrue();
        assertThat(a.runOnce()).as("a, back from a pause, finds the job taken").isFalse();
        assertThat(onA).hasValue(4);
        assertThat(onB).hasValue(1);
    }

    @Test
    void aLeaseThatCannotBeCheckedSkipsTheRun() {
        AtomicInteger runs = new AtomicInteger();
        Leases away = new Leases() {
            @Override
            public String holder() {
                return "x:1:00";
            }

            @Override
            public Optional<Lease> acquire(String name, Duration term) {
                throw new IllegalStateException("database away");
            }

            @Override
            public void release(String name) {
            }
        };
        assertThat(new ClusterJobs(away, 3).periodic("test task", Duration.ofHours(1), runs::incrementAndGet).runOnce())
                .isFalse();
        assertThat(runs).hasValue(0);
    }

    @Test
    void aLeaseLastsTheConfiguredNumberOfIntervals() {
        assertThat(new ClusterJobs(InMemoryLeases.alone(), 4).leaseTerm(Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(20));
    }
}
