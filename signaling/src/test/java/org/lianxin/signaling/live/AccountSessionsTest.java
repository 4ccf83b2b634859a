package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.AccountBinding;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * Connections of staff accounts: a join with a token bound to an account that changed since is refused with
 * ROOM_SESSION_ENDED; a connection of an account found changed is closed with ROOM_SESSION_ENDED and its participant leaves;
 * a terminal's (petitioner's) connection is no account's and is never touched.
 */
class AccountSessionsTest {
    static final String ROOM = "booking-9";
    static final SessionRef SESSION = SessionRef.reception("9");

    final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-03T02:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    final Closes connections = new Closes();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    /** The stamp each account has now. */
    final Map<Long, Long> stamps = new ConcurrentHashMap<>(Map.of(1L, 0L, 2L, 0L));
    LiveRooms rooms;

    @BeforeEach
    void start() {
        rooms = new LiveRooms(new LiveRoomsTest.MemoryMedia(), tokens, RoomSettings.defaults(), clock, connections,
                (room, session, e) -> events.add(e));
        rooms.guardedBy(a -> Long.valueOf(a.stamp()).equals(stamps.get(a.accountId())));
        rooms.start();
        rooms.open(ROOM, SESSION);
    }

    @AfterEach
    void stop() {
        rooms.stop(Duration.ofSeconds(2));
    }

    String token(Role role, String participant, AccountBinding account) {
        return tokens.issue(new JoinGrant(SESSION, ROOM, role, participant, participant), account);
    }

    @Test
    void aChangedAccountsConnectionIsClosedWithSessionEndedAndItsOldTokenRefused() {
        String leaderToken = token(Role.HOST, "official-1", new AccountBinding(1, 0));
        assertThat(rooms.join(new ConnectionId("c-leader"), null, leaderToken, "j")).isPresent();
        assertThat(rooms.join(new ConnectionId("c-observer"), null,
                token(Role.OBSERVER, "staff-2", new AccountBinding(2, 0)), "j")).isPresent();
        assertThat(rooms.join(new ConnectionId("c-terminal"), null, token(Role.PETITIONER, "petitioner", null), "j"))
                .isPresent();
        assertThat(rooms.connectedAccounts()).containsExactlyInAnyOrder(new AccountBinding(1, 0),
                new AccountBinding(2, 0));

        stamps.put(1L, 1L); // the leader's role changed
        List<LiveRooms.EndedSession> ended = rooms.endSessions(Set.of(new AccountBinding(1, 0)));

        assertThat(ended).containsExactly(new LiveRooms.EndedSession(new AccountBinding(1, 0), ROOM, "official-1"));
        assertThat(connections.closed).containsEntry("c-leader", ErrorCode.ROOM_SESSION_ENDED)
                .doesNotContainKeys("c-observer", "c-terminal");
        assertThat(connections.sentTo("c-observer")).contains(new ServerMessage.ParticipantLeft("official-1",
                ServerMessage.LeaveReason.LEFT));
        assertThat(rooms.connectedAccounts()).containsExactly(new AccountBinding(2, 0));
        assertThat(rooms.endSessions(Set.of(new AccountBinding(1, 0)))).as("once only").isEmpty();

        // the old token (even within its lifetime) is refused; a token issued with the new stamp joins
        assertThat(rooms.join(new ConnectionId("c-leader-2"), null, leaderToken, "j")).isEmpty();
        assertThat(connections.closed).containsEntry("c-leader-2", ErrorCode.ROOM_SESSION_ENDED);
        assertThat(rooms.join(new ConnectionId("c-leader-3"), null,
                token(Role.HOST, "official-1", new AccountBinding(1, 1)), "j")).isPresent();
        assertThat(rooms.connectedAccounts()).containsExactlyInAnyOrder(new AccountBinding(1, 1),
                new AccountBinding(2, 0));
    }

    @Test
    void aConnectionThatClosedIsNoLongerTheAccounts() {
        ConnectionId c = new ConnectionId("c-observer");
        LiveRooms.Participant p = rooms.join(c, null, token(Role.OBSERVER, "staff-2", new AccountBinding(2, 0)), "j")
                .orElseThrow();
        rooms.connectionLost(p, c);
        assertThat(rooms.connectedAccounts()).isEmpty();
        assertThat(rooms.endSessions(Set.of(new AccountBinding(2, 0)))).isEmpty();
    }

    /** Records what was sent and each close with its reason. */
    static final class Closes implements Connections {
        final Map<String, List<ServerMessage>> sent = new ConcurrentHashMap<>();
        final Map<String, ErrorCode> closed = new ConcurrentHashMap<>();

        @Override
        public void send(ConnectionId connection, ServerMessage message) {
            sent.computeIfAbsent(connection.value(), k -> new CopyOnWriteArrayList<>()).add(message);
        }

        @Override
        public void close(ConnectionId connection, ErrorCode reason) {
            closed.putIfAbsent(connection.value(), reason == null ? ErrorCode.SERVER_INTERNAL : reason);
        }

        List<ServerMessage> sentTo(String connection) {
            return sent.getOrDefault(connection, List.of());
        }
    }
}
