package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * The joins of a room this instance does not hold, with the room's owners (several application instances): sent
 * elsewhere, taken over and built anew here, or not found; and a room lost to another instance closed without events.
 */
class RoomOwnersTest {
    static final String ROOM = "booking-9";
    static final SessionRef SESSION = SessionRef.reception("9");

    final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-01T02:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    final LiveRoomsTest.MemoryMedia media = new LiveRoomsTest.MemoryMedia();
    final LiveRoomsTest.Recorded connections = new LiveRoomsTest.Recorded();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    final List<String> located = new CopyOnWriteArrayList<>();
    volatile RoomOwners.Whereabouts answer = RoomOwners.Whereabouts.nowhere();
    LiveRooms rooms;

    @BeforeEach
    void start() {
        rooms = new LiveRooms(media, tokens, new RoomSettings(Duration.ofSeconds(1), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e));
        rooms.ownedBy(roomId -> {
            located.add(roomId);
            return answer;
        });
        rooms.start();
    }

    @AfterEach
    void stop() {
        rooms.stop(Duration.ofSeconds(2));
    }

    String token(Role role, String id) {
        return tokens.issue(new JoinGrant(SESSION, ROOM, role, id, id));
    }

    ServerMessage.Failure refusal(String connection) {
        return (ServerMessage.Failure) connections.to(connection).stream()
                .filter(m -> m instanceof ServerMessage.Failure).findFirst().orElseThrow();
    }

    @Test
    void aJoinForARoomOwnedByAnotherInstanceIsToldItsNameAndOpensNothing() {
        answer = RoomOwners.Whereabouts.elsewhere("app2");
        assertThat(rooms.join(new ConnectionId("c1"), ROOM, token(Role.HOST, "host"), "j1")).isEmpty();
        ServerMessage.Failure f = refusal("c1");
        assertThat(f.code()).isEqualTo(ErrorCode.ROOM_ELSEWHERE);
        assertThat(f.code().number()).isEqualTo(313);
        assertThat(f.message()).isEqualTo("app2");
        assertThat(f.correlation()).isEqualTo("j1");
        assertThat(rooms.isOpen(ROOM)).isFalse();
        assertThat(media.created).isEmpty();
    }

    @Test
    void aJoinForARoomWhoseOwnerStoppedRenewingBuildsItAnewHereAndJoins() {
        answer = RoomOwners.Whereabouts.here();
        assertThat(rooms.join(new ConnectionId("c1"), null, token(Role.HOST, "host"), "j1")).isPresent();
        assertThat(rooms.isOpen(ROOM)).isTrue();
        assertThat(rooms.session(ROOM)).contains(SESSION);
        assertThat(media.created).hasSize(1);
        assertThat(connections.to("c1")).anyMatch(m -> m instanceof ServerMessage.Joined);
        // the next join finds the room held: the owners are not asked again
        assertThat(rooms.join(new ConnectionId("c2"), null, token(Role.OFFICIAL, "off"), "j2")).isPresent();
        assertThat(located).containsExactly(ROOM);
    }

    @Test
    void aJoinForARoomNobodyHoldsIsNotFoundAndABadTokenIsRefusedAsSuchWithoutAskingTheOwners() {
        assertThat(rooms.join(new ConnectionId("c1"), null, token(Role.HOST, "host"), "j1")).isEmpty();
        assertThat(refusal("c1").code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND);

        assertThat(rooms.join(new ConnectionId("c2"), ROOM, "not.a.token", "j2")).isEmpty();
        assertThat(refusal("c2").code()).isEqualTo(ErrorCode.TOKEN_MALFORMED);
        assertThat(located).containsExactly(ROOM);
    }

    @Test
    void withoutOwnersAJoinForARoomNotHeldIsNotFoundAsOnOneInstance() {
        LiveRooms alone = new LiveRooms(media, tokens, RoomSettings.defaults(), clock, connections,
                (room, session, e) -> events.add(e));
        alone.start();
        try {
            assertThat(alone.join(new ConnectionId("c1"), null, token(Role.HOST, "host"), "j1")).isEmpty();
            assertThat(refusal("c1").code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
            assertThat(alone.isOpen(ROOM)).isFalse();
        } finally {
            alone.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aRoomLostToAnotherInstanceTellsEveryoneToJoinAgainClosesItsMediaAndTellsTheListenerNothing() {
        rooms.open(ROOM, SESSION);
        assertThat(rooms.join(new ConnectionId("c-host"), null, token(Role.HOST, "host"), "j1")).isPresent();
        assertThat(rooms.join(new ConnectionId("c-off"), null, token(Role.OFFICIAL, "off"), "j2")).isPresent();
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.size() >= 2);
        int eventsBefore = events.size();

        assertThat(rooms.evict(ROOM)).isTrue();

        for (String c : List.of("c-host", "c-off")) {
            assertThat(connections.to(c)).contains(ServerMessage.Failure.of(ErrorCode.ROOM_MOVED));
            assertThat(connections.to(c)).noneMatch(m -> m instanceof ServerMessage.Ended);
        }
        assertThat(connections.closed).contains("c-host", "c-off");
        await().atMost(5, TimeUnit.SECONDS).until(() -> media.calls.stream().anyMatch(c -> c.startsWith("destroy ")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> rooms.size() == 0);
        assertThat(events).hasSize(eventsBefore);
        assertThat(rooms.evict(ROOM)).isFalse();
    }
}
