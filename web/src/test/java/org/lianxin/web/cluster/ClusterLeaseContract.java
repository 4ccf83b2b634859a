package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lease's rules against a real database: run once on PostgreSQL and once on H2. Every instance is a
 * {@link ClusterLease} of its own holder over the one database, all on one clock the test moves (no sleeps).
 */
abstract class ClusterLeaseContract {
    static final Duration TERM = Duration.ofSeconds(15);

    DataSource db;
    JdbcClient jdbc;
    MutableClock clock;

    abstract DataSource freshDatabase();

    @BeforeEach
    void database() {
        db = freshDatabase();
        jdbc = JdbcClient.create(db);
        jdbc.sql("create table fence_probe (writer varchar(200) not null, epoch bigint not null)").update();
        clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    }

    ClusterLease instance(String holder) {
        return new ClusterLease(db, clock, holder);
    }

    @Test
    void twoHoldersRacingForANewLeaseLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 20; round++) {
            String name = "job-" + round;
            List<Optional<Lease>> results = race(List.of(instance("a:1:01"), instance("b:2:02")), name);
            assertThat(results.stream().filter(Optional::isPresent).count()).as("round %d", round).isEqualTo(1);
            Lease won = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
            assertThat(won.epoch()).isEqualTo(1);
            assertThat(holderOf(name)).isEqualTo(won.holder());
        }
    }

    @Test
    void renewalKeepsTheLeaseAndItsEpoch() {
        ClusterLease a = instance("a:1:01");
        ClusterLease b = instance("b:2:02");
        Lease first = a.acquire("sweep", TERM).orElseThrow();
        for (int i = 0; i < 5; i++) { // renewed every 10 s of a 15 s term: never free for b
            clock.advance(Duration.ofSeconds(10));
            assertThat(b.acquire("sweep", TERM)).isEmpty();
            Lease renewed = a.acquire("sweep", TERM).orElseThrow();
            assertThat(renewed.epoch()).isEqualTo(first.epoch());
            assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(TERM));
        }
        assertThat(a.holds(first)).isTrue();
    }

    @Test
    void expiryHandsTheLeaseOverWithTheNextEpoch() {
        ClusterLease a = instance("a:1:01");
        ClusterLease b = instance("b:2:02");
        Lease old = a.acquire("sweep", TERM).orElseThrow();
        clock.advance(TERM); // not yet: expires_at is not before now
        assertThat(b.acquire("sweep", TERM)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        Lease taken = b.acquire("sweep", TERM).orElseThrow();
        assertThat(taken.epoch()).isEqualTo(old.epoch() + 1);
        assertThat(taken.holder()).isEqualTo("b:2:02");
        assertThat(a.acquire("sweep", TERM)).as("the old holder, back, finds it taken").isEmpty();
        assertThat(a.holds(old)).isFalse();
    }

    @Test
    void theOldHoldersFencedWriteIsRefusedAndWritesNothing() {
        ClusterLease a = instance("a:1:01");
        ClusterLease b = instance("b:2:02");
        Lease old = a.acquire("room-17", TERM).orElseThrow();
        int written = a.fenced(old, c -> probe(c, "a", old));
        assertThat(written).isEqualTo(1);

        clock.advance(TERM.plusSeconds(1)); // a paused (GC, a frozen VM) past its term; b took over
        Lease current = b.acquire("room-17", TERM).orElseThrow();
        assertThatThrownBy(() -> a.fenced(old, c -> probe(c, "a", old)))
                .isInstanceOf(LeaseLostException.class)
                .satisfies(e -> assertThat(((LeaseLostException) e).rule()).isEqualTo("lease-lost"));
        written = b.fenced(current, c -> probe(c, "b", current));
        assertThat(written).isEqualTo(1);

        assertThat(jdbc.sql("select writer || ':' || epoch from fence_probe order by epoch").query(String.class).list())
                .containsExactly("a:1", "b:2");
    }

    @Test
    void anExpiredLeaseFencesItsHoldersWritesEvenBeforeAnotherTakesIt() {
        ClusterLease a = instance("a:1:01");
        Lease lease = a.acquire("room-18", TERM).orElseThrow();
        clock.advance(TERM);
        assertThatThrownBy(() -> a.fenced(lease, c -> probe(c, "a", lease))).isInstanceOf(LeaseLostException.class);
        assertThat(jdbc.sql("select count(*) from fence_probe").query(Integer.class).single()).isZero();
    }

    @Test
    void aFencedWriteThatFailsLeavesNothingBehind() {
        ClusterLease a = instance("a:1:01");
        Lease lease = a.acquire("room-19", TERM).orElseThrow();
        assertThatThrownBy(() -> a.fenced(lease, c -> {
            probe(c, "a", lease);
            throw new IllegalStateException("the second half failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("select count(*) from fence_probe").query(Integer.class).single()).isZero();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceWithTheNextEpoch() {
        ClusterLease a = instance("a:1:01");
        ClusterLease b = instance("b:2:02");
        Lease old = a.acquire("sweep", TERM).orElseThrow();
        b.release("sweep"); // not b's: nothing happens
        assertThat(b.acquire("sweep", TERM)).isEmpty();
        a.release("sweep");
        assertThat(holderOf("sweep")).isNull();
        Lease taken = b.acquire("sweep", TERM).orElseThrow();
        assertThat(taken.epoch()).isEqualTo(old.epoch() + 1);
        assertThat(a.holds(old)).isFalse();
    }

    @Test
    void manyInstancesOverManyRoundsNeverHoldALeaseTogether() throws Exception {
        List<ClusterLease> instances = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            instances.add(instance("node-" + i + ":" + (1000 + i) + ":" + Integer.toHexString(0xa0 + i)));
        }
        String name = "contended";
        String lastHolder = null;
        long lastEpoch = 0;
        int handovers = 0;
        for (int round = 0; round < 60; round++) {
            if (round % 3 == 2) {
                clock.advance(TERM.plusMillis(1)); // every third round the lease has run out: all race to take it
            } else {
                clock.advance(Duration.ofSeconds(1));
            }
            List<Optional<Lease>> results = race(instances, name);
            List<Lease> winners = results.stream().flatMap(Optional::stream).toList();
            assertThat(winners).as("holders in round %d", round).hasSize(1);
            Lease won = winners.get(0);
            assertThat(holderOf(name)).isEqualTo(won.holder());
            if (won.holder().equals(lastHolder)) {
                assertThat(won.epoch()).as("renewal keeps the epoch").isEqualTo(lastEpoch);
            } else {
                assertThat(won.epoch()).as("a new holder: one more").isEqualTo(lastEpoch + 1);
                handovers++;
            }
            lastHolder = won.holder();
            lastEpoch = won.epoch();
        }
        assertThat(handovers).as("expiries changed hands under contention").isGreaterThan(1);
    }

    /** Every instance asks for the lease at the same moment, each on its own thread. */
    private List<Optional<Lease>> race(List<ClusterLease> instances, String name) throws Exception {
        CyclicBarrier start = new CyclicBarrier(instances.size());
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            List<Future<Optional<Lease>>> futures = new ArrayList<>();
            for (ClusterLease instance : instances) {
                futures.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return instance.acquire(name, TERM);
                }));
            }
            List<Optional<Lease>> results = new ArrayList<>();
            for (Future<Optional<Lease>> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private String holderOf(String name) {
        return jdbc.sql("select holder from cluster_lease where name = ?").param(name).query(String.class).optional()
                .orElse(null);
    }

    private static int probe(java.sql.Connection c, String writer, Lease lease) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into fence_probe (writer, epoch) values (?, ?)")) {
            s.setString(1, writer);
            s.setLong(2, lease.epoch());
            return s.executeUpdate();
        }
    }
}
