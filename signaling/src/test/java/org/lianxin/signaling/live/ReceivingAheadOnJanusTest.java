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
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;

/**
 * The receiving connection made ahead, through LiveRooms on the real Janus adapter against {@link FakeJanus}: a
 * {@code prepareReceive} makes a subscriber handle on the participant's own feed that is told to send nothing, and
 * its offer (no streams) goes to the browser; once answered, a subscription is an {@code update} on that very
 * handle (no new attach), whose offer goes out as {@code offerUpdate} with whose medium is on which mid; once that
 * is answered the added publisher is asked for a keyframe.
 */
class ReceivingAheadOnJanusTest {

    final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-02T02:00:00Z"));
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

    <T extends ServerMessage> List<T> to(String connection, Class<T> type) {
        return connections.to(connection).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aPreparedConnectionTakesTheSubscriptionAsAnUpdateOnTheSameHandleAndTheAddedPublisherSendsAKeyframe()
            throws Exception {
        publish(host);
        publish(official);
        long attaches = count("attach");

        send(official, "r", new ClientMessage.PrepareReceive());

        assertThat(to("c-off", ServerMessage.Offer.class)).singleElement()
                .satisfies(o -> assertThat(o.streams()).as("it carries nobody's media").isEmpty());
        assertThat(count("attach")).as("one subscriber handle").isEqualTo(attaches + 1);
        assertThat(count("message/configure")).as("told to send nothing of the own feed").isGreaterThanOrEqualTo(3);
        send(official, "a", new ClientMessage.Answer("v=0 answer"));
        long starts = count("message/start");

        send(official, "s", new ClientMessage.Subscribe(List.of("host")));

        assertThat(count("message/update")).isEqualTo(1);
        assertThat(count("attach")).as("no new subscriber handle").isEqualTo(attaches + 1);
        assertThat(to("c-off", ServerMessage.Offer.class)).as("no offer for a new connection").hasSize(1);
        assertThat(to("c-off", ServerMessage.OfferUpdate.class)).singleElement().satisfies(u -> {
            assertThat(u.sdp()).contains("fake updated offer");
            assertThat(u.streams()).containsExactly(new OfferedStream("1", "host", MediaKind.AUDIO),
                    new OfferedStream("2", "host", MediaKind.VIDEO));
        });
        int keyframes = fake.keyframeRequests().size();
        send(official, "a2", new ClientMessage.Answer("v=0 answer to the update"));
        assertThat(count("message/start")).isEqualTo(starts + 1);
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.keyframeRequests().size() > keyframes);
        assertThat(fake.keyframeRequests().subList(keyframes, fake.keyframeRequests().size())).containsOnly("host");
    }

    @Test
    void aSubscriptionBeforeThePreparedOfferIsAnsweredMakesANewConnectionAsBefore() throws Exception {
        publish(host);
        publish(official);
        send(official, "r", new ClientMessage.PrepareReceive());

        send(official, "s", new ClientMessage.Subscribe(List.of("host")));

        assertThat(count("message/update")).isZero();
        assertThat(to("c-off", ServerMessage.Offer.class)).as("an offer for a new connection").hasSize(2);
        assertThat(to("c-off", ServerMessage.OfferUpdate.class)).isEmpty();
    }

    @Test
    void withoutAFeedOfItsOwnThereIsNoReceivingConnectionAheadButANumberedError() throws Exception {
        send(official, "r", new ClientMessage.PrepareReceive());

        await().atMost(5, TimeUnit.SECONDS).until(() -> to("c-off", ServerMessage.Failure.class).stream()
                .anyMatch(f -> f.code() == ErrorCode.MEDIA_PREPARE_RECEIVE_FAILED && "r".equals(f.correlation())));
        assertThat(to("c-off", ServerMessage.Offer.class)).isEmpty();
    }
}
