package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * An admission goes through the rooms' {@link AdmissionGate} first (issue 14): when the gate cannot record it (the
 * database is away), the host is told {@code ROOM_ADMISSION_NOT_RECORDED}, the petitioner keeps waiting and no
 * admission event is raised; once the gate records again, the same admission goes through. The gate is asked only for
 * an admission that would happen (a host admitting someone who waits), never for a refused one.
 */
class AdmissionGateTest {
    static final String ROOM = "booking-12";
    static final SessionRef SESSION = SessionRef.reception("12");

    final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-03T02:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    final AccountSessionsTest.Closes connections = new AccountSessionsTest.Closes();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    /** What the gate was asked: session, room, participant and role. */
    final List<String> asked = new CopyOnWriteArrayList<>();
    final AtomicBoolean databaseAway = new AtomicBoolean();
    LiveRooms rooms;
    LiveRooms.Participant host;
    LiveRooms.Participant observer;

    @BeforeEach
    void start() {
        rooms = new LiveRooms(new LiveRoomsTest.MemoryMedia(), tokens, RoomSettings.defaults(), clock, connections,
                (room, session, e) -> events.add(e));
        rooms.admittedThrough((session, roomId, participantId, role) -> {
            asked.add(session.id() + " " + roomId + " " + participantId + " " + role);
            if (databaseAway.get()) {
                throw new IllegalStateException("Connection is not available, request timed out after 5000ms");
            }
        });
        rooms.start();
        rooms.open(ROOM, SESSION);
        host = join("c-host", Role.HOST, "official-1");
        observer = join("c-observer", Role.OBSERVER, "staff-2");
        join("c-terminal", Role.PETITIONER, "petitioner");
    }

    @AfterEach
    void stop() {
        rooms.stop(Duration.ofSeconds(2));
    }

    LiveRooms.Participant join(String connection, Role role, String participant) {
        return rooms.join(new ConnectionId(connection), null,
                tokens.issue(new JoinGrant(SESSION, ROOM, role, participant, participant), null), "j").orElseThrow();
    }

    void send(LiveRooms.Participant who, String connection, String correlation, ClientMessage m) {
        rooms.handle(who, new ConnectionId(connection), new Incoming(correlation, m));
    }

    @Test
    void anAdmissionTheGateCannotRecordIsRefusedAndThePetitionerKeepsWaitingUntilItCan() {
        databaseAway.set(true);
        send(host, "c-host", "a1", new ClientMessage.Admit("petitioner"));

        assertThat(connections.sentTo("c-host")).contains(new ServerMessage.Failure(
                ErrorCode.ROOM_ADMISSION_NOT_RECORDED, ErrorCode.ROOM_ADMISSION_NOT_RECORDED.defaultMessage(), "a1"));
        assertThat(asked).containsExactly("12 booking-12 petitioner PETITIONER");
        assertThat(connections.sentTo("c-terminal")).noneMatch(m -> m instanceof ServerMessage.Admitted);

        databaseAway.set(false);
        send(host, "c-host", "a2", new ClientMessage.Admit("petitioner"));

        assertThat(connections.sentTo("c-terminal")).anyMatch(m -> m instanceof ServerMessage.Admitted);
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof RoomEvent.ParticipantAdmitted a && a.participantId().equals("petitioner")));
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.ParticipantAdmitted).hasSize(1);
        assertThat(asked).hasSize(2);
    }

    @Test
    void theGateIsNotAskedForAnAdmissionTheRoomRefusesAnyway() {
        send(observer, "c-observer", "o1", new ClientMessage.Admit("petitioner")); // not the host
        send(host, "c-host", "n1", new ClientMessage.Admit("nobody")); // nobody waits with that id
        send(host, "c-host", "s1", new ClientMessage.Admit("staff-2")); // in the room, not in the lobby

        assertThat(asked).isEmpty();
        assertThat(connections.sentTo("c-observer")).anyMatch(m -> m instanceof ServerMessage.Failure f
                && f.code() == ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE);
        assertThat(connections.sentTo("c-host")).filteredOn(m -> m instanceof ServerMessage.Failure f
                && f.code() == ErrorCode.ROOM_PARTICIPANT_UNKNOWN).hasSize(2);
    }
}
