package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Claims of one room racing on one instance (a REST ticket and a page's join arrive together after a node restarted):
 * whichever takes the room's lease, the others are told the room is here — never "elsewhere" naming this very instance,
 * which sends a page to reconnect to where it already is (a 313 to itself). On H2: the previous run's row (same public
 * name, another holder id, its term still running) is taken by compare-and-set, as a dead owner's is on PostgreSQL.
 */
class RoomPlacementRaceIT {
    private static final Duration TERM = Duration.ofSeconds(6);
    private static final int CLAIMS = 4;
    private final ExecutorService pool = Executors.newFixedThreadPool(CLAIMS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void claimsRacingForThePreviousRunsRoomAreAllToldItIsHere() throws Exception {
        DataSource db = TestDatabases.h2("placement-race");
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
        for (int round = 0; round < 30; round++) {
            String room = "room-" + round;
            ClusterLease previousRun = new ClusterLease(db, clock, "app1:" + round + ":0a0a0a0a", "app1");
            assertThat(previousRun.acquire(RoomPlacement.leaseName(room), TERM)).isPresent();
            RoomPlacement app1 = new RoomPlacement(new ClusterLease(db, clock, "app1:" + round + ":0b0b0b0b", "app1"),
                    clock, "app1", TERM, db, new DataSourceTransactionManager(db));

            CyclicBarrier start = new CyclicBarrier(CLAIMS);
            List<Future<RoomPlacement.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < CLAIMS; i++) {
                RoomPlacementRule.Purpose purpose = i % 2 == 0 ? RoomPlacementRule.Purpose.OPEN
                        : RoomPlacementRule.Purpose.JOIN;
                claims.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return app1.claim(room, purpose);
                }));
            }
            long epoch = -1;
            for (Future<RoomPlacement.Claim> f : claims) {
                RoomPlacement.Claim c = f.get(30, TimeUnit.SECONDS);
                assertThat(c.kind()).as("round %d: %s", round, c).isEqualTo(RoomPlacementRule.Decision.Kind.TAKE);
                assertThat(c.here()).isTrue();
                assertThat(c.lease()).isNotNull();
                epoch = epoch < 0 ? c.lease().epoch() : epoch;
                assertThat(c.lease().epoch()).as("round %d: one tenure", round).isEqualTo(epoch);
            }
            assertThat(epoch).as("taken from the previous run: epoch + 1").isEqualTo(2);
        }
    }
}
