package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.web.cluster.ClusterLease;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.Leases;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application instances in one JVM, sharing the test PostgreSQL, each with the same periodic job on its own timer
 * (as {@link ClusterJobs} builds them in the application): the job runs on one instance at a time; after that
 * instance stops, on the other at once; after it hangs, on the other once its lease ran out (and not again on the old
 * holder when it is back).
 */
class ClusterJobsPostgresIT {
    private static final Duration EVERY = Duration.ofMillis(200);

    private final DataSource db = TestDatabases.postgres("cluster_jobs");
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private PeriodicTask a;
    private PeriodicTask b;

    /** An instance: its own holder id and lease store over the shared database; 10 intervals of lease (2 s). */
    private PeriodicTask instance(String holder) {
        return instance(new ClusterLease(db, Clock.systemUTC(), holder));
    }

    private PeriodicTask instance(Leases leases) {
        String holder = leases.holder();
        ClusterJobs jobs = new ClusterJobs(leases, 10);
        return jobs.periodic("bulletin issuer", Duration.ZERO, EVERY, () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                runs.add(holder);
            } finally {
                running.decrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        if (a != null) a.stop();
        if (b != null) b.stop();
    }

    @Test
    void theJobRunsOnOneInstanceAtATimeAndOnTheOtherAfterItsHolderStops() {
        a = instance("app-a:101:aaaa");
        b = instance("app-b:202:bbbb");
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= 10);

        List<String> before = List.copyOf(runs);
        String first = before.get(0);
        String other = first.startsWith("app-a") ? "app-b:202:bbbb" : "app-a:101:aaaa";
        assertThat(before).as("while both run, only the holder runs the job").containsOnly(first);
        JdbcClient jdbc = JdbcClient.create(db);
        assertThat(jdbc.sql("select holder from cluster_lease where name = 'bulletin issuer'").query(String.class)
                .single()).isEqualTo(first);

        (first.equals("app-a:101:aaaa") ? a : b).stop(); // the holder stops: it gives the lease up
        int stoppedAt = runs.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.subList(stoppedAt, runs.size()).stream()
                .filter(other::equals).count() >= 5);

        assertThat(runs.subList(stoppedAt, runs.size())).as("after the stop, only the other instance")
                .containsOnly(other);
        assertThat(jdbc.sql("select holder || ' ' || epoch from cluster_lease where name = 'bulletin issuer'")
                .query(String.class).single()).isEqualTo(other + " 2");
        assertThat(overlaps).as("never two runs at once").hasValue(0);
    }

    @Test
    void whenTheHolderHangsTheOtherTakesTheJobOnceTheLeaseRunsOutAndTheOldHolderDoesNotRunItAgain() {
        Frozen frozenA = new Frozen(new ClusterLease(db, Clock.systemUTC(), "app-a:101:aaaa"));
        a = instance(frozenA);
        a.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= 3);
        b = instance("app-b:202:bbbb");
        b.start();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> !runs.contains("app-b:202:bbbb"));

        frozenA.frozen = true; // a hangs (a long pause, its database link cut): it neither runs nor renews
        int hungAt = runs.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.subList(hungAt, runs.size()).stream()
                .filter("app-b:202:bbbb"::equals).count() >= 3);
        JdbcClient jdbc = JdbcClient.create(db);
        assertThat(jdbc.sql("select holder || ' ' || epoch from cluster_lease where name = 'bulletin issuer'")
                .query(String.class).single()).isEqualTo("app-b:202:bbbb 2");

        frozenA.frozen = false; // a is back: it finds the job taken
        int backAt = runs.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= backAt + 5);
        assertThat(runs.subList(backAt, runs.size())).containsOnly("app-b:202:bbbb");
        assertThat(overlaps).as("never two runs at once").hasValue(0);
    }

    /** An instance's leases that can be made to hang: while frozen, asking for a lease fails as a lost link does. */
    private static final class Frozen implements Leases {
        private final Leases leases;
        volatile boolean frozen;

        Frozen(Leases leases) {
            this.leases = leases;
        }

        @Override
        public String holder() {
            return leases.holder();
        }

        @Override
        public Optional<Lease> acquire(String name, Duration term) {
            if (frozen) {
                throw new IllegalStateException("paused: no answer from the database");
            }
            return leases.acquire(name, term);
        }

        @Override
        public void release(String name) {
            leases.release(name);
        }
    }
}
