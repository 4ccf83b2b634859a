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
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;

/**
 * ICE restarts through LiveRooms on the real Janus adapter against {@link FakeJanus}: the publisher's restart offer
 * goes to Janus on the same handle ({@code configure} with the offer: no new join, the feed stays) and the answer comes
 * back; the subscriber's restart asks Janus for a restarted offer ({@code configure} with {@code restart}) on the same
 * handle and sends it as {@code restartOffer}; without a subscription the participant gets a numbered error.
 */
class IceRestartOnJanusTest {

    final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-01T02:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    final LiveRoomsTest.Recorded connections = new LiveRoomsTest.Recorded();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    FakeJanus fake;
    JanusMediaEngine engine;
    LiveRooms rooms;
    LiveRooms.Participant host;
    LiveRooms.Participant official;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeJanus();
        engine = new JanusMediaEngine(JanusSettings.of(fake.uri(), "test-admin-key")
                .withRequestTimeout(Duration.ofMillis(700)).withReconnect(Duration.ofMillis(50), Duration.ofMillis(200)));
        engine.start().get(5, TimeUnit.SECONDS);
        rooms = new LiveRooms(engine, tokens, new RoomSettings(Duration.ofSeconds(30), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e));
        rooms.start();
        rooms.open(LiveRoomsTest.ROOM, LiveRoomsTest.SESSION);
        host = join(Role.HOST, "host");
        official = join(Role.OFFICIAL, "off");
        publish(host);
    }

    @AfterEach
    void stop() throws Exception {
        rooms.stop(Duration.ofSeconds(2));
        engine.close();
        fake.close();
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

    long count(String verb) {
        return fake.verbs().stream().filter(verb::equals).count();
    }

    @Test
    void aPublisherRestartsIceOnTheSameEndpointAndKeepsItsFeed() throws Exception {
        long joins = count("message/join");
        long answers = connections.to("c-host").stream().filter(m -> m instanceof ServerMessage.Answer).count();

        send(host, "r1", new ClientMessage.RestartIce(PeerConnectionKind.PUBLISHER, LiveRoomsTest.OFFER));

        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-host").stream()
                .filter(m -> m instanceof ServerMessage.Answer).count() == answers + 1);
        assertThat(count("message/join")).as("no new publisher endpoint").isEqualTo(joins);
        assertThat(connections.to("c-off")).doesNotContain(new ServerMessage.ParticipantPublishing("host", false));
        assertThat(events).noneMatch(e -> e instanceof RoomEvent.PublishingStopped);
    }

    @Test
    void aSubscriberGetsARestartedOfferForItsExistingSubscription() throws Exception {
        send(official, "s", new ClientMessage.Subscribe(List.of("host")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-off").stream()
                .anyMatch(m -> m instanceof ServerMessage.Offer));
        send(official, "a", new ClientMessage.Answer("v=0 answer"));
        long attaches = count("attach");

        send(official, "r2", new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null));

        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-off")
                .contains(new ServerMessage.RestartOffer("v=0\r\ns=fake restart offer\r\n")));
        assertThat(count("attach")).as("the same subscriber handle").isEqualTo(attaches);
        long starts = count("message/start");
        send(official, "a2", new ClientMessage.Answer("v=0 answer after restart"));
        assertThat(count("message/start")).isEqualTo(starts + 1);
    }

    @Test
    void aSubscriberRestartWithoutASubscriptionIsANumberedError() throws Exception {
        send(official, "r3", new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null));

        await().atMost(5, TimeUnit.SECONDS).until(() -> connections.to("c-off").stream()
                .anyMatch(m -> m instanceof ServerMessage.Failure f && f.code() == ErrorCode.MEDIA_ICE_RESTART_FAILED
                        && "r3".equals(f.correlation())));
    }
}
