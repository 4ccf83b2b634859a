package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.signaling.live.Connections;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.live.LiveRoomsProbe;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.cluster.ClusterLease;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.LeaseLostException;
import org.lianxin.web.cluster.RoomPlacement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Two application instances over one database (run on PostgreSQL and on H2), each with its lease holder, room
 * placement and live rooms, on one clock the test moves (no sleeps): a join at the instance that does not own the room
 * is told the owner's name; when the owner stops renewing (a pause) the other instance takes the room with the next
 * epoch and builds it anew, and the old owner's late write is refused and changes nothing.
 */
abstract class TwoInstancesContract {
    static final Duration RENEW = Duration.ofSeconds(2);
    static final Duration TERM = RENEW.multipliedBy(3);
    static final RoomSubject.Reception SUBJECT = RoomSubject.reception(41);
    static final String ROOM = SUBJECT.roomId();
    static final URI LB = URI.create("wss://lianxin.example/ws/signaling");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            clock);
    DataSource db;
    JdbcClient jdbc;
    Instance app1;
    Instance app2;

    abstract DataSource freshDatabase();

    /** One application instance: its holder in the lease table, its placement, its live rooms. */
    final class Instance {
        final String node;
        final ClusterLease lease;
        final RoomPlacement placement;
        final MediaEngine media = LiveRoomsProbe.memoryMedia();
        final Connections sent = LiveRoomsProbe.recordedConnections();
        final LiveRooms rooms;
        final RoomLeaseHeartbeat heartbeat;
        final JoinTickets tickets;

        Instance(String node) {
            this(node, "host-" + node + ":1:0a0b0c0d");
        }

        /** @param holder this run's holder id (a restarted instance keeps its name, its holder id is new) */
        Instance(String node, String holder) {
            this.node = node;
            this.lease = new ClusterLease(db, clock, holder, node);
            this.placement = new RoomPlacement(lease, clock, node, TERM, db, new DataSourceTransactionManager(db));
            PlacedRooms owners = new PlacedRooms(placement);
            this.rooms = new LiveRooms(media, tokens, RoomSettings.defaults(), clock, sent,
                    new LiveRoomEvents(List.of(owners)));
            rooms.ownedBy(owners);
            rooms.start();
            this.heartbeat = new RoomLeaseHeartbeat(placement, rooms, RENEW);
            this.tickets = new JoinTickets(rooms, tokens, clock, placement);
        }

        /** A browser's join on this instance, bound to the room as the ticket's URL binds it. */
        boolean join(String connection, String token) {
            return LiveRoomsProbe.join(rooms, new ConnectionId(connection), ROOM, token, "j-" + connection);
        }

        /** A write on the room's behalf: one probe row, fenced by the room's lease. */
        void write(String what) {
            placement.fenced(ROOM, () -> jdbc.sql("insert into fence_probe (writer, what) values (?, ?)")
                    .params(node, what).update());
        }
    }

    /** The last failure sent on a connection. */
    static ServerMessage.Failure lastFailure(Connections sent, String connection) {
        List<ServerMessage> all = LiveRoomsProbe.sent(sent, connection);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof ServerMessage.Failure f) {
                return f;
            }
        }
        throw new AssertionError("no failure sent on " + connection + ": " + all);
    }

    @BeforeEach
    void instances() {
        db = freshDatabase();
        jdbc = JdbcClient.create(db);
        jdbc.sql("create table fence_probe (writer varchar(50) not null, what varchar(50) not null)").update();
        app1 = new Instance("app1");
        app2 = new Instance("app2");
    }

    @AfterEach
    void stop() {
        app1.rooms.stop(Duration.ofSeconds(2));
        app2.rooms.stop(Duration.ofSeconds(2));
    }

    String token(Instance at, Role role, String participant) {
        return at.tickets.issue(SUBJECT, role, participant, participant, LB).token();
    }

    int probes(String writer) {
        return jdbc.sql("select count(*) from fence_probe where writer = ?").param(writer).query(Integer.class).single();
    }

    long epoch() {
        return jdbc.sql("select epoch from cluster_lease where name = 'room:" + ROOM + "'").query(Long.class).single();
    }

    @Test
    void theOwnerIsNamedInEveryTicketAndAJoinAtTheOtherInstanceIsSentThere() {
        JoinTickets.JoinTicket first = app1.tickets.issue(SUBJECT, Role.HOST, "host", "Host", LB);
        assertThat(first.wsUrl()).isEqualTo(URI.create(LB + "?room=" + ROOM + "&node=app1"));
        assertThat(app1.rooms.isOpen(ROOM)).isTrue();

        // the kiosk's REST call lands on app2: the room stays on app1, and the ticket says so
        JoinTickets.JoinTicket kiosk = app2.tickets.issue(SUBJECT, Role.PETITIONER, "pet", "Petitioner", LB);
        assertThat(kiosk.wsUrl()).isEqualTo(URI.create(LB + "?room=" + ROOM + "&node=app1"));
        assertThat(app2.rooms.isOpen(ROOM)).isFalse();

        // its WebSocket lands on app2 all the same (node down for the balancer a moment): told where the room is
        assertThat(app2.join("k1", kiosk.token())).isFalse();
        ServerMessage.Failure elsewhere = lastFailure(app2.sent, "k1");
        assertThat(elsewhere.code()).isEqualTo(ErrorCode.ROOM_ELSEWHERE);
        assertThat(elsewhere.message()).isEqualTo("app1");
        assertThat(app2.rooms.isOpen(ROOM)).isFalse();
        assertThat(LiveRoomsProbe.roomsMade(app2.media)).isZero();

        assertThat(app1.join("h1", first.token())).isTrue();
        assertThat(app1.join("k2", kiosk.token())).isTrue();
        assertThat(epoch()).isEqualTo(1);
    }

    @Test
    void theOwnerRenewingKeepsTheRoomAcrossManyTerms() {
        String host = token(app1, Role.HOST, "host");
        for (int i = 0; i < 10; i++) {
            clock.advance(RENEW);
            app1.heartbeat.beat();
        }
        assertThat(app1.rooms.isOpen(ROOM)).isTrue();
        assertThat(app2.join("h2", host)).isFalse();
        assertThat(lastFailure(app2.sent, "h2").code()).isEqualTo(ErrorCode.ROOM_ELSEWHERE);
        app1.write("still mine");
        assertThat(probes("app1")).isEqualTo(1);
        assertThat(epoch()).isEqualTo(1);
    }

    @Test
    void anOwnerWhoseHeartbeatWasLateButWhoseRoomNobodyTookStillWritesForIt() {
        String host = token(app1, Role.HOST, "host");
        assertThat(app1.join("h1", host)).isTrue();

        // no renewal for longer than the term (a pause, a slow database, a clock step), and no other instance took
        // the room: the room's write (e.g. its booking COMPLETED when the host ends) must not be lost
        clock.advance(TERM.plusSeconds(1));
        app1.write("completed");
        assertThat(probes("app1")).isEqualTo(1);
        assertThat(epoch()).isEqualTo(1);
        assertThat(app1.placement.held(ROOM).orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(TERM));
        // and it is still the owner's: a join at the other instance is sent there
        assertThat(app2.join("h2", host)).isFalse();
        assertThat(lastFailure(app2.sent, "h2").code()).isEqualTo(ErrorCode.ROOM_ELSEWHERE);
    }

    @Test
    void afterTheOwnerPausesTheOtherTakesTheRoomWithTheNextEpochAndTheOldOwnersLateWriteChangesNothing() {
        String host = token(app1, Role.HOST, "host");
        String kiosk = token(app1, Role.PETITIONER, "pet");
        assertThat(app1.join("h1", host)).isTrue();
        app1.write("admitted");
        Lease before = app1.placement.held(ROOM).orElseThrow();

        // app1 pauses (GC, VM frozen): no renewal for longer than the term; the browsers reconnect to app2
        clock.advance(TERM.plusSeconds(1));
        assertThat(app2.join("h2", host)).as("taken over on app2").isTrue();
        assertThat(app2.rooms.isOpen(ROOM)).isTrue();
        assertThat(LiveRoomsProbe.roomsMade(app2.media)).isEqualTo(1);
        assertThat(app2.placement.held(ROOM).orElseThrow().epoch()).isEqualTo(before.epoch() + 1);
        assertThat(app2.join("k2", kiosk)).isTrue();

        // app1 resumes and writes on the room's behalf before its heartbeat noticed: refused, nothing stored
        assertThatThrownBy(() -> app1.write("completed")).isInstanceOf(LeaseLostException.class);
        assertThat(probes("app1")).isEqualTo(1);
        app2.write("admitted again");
        assertThat(probes("app2")).isEqualTo(1);

        // app1's heartbeat finds the room lost: closed there without a write, its browser told to join again
        app1.heartbeat.beat();
        assertThat(LiveRoomsProbe.sent(app1.sent, "h1")).contains(ServerMessage.Failure.of(ErrorCode.ROOM_MOVED));
        assertThat(LiveRoomsProbe.closed(app1.sent)).contains("h1");
        await().atMost(5, TimeUnit.SECONDS).until(() -> app1.rooms.size() == 0);
        assertThat(app1.placement.held(ROOM)).isEmpty();
        assertThatThrownBy(() -> app1.write("late")).isInstanceOf(LeaseLostException.class);
        assertThat(probes("app1")).isEqualTo(1);

        // the browser comes back to app1 with the old node hint: sent on to app2
        assertThat(app1.join("h3", host)).isFalse();
        assertThat(lastFailure(app1.sent, "h3").code()).isEqualTo(ErrorCode.ROOM_ELSEWHERE);
        assertThat(lastFailure(app1.sent, "h3").message()).isEqualTo("app2");
        assertThat(epoch()).isEqualTo(before.epoch() + 1);
    }

    /**
     * app1 is killed and started again at once (same name, a new holder id) while its previous run's term still runs:
     * the pages come back to it, and it takes its previous run's room (compare-and-set, epoch + 1) instead of losing the
     * take to that run's lease and telling them 313 naming itself until the term runs out.
     */
    @Test
    void anInstanceStartedAgainTakesItsPreviousRunsRoomAtOnceInsteadOfSendingThePagesToItself() {
        String host = token(app1, Role.HOST, "host");
        assertThat(app1.join("h1", host)).isTrue();
        app1.write("admitted");

        Instance again = new Instance("app1", "host-app1:2:0f0f0f0f");
        try {
            clock.advance(Duration.ofSeconds(1)); // well within the previous run's term
            assertThat(again.join("h2", host)).as("joined on the restarted app1").isTrue();
            assertThat(again.rooms.isOpen(ROOM)).isTrue();
            assertThat(epoch()).isEqualTo(2);
            again.write("admitted again");
            assertThat(probes("app1")).isEqualTo(2);
            // the previous run, were it only paused, writes nothing more for the room
            assertThatThrownBy(() -> app1.write("late")).isInstanceOf(LeaseLostException.class);
            assertThat(probes("app1")).isEqualTo(2);
        } finally {
            again.rooms.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aRoomThatEndsGivesItsLeaseUpAndALaterJoinFindsNoRoomAsOnOneInstance() {
        String host = token(app1, Role.HOST, "host");
        assertThat(app1.join("h1", host)).isTrue();
        app1.rooms.end(ROOM, ServerMessage.EndReason.HOST);
        await().atMost(5, TimeUnit.SECONDS).until(() -> app1.placement.held(ROOM).isEmpty());
        assertThat(jdbc.sql("select holder from cluster_lease where name = 'room:" + ROOM + "'")
                .query(String.class).optional()).isEmpty();

        await().atMost(5, TimeUnit.SECONDS).until(() -> app1.rooms.size() == 0);
        assertThat(app2.join("h2", host)).isFalse();
        assertThat(lastFailure(app2.sent, "h2").code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
        assertThat(app2.rooms.isOpen(ROOM)).isFalse();

        // the next ticket (any instance) opens it anew there, with the next epoch
        token(app2, Role.HOST, "host");
        assertThat(app2.rooms.isOpen(ROOM)).isTrue();
        assertThat(epoch()).isEqualTo(2);
    }

    @Test
    void aHeartbeatThatCannotReachTheDatabaseKeepsItsRoomsAndRenewsThemOnceItAnswers() {
        Switchable flaky = new Switchable(db);
        ClusterLease lease = new ClusterLease(flaky, clock, "host-app3:1:0e0e0e0e", "app3");
        RoomPlacement app3 = new RoomPlacement(lease, clock, "app3", TERM, flaky, new DataSourceTransactionManager(flaky));
        assertThat(app3.claim(ROOM, org.lianxin.web.cluster.RoomPlacementRule.Purpose.OPEN).here()).isTrue();

        flaky.down = true;
        clock.advance(RENEW);
        assertThat(app3.renewAll()).as("a database that does not answer is no loss").isEmpty();
        assertThat(app3.held(ROOM)).isPresent();
        assertThatThrownBy(() -> app3.fenced(ROOM, () -> 1)).isNotInstanceOf(LeaseLostException.class);

        flaky.down = false;
        clock.advance(TERM); // its term ran out meanwhile, but nobody took it: renewed with the same epoch
        assertThat(app3.renewAll()).isEmpty();
        assertThat(app3.held(ROOM).orElseThrow().epoch()).isEqualTo(1);
        assertThat(app3.held(ROOM).orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(TERM));
        assertThat(app3.fenced(ROOM, () -> 7)).isEqualTo(7);
    }

    /** The test's database, or none at all while {@code down}. */
    static final class Switchable extends org.springframework.jdbc.datasource.DelegatingDataSource {
        volatile boolean down;

        Switchable(DataSource db) {
            super(db);
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            if (down) {
                throw new java.sql.SQLException("connection refused (test)", "08001");
            }
            return super.getConnection();
        }
    }
}
