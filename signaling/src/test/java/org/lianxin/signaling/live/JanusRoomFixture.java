package org.lianxin.signaling.live;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;

/**
 * One live room of LiveRooms on the real Janus adapter against {@link FakeJanus}, for the tests of media steps:
 * participants join and send messages (each send waits until the room's media steps are done), publish (their
 * feed goes up), and what each connection was sent and which Janus verbs were used can be read.
 */
final class JanusRoomFixture implements AutoCloseable {

    final LiveRoomsTest.TestClock clock;
    final JoinTokens tokens;
    final LiveRoomsTest.Recorded connections = new LiveRoomsTest.Recorded();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    final FakeJanus fake;
    final JanusMediaEngine engine;
    final LiveRooms rooms;

    JanusRoomFixture(Instant start) throws Exception {
        clock = new LiveRoomsTest.TestClock(start);
        tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
        fake = new FakeJanus();
        engine = new JanusMediaEngine(JanusSettings.of(fake.uri(), "test-admin-key")
                .withRequestTimeout(Duration.ofMillis(700)).withReconnect(Duration.ofMillis(50), Duration.ofMillis(200)));
        engine.start().get(20, TimeUnit.SECONDS); // a loaded machine: connecting took 4-5 s at load 50
        rooms = new LiveRooms(engine, tokens, new RoomSettings(Duration.ofSeconds(30), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e));
        rooms.start();
        rooms.open(LiveRoomsTest.ROOM, LiveRoomsTest.SESSION);
    }

    LiveRooms.Participant join(Role role, String id) {
        String token = tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, LiveRoomsTest.ROOM, role, id, id));
        return rooms.join(new ConnectionId("c-" + id), null, token, "j").orElseThrow();
    }

    void send(LiveRooms.Participant who, String correlation, ClientMessage m) throws Exception {
        rooms.handle(who, new ConnectionId("c-" + who.participantId()), new Incoming(correlation, m));
        rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);
    }

    void publish(LiveRooms.Participant who) throws Exception {
        send(who, "p", new ClientMessage.Publish(LiveRoomsTest.OFFER));
        fake.webrtcUp(who.participantId());
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals(who.participantId())));
    }

    /** How often Janus was sent this verb ("attach", "message/join", …). */
    long count(String verb) {
        return fake.verbs().stream().filter(verb::equals).count();
    }

    /** The messages of one type sent to the connection. */
    <T extends ServerMessage> List<T> to(String connection, Class<T> type) {
        return connections.to(connection).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() throws Exception {
        rooms.stop(Duration.ofSeconds(2));
        engine.close();
        fake.close();
    }
}
