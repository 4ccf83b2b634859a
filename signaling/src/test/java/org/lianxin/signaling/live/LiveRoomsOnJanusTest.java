package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.media.ForwardTarget;

/**
 * LiveRooms on the real Janus adapter against {@link FakeJanus}: forwarders on the node, and the
 * whole event sequence of a Janus restart (node lost, down for a while, back, media room made
 * again, everyone publishes again).
 */
class LiveRoomsOnJanusTest {

    static final String ROOM = LiveRoomsTest.ROOM;
    static final String OFFER = LiveRoomsTest.OFFER;

    JanusRoomFixture f;
    LiveRoomsTest.TestClock clock;
    JoinTokens tokens;
    LiveRoomsTest.Recorded connections;
    List<RoomEvent> events;
    FakeJanus fake;
    JanusMediaEngine engine;
    LiveRooms rooms;

    @BeforeEach
    void start() throws Exception {
        f = new JanusRoomFixture(Instant.parse("2026-12-01T02:00:00Z"));
        clock = f.clock;
        tokens = f.tokens;
        connections = f.connections;
        events = f.events;
        fake = f.fake;
        engine = f.engine;
        rooms = f.rooms;
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    LiveRooms.Participant join(String connection, Role role, String id) {
        String token = tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, ROOM, role, id, id));
        return rooms.join(new ConnectionId(connection), null, token, "j").orElseThrow();
    }

    void publishAndGoUp(LiveRooms.Participant who, String connection) throws Exception {
        rooms.handle(who, new ConnectionId(connection), new Incoming("p", new ClientMessage.Publish(OFFER)));
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        long started = startedCount(who.participantId()) + 1; // counted before the event can arrive
        fake.webrtcUp(who.participantId());
        await().atMost(5, TimeUnit.SECONDS).until(() -> startedCount(who.participantId()) == started);
    }

    long startedCount(String id) {
        return events.stream().filter(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals(id)).count();
    }

    long count(String verb) {
        return fake.verbs().stream().filter(verb::equals).count();
    }

    @Test
    void aJanusRestartStopsTheFeedsAndOnceJanusIsBackEveryonePublishesAgainAndIsForwardedAgain() throws Exception {
        LiveRooms.Participant host = join("c-host", Role.HOST, "host");
        LiveRooms.Participant official = join("c-off", Role.OFFICIAL, "off");
        publishAndGoUp(host, "c-host");
        publishAndGoUp(official, "c-off");
        List<Forwarder> forwarders = rooms.forward(ROOM, "host", recorder("127.0.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);
        assertThat(forwarders).extracting(Forwarder::mid).containsExactly("0", "1");
        assertThat(fake.forwarders()).hasSize(2);
        assertThat(fake.verbs()).contains("message/configure"); // the keyframe after the forward (and the publishes)
        assertThat(count("message/create")).isEqualTo(1);

        // Janus goes away and stays away (answers nothing) for a while
        long sessionsAsked = count("create");
        fake.silent = true;
        fake.restart();
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.MediaNodeLost));
        assertThat(connections.to("c-off")).contains(new ServerMessage.ParticipantPublishing("host", false));
        // the adapter asked the silent Janus for a new session twice (and got no answer): no restart meanwhile
        await().atMost(10, TimeUnit.SECONDS).until(() -> count("create") >= sessionsAsked + 2);
        assertThat(connections.to("c-host")).doesNotContain(new ServerMessage.MediaRestarted());
        assertThat(rooms.isOpen(ROOM)).isTrue();

        fake.silent = false;
        await().atMost(10, TimeUnit.SECONDS).until(() -> connections.to("c-host").contains(new ServerMessage.MediaRestarted())
                && connections.to("c-off").contains(new ServerMessage.MediaRestarted()));
        assertThat(count("message/create")).as("the media room made again").isEqualTo(2);
        assertThat(fake.forwarders()).isEmpty();

        publishAndGoUp(host, "c-host");
        publishAndGoUp(official, "c-off");
        rooms.forward(ROOM, "host", recorder("127.0.0.1", 5002, 5004)).get(5, TimeUnit.SECONDS);
        assertThat(fake.forwarders()).hasSize(2);

        assertThat(events).filteredOn(e -> !(e instanceof RoomEvent.ParticipantEntered))
                .extracting(e -> e.getClass().getSimpleName() + (e instanceof RoomEvent.PublishingStarted p ? " " + p.participantId()
                        : e instanceof RoomEvent.PublishingStopped p ? " " + p.participantId() : ""))
                .containsExactly("PublishingStarted host", "PublishingStarted off", "PublishingStopped host",
                        "PublishingStopped off", "MediaNodeLost", "MediaNodeRestored", "PublishingStarted host",
                        "PublishingStarted off");

        // the end stops the forwarders on the node before the room is destroyed, without errors
        rooms.end(ROOM, ServerMessage.EndReason.HOST);
        await().atMost(5, TimeUnit.SECONDS).until(() -> rooms.size() == 0);
        assertThat(fake.forwarders()).isEmpty();
        assertThat(count("message/stop_rtp_forward")).isEqualTo(2);
    }

    /** The recorder's side of a forward: Opus on payload type 111, VP8 on 96 (what the tests' receivers expect). */
    private static ForwardTarget recorder(String host, int audioPort, int videoPort) {
        return new ForwardTarget(host, audioPort, 111, videoPort, 96);
    }
}
