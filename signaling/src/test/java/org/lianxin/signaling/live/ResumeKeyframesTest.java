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
import org.junit.jupiter.api.Test;
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
 * Keyframes after a drop ({@link ResumeKeyframes}), through LiveRooms on the real Janus adapter against
 * {@link FakeJanus}: when Janus hears a publisher's video again after it stopped, every publisher of the room is asked
 * for a keyframe and the participant whose video came back is told ({@code videoResumed}); not at a publisher's first
 * video, not for audio, not when the setting is off.
 */
class ResumeKeyframesTest {

    final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-01T02:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    final LiveRoomsTest.Recorded connections = new LiveRoomsTest.Recorded();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    FakeJanus fake;
    JanusMediaEngine engine;
    LiveRooms rooms;

    void start(boolean keyframeOnMediaResume) throws Exception {
        fake = new FakeJanus();
        engine = new JanusMediaEngine(JanusSettings.of(fake.uri(), "test-admin-key")
                .withRequestTimeout(Duration.ofMillis(700)).withReconnect(Duration.ofMillis(50), Duration.ofMillis(200)));
        engine.start().get(5, TimeUnit.SECONDS);
        rooms = new LiveRooms(engine, tokens, new RoomSettings(Duration.ofSeconds(30), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e), new LiveMediaSettings(keyframeOnMediaResume));
        rooms.start();
        rooms.open(LiveRoomsTest.ROOM, LiveRoomsTest.SESSION);
        rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);
        publish(Role.HOST, "host");
        publish(Role.OFFICIAL, "off");
    }

    @AfterEach
    void stop() throws Exception {
        if (rooms != null) rooms.stop(Duration.ofSeconds(2));
        if (engine != null) engine.close();
        if (fake != null) fake.close();
    }

    void publish(Role role, String id) throws Exception {
        String token = tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, LiveRoomsTest.ROOM, role, id, id));
        LiveRooms.Participant who = rooms.join(new ConnectionId("c-" + id), null, token, "j").orElseThrow();
        rooms.handle(who, new ConnectionId("c-" + id), new Incoming("p", new ClientMessage.Publish(LiveRoomsTest.OFFER)));
        rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);
        fake.webrtcUp(id);
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals(id)));
    }

    /**
     * Waits until every event pushed so far went through the room and every media operation it caused ran: a marker
     * pushed after them (the host's peer connection hangs up) has stopped the host's publishing.
     */
    void settle() throws Exception {
        fake.push("{\"janus\":\"hangup\",\"session_id\":1,\"sender\":" + fake.publisherHandle("host")
                + ",\"reason\":\"marker\"}");
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof RoomEvent.PublishingStopped p && p.participantId().equals("host")));
        rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);
    }

    @Test
    void whenAPublishersVideoComesBackAfterADropEveryPublisherIsAskedForAKeyframe() throws Exception {
        start(true);
        int before = fake.keyframeRequests().size();
        fake.media("off", "video", false);
        fake.media("off", "video", true);
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.keyframeRequests().size() >= before + 2);
        assertThat(fake.keyframeRequests().subList(before, fake.keyframeRequests().size()))
                .containsExactlyInAnyOrder("host", "off");
    }

    @Test
    void theParticipantWhoseVideoCameBackIsToldToRestartItsVideoSending() throws Exception {
        start(true);
        fake.media("off", "video", false);
        fake.media("off", "video", true);
        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-off").contains(new ServerMessage.VideoResumed()));
        settle();
        assertThat(connections.to("c-off")).containsOnlyOnce(new ServerMessage.VideoResumed());
        assertThat(connections.to("c-host")).doesNotContain(new ServerMessage.VideoResumed()); // its link did not drop
    }

    @Test
    void aFirstVideoAudioComingBackOrAnUnknownEndpointAskForNoKeyframe() throws Exception {
        start(true);
        int before = fake.keyframeRequests().size();
        fake.media("off", "video", true); // the first video of a publisher: Janus asks for that keyframe itself
        fake.media("host", "audio", false);
        fake.media("host", "audio", true);
        fake.push("{\"janus\":\"media\",\"session_id\":1,\"sender\":987654,\"mid\":\"1\",\"type\":\"video\","
                + "\"receiving\":true}");
        // then a drop that does count, to know the ones before were handled
        fake.media("host", "video", false);
        fake.media("host", "video", true);
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.keyframeRequests().size() >= before + 2);
        settle();
        assertThat(fake.keyframeRequests()).hasSize(before + 2);
    }

    @Test
    void withTheSettingOffAVideoBackAfterADropAsksForNoKeyframe() throws Exception {
        start(false);
        int before = fake.keyframeRequests().size();
        fake.media("off", "video", false);
        fake.media("off", "video", true);
        settle();
        assertThat(fake.keyframeRequests()).hasSize(before);
        assertThat(connections.to("c-off")).doesNotContain(new ServerMessage.VideoResumed());
    }
}
