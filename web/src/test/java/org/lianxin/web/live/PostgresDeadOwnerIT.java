package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.signaling.live.Connections;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.live.LiveRoomsProbe;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.cluster.ClusterLease;
import org.lianxin.web.cluster.HolderLock;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.LeaseLostException;
import org.lianxin.web.cluster.PostgresHolderLock;
import org.lianxin.web.cluster.RoomPlacement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A dead owner noticed at once on PostgreSQL (issue 14): two instances, each holding its advisory lock on a connection
 * of its own, on one clock the test never moves past a lease's term — so every takeover here is by the lock, none by
 * the lapse. The owner's death is its lock connection's end as PostgreSQL sees a kill -9:
 * {@code pg_terminate_backend} of that session.
 */
class PostgresDeadOwnerIT {
    static final Duration RENEW = Duration.ofSeconds(2);
    static final Duration TERM = RENEW.multipliedBy(3);
    static final RoomSubject.Reception SUBJECT = RoomSubject.reception(43);
    static final String ROOM = SUBJECT.roomId();
    static final URI LB = URI.create("wss://lianxin.example/ws/signaling");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            clock);
    DataSource db;
    JdbcClient jdbc;
    Instance app1;
    Instance app2;

    final class Instance {
        final String node;
        final String holder;
        final HolderLock lock;
        final ClusterLease lease;
        final RoomPlacement placement;
        final MediaEngine media = LiveRoomsProbe.memoryMedia();
        final Connections sent = LiveRoomsProbe.recordedConnections();
        final LiveRooms rooms;
        final RoomLeaseHeartbeat heartbeat;
        final JoinTickets tickets;

        Instance(String node) {
            this.node = node;
            this.holder = "host-" + node + ":1:0a0b0c0d";
            this.lock = new PostgresHolderLock(db, holder);
            assertThat(lock.ensure()).as(node + " holds its lock").isPresent();
            this.lease = new ClusterLease(db, clock, holder, node, lock);
            this.placement = new RoomPlacement(lease, clock, node, TERM, db, new DataSourceTransactionManager(db));
            PlacedRooms owners = new PlacedRooms(placement);
            this.rooms = new LiveRooms(media, tokens, RoomSettings.defaults(), clock, sent,
                    new LiveRoomEvents(List.of(owners)));
            rooms.ownedBy(owners);
            rooms.start();
            this.heartbeat = new RoomLeaseHeartbeat(placement, rooms, RENEW);
            this.tickets = new JoinTickets(rooms, tokens, clock, placement);
        }

        boolean join(String connection, String token) {
            return LiveRoomsProbe.join(rooms, new ConnectionId(connection), ROOM, token, "j-" + connection);
        }

        void write(String what) {
            placement.fenced(ROOM, () -> jdbc.sql("insert into fence_probe (writer, what) values (?, ?)")
                    .params(node, what).update());
        }

        /** As a kill -9 ends it for PostgreSQL: the session holding the lock is gone, nothing else is told. */
        void killLockSession() {
            long key = HolderLock.key(holder);
            // pg_terminate_backend only signals the backend unless given a timeout: wait (≤ 10 s) until it is gone and its
            // lock free, as it is when PostgreSQL notices a killed instance's connection (the lingering case is the
            // lease's, not this test's)
            int killed = jdbc.sql("select count(*) filter (where pg_terminate_backend(pid, 10000)) from pg_locks"
                    + " where locktype = 'advisory'"
                    + " and classid = ?::bigint::oid and objid = ?::bigint::oid and objsubid = 1 and granted")
                    .params(key >>> 32, key & 0xffffffffL).query(Integer.class).single();
            assertThat(killed).as(node + "'s lock session, ended").isEqualTo(1);
        }
    }

    @BeforeEach
    void instances() {
        db = TestDatabases.postgres("deadowner");
        jdbc = JdbcClient.create(db);
        jdbc.sql("create table fence_probe (writer varchar(50) not null, what varchar(50) not null)").update();
        app1 = new Instance("app1");
        app2 = new Instance("app2");
    }

    @AfterEach
    void stop() {
        app1.rooms.stop(Duration.ofSeconds(2));
        app2.rooms.stop(Duration.ofSeconds(2));
        app1.lock.close();
        app2.lock.close();
    }

    String token(Instance at, Role role, String participant) {
        return at.tickets.issue(SUBJECT, role, participant, participant, LB).token();
    }

    long epoch() {
        return jdbc.sql("select epoch from cluster_lease where name = 'room:" + ROOM + "'").query(Long.class).single();
    }

    boolean lockHeld(Instance i) {
        long key = HolderLock.key(i.holder);
        return jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and classid = ?::bigint::oid"
                        + " and objid = ?::bigint::oid and objsubid = 1 and granted")
                .params(key >>> 32, key & 0xffffffffL).query(Integer.class).single() == 1;
    }

    @Test
    void theOwnersLockConnectionClosingLetsTheOtherTakeTheRoomOverAtOnceWithTheNextEpoch() {
        String host = token(app1, Role.HOST, "host");
        String kiosk = token(app1, Role.PETITIONER, "pet");
        assertThat(app1.join("h1", host)).isTrue();
        app1.heartbeat.beat();
        Lease before = app1.placement.held(ROOM).orElseThrow();

        app1.killLockSession();
        // the clock has not moved: app1's lease runs for its whole term still, and yet the join is taken at once
        assertThat(before.validAt(clock.instant().plus(TERM).minusSeconds(1))).isTrue();
        assertThat(app2.join("h2", host)).as("taken over on app2 by the lock").isTrue();
        assertThat(app2.rooms.isOpen(ROOM)).isTrue();
        assertThat(app2.placement.held(ROOM).orElseThrow().epoch()).isEqualTo(before.epoch() + 1);
        assertThat(epoch()).isEqualTo(before.epoch() + 1);
        assertThat(app2.join("k2", kiosk)).isTrue();

        // fencing unchanged: the old owner (had it survived) cannot write for the room any more
        assertThatThrownBy(() -> app1.write("late")).isInstanceOf(LeaseLostException.class);
        app2.write("mine");
        assertThat(jdbc.sql("select count(*) from fence_probe where writer = 'app2'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void anOwnerThatHoldsItsLockIsNeverTakenOverEvenWhenItPausesWithinItsTerm() {
        String host = token(app1, Role.HOST, "host");
        assertThat(app1.join("h1", host)).isTrue();
        for (int i = 0; i < 5; i++) { // app2 asked again and again; app1 renews now and then (it may pause)
            clock.advance(RENEW);
            if (i % 2 == 0) {
                app1.heartbeat.beat();
            }
            assertThat(app2.join("h2-" + i, host)).isFalse();
            assertThat(TwoInstancesContract.lastFailure(app2.sent, "h2-" + i).code()).isEqualTo(ErrorCode.ROOM_ELSEWHERE);
            assertThat(TwoInstancesContract.lastFailure(app2.sent, "h2-" + i).message()).isEqualTo("app1");
        }
        assertThat(app2.rooms.isOpen(ROOM)).isFalse();
        assertThat(epoch()).isEqualTo(1);
        app1.write("still mine");
    }

    @Test
    void aLockFreedWithTheRowNamingAnEarlierServerRunIsNoDeathUntilTheOwnerTookItAgainAndRenewed() {
        String host = token(app1, Role.HOST, "host");
        assertThat(app1.join("h1", host)).isTrue();
        app1.heartbeat.beat();

        // as after a database restart: app1's lock is gone and its row names the run before (one hour older)
        app1.killLockSession();
        jdbc.sql("update cluster_lease set locked_on = locked_on - interval '1 hour' where name = ?")
                .param("room:" + ROOM).update();
        assertThat(app2.join("h2", host)).as("not judged: app1 may be about to take its lock again").isFalse();
        assertThat(TwoInstancesContract.lastFailure(app2.sent, "h2").code()).isEqualTo(ErrorCode.ROOM_ELSEWHERE);

        // app1's next beat takes its lock again (a new connection) and renews under it: alive, still not taken
        clock.advance(RENEW);
        app1.heartbeat.beat();
        assertThat(lockHeld(app1)).isTrue();
        assertThat(app2.join("h3", host)).isFalse();
        assertThat(epoch()).isEqualTo(1);

        // and if it dies now, the row names this run: taken over at once
        app1.killLockSession();
        assertThat(app2.join("h4", host)).isTrue();
        assertThat(epoch()).isEqualTo(2);
    }
}
