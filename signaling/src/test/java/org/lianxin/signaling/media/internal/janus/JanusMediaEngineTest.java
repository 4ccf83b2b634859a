package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.testing.FakeJanus;

/** The Janus adapter against {@link FakeJanus}: transactions, errors, timeouts, keepalive, reconnect, events. */
class JanusMediaEngineTest {

    private static final MediaRoomId ROOM = new MediaRoomId(4242);

    private FakeJanus fake;
    private JanusMediaEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeJanus();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
        fake.close();
    }

    private JanusSettings settings() {
        return JanusSettings.of(fake.uri(), "test-admin-key")
                .withRequestTimeout(Duration.ofSeconds(3))
                .withReconnect(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private JanusMediaEngine started(JanusSettings settings) throws Exception {
        engine = new JanusMediaEngine(settings);
        engine.start().get(5, TimeUnit.SECONDS);
        return engine;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static MediaException failure(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return MediaException.in(e).orElseThrow(() -> new AssertionError("not a MediaException", e));
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void roomsAreCreatedListedAndDestroyed() throws Exception {
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s3cret")));
        Publisher p = get(engine.joinAsPublisher(ROOM, "leader"));

        List<Participant> list = get(engine.listParticipants(ROOM));
        assertThat(list).extracting(Participant::feed).containsExactly(p.feed());
        assertThat(list).extracting(Participant::display).containsExactly("leader");

        get(engine.destroyRoom(ROOM, "s3cret"));
        assertThat(failure(engine.listParticipants(ROOM)).code()).isEqualTo(Code.MEDIA_NO_SUCH_ROOM);
        assertThat(engine.health().reachable()).isTrue();
    }

    @Test
    void anEventArrivingBeforeItsAckSettlesTheRequest() throws Exception {
        fake.eventBeforeAck = true;
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));

        Publisher p = get(engine.joinAsPublisher(ROOM, "a"));
        Sdp answer = get(engine.publish(p.endpoint(), Sdp.offer("v=0\r\n")));

        assertThat(answer.type()).isEqualTo(Sdp.Type.ANSWER);
        assertThat(answer.sdp()).contains("fake answer");
    }

    @Test
    void anAckBeforeTheEventDoesNotSettleAnAsynchronousRequest() throws Exception {
        fake.eventBeforeAck = false;
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));

        Publisher p = get(engine.joinAsPublisher(ROOM, "a"));
        Sdp answer = get(engine.publish(p.endpoint(), Sdp.offer("v=0\r\n")));

        assertThat(p.feed().value()).isPositive();
        assertThat(answer.sdp()).contains("fake answer");
    }

    @Test
    void aVideoroomErrorBecomesAMediaExceptionCarryingJanusCodeAndReason() throws Exception {
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));

        MediaException exists = failure(engine.createRoom(RoomSpec.of(ROOM, "s")));
        assertThat(exists.code()).isEqualTo(Code.MEDIA_ROOM_EXISTS);
        assertThat(exists.serverCode()).contains(427);
        assertThat(exists.serverReason().orElseThrow()).contains("already exists");

        MediaException missing = failure(engine.joinAsPublisher(new MediaRoomId(999), "x"));
        assertThat(missing.code()).isEqualTo(Code.MEDIA_NO_SUCH_ROOM);
        assertThat(missing.serverCode()).contains(426);
    }

    @Test
    void aCoreErrorBecomesAMediaExceptionCarryingJanusCode() throws Exception {
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher p = get(engine.joinAsPublisher(ROOM, "a"));
        fake.forgetHandle(p.endpoint().value());

        MediaException lost = failure(engine.requestKeyframe(p.endpoint()));

        assertThat(lost.code()).isEqualTo(Code.MEDIA_ENDPOINT_LOST);
        assertThat(lost.serverCode()).contains(459);
    }

    @Test
    void anUnansweredRequestTimesOut() throws Exception {
        started(settings().withRequestTimeout(Duration.ofMillis(300)));
        fake.silent = true;
        long start = System.nanoTime();

        MediaException timeout = failure(engine.createRoom(RoomSpec.of(ROOM, "s")));

        assertThat(timeout.code()).isEqualTo(Code.MEDIA_TIMEOUT);
        assertThat(timeout.serverCode()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void keepalivesAreSentAtTheConfiguredInterval() throws Exception {
        started(settings().withKeepaliveInterval(Duration.ofMillis(100)));

        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.keepalives() >= 3);

        assertThat(fake.sessionsCreated()).isEqualTo(1);
        assertThat(engine.health().reachable()).isTrue();
    }

    @Test
    void anUnansweredKeepaliveCountsAsALostConnectionAndTheEngineReconnectsClaimingItsSession() throws Exception {
        started(settings().withKeepaliveInterval(Duration.ofMillis(200)).withRequestTimeout(Duration.ofMillis(1000)));
        fake.ignoreKeepalives = true;

        // Janus still has the session (it answers, only not the keepalives): claimed again, not made anew
        await().atMost(10, TimeUnit.SECONDS).until(() -> fake.claims() >= 1);
        assertThat(fake.sessionsCreated()).isEqualTo(1);
        fake.ignoreKeepalives = false;

        await().atMost(5, TimeUnit.SECONDS).until(() -> engine.health().reachable());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
    }

    @Test
    void aLostNodeReportsLostEndpointsPerRoomAndTheEngineReconnectsWithANewSession() throws Exception {
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher p = get(engine.joinAsPublisher(ROOM, "a"));
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(ROOM, events::add);

        fake.restart();

        await().atMost(5, TimeUnit.SECONDS).until(() -> !events.isEmpty());
        assertThat(events.get(0)).isInstanceOfSatisfying(MediaEvent.NodeLost.class, lost -> {
            assertThat(lost.room()).isEqualTo(ROOM);
            assertThat(lost.lostEndpoints()).containsExactly(p.endpoint());
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> engine.health().reachable());
        assertThat(fake.sessionsCreated()).isEqualTo(3); // the first connection's and its room's, the new one's
        // once the new session is up, the room's listener hears that the node is back
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.contains(new MediaEvent.NodeRestored(ROOM)));
        assertThat(events).hasSize(2);
        // the old endpoint is gone; the room can be made again on the new session
        assertThat(failure(engine.publish(p.endpoint(), Sdp.offer("v=0"))).code())
                .isEqualTo(Code.MEDIA_ENDPOINT_LOST);
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        assertThat(get(engine.joinAsPublisher(ROOM, "a")).feed().value()).isPositive();
    }

    @Test
    void anUnreachableNodeFailsRequestsFastAndIsReportedUnhealthy() throws Exception {
        URI nowhere = URI.create("ws://127.0.0.1:9/");
        engine = new JanusMediaEngine(JanusSettings.of(nowhere, null)
                .withRequestTimeout(Duration.ofMillis(500)).withReconnect(Duration.ofMillis(100), Duration.ofMillis(200)));
        engine.start();

        MediaException e = failure(engine.createRoom(RoomSpec.of(ROOM, "s")));

        assertThat(e.code()).isEqualTo(Code.MEDIA_NODE_UNREACHABLE);
        assertThat(engine.health().reachable()).isFalse();
    }

    @Test
    void eventsAreRoutedToTheRoomOfTheSendingHandle() throws Exception {
        started(settings());
        MediaRoomId other = new MediaRoomId(7);
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        get(engine.createRoom(RoomSpec.of(other, "s")));
        Publisher p = get(engine.joinAsPublisher(ROOM, "a"));
        List<MediaEvent> mine = new CopyOnWriteArrayList<>();
        List<MediaEvent> theirs = new CopyOnWriteArrayList<>();
        engine.addListener(ROOM, mine::add);
        engine.addListener(other, theirs::add);
        long handle = p.endpoint().value();

        fake.push("{\"janus\":\"webrtcup\",\"session_id\":1,\"sender\":" + handle + "}");
        fake.push("{\"janus\":\"media\",\"session_id\":1,\"sender\":" + handle
                + ",\"mid\":\"1\",\"type\":\"video\",\"receiving\":true}");
        fake.push("{\"janus\":\"event\",\"session_id\":1,\"sender\":" + handle + ",\"plugindata\":{\"plugin\":"
                + "\"janus.plugin.videoroom\",\"data\":{\"videoroom\":\"event\",\"room\":4242,"
                + "\"publishers\":[{\"id\":77,\"display\":\"b\"}]}}}");
        // every handle in the room hears of a leaving publisher: reported once
        fake.push("{\"janus\":\"event\",\"session_id\":1,\"sender\":" + handle + ",\"plugindata\":{\"plugin\":"
                + "\"janus.plugin.videoroom\",\"data\":{\"videoroom\":\"event\",\"room\":4242,\"leaving\":77}}}");
        fake.push("{\"janus\":\"event\",\"session_id\":1,\"sender\":" + handle + ",\"plugindata\":{\"plugin\":"
                + "\"janus.plugin.videoroom\",\"data\":{\"videoroom\":\"event\",\"room\":4242,\"leaving\":77}}}");
        fake.push("{\"janus\":\"hangup\",\"session_id\":1,\"sender\":" + handle + ",\"reason\":\"DTLS alert\"}");

        await().atMost(5, TimeUnit.SECONDS).until(() -> mine.size() >= 5);
        EndpointId id = p.endpoint();
        assertThat(mine).containsExactly(
                new MediaEvent.WebRtcUp(ROOM, id),
                new MediaEvent.MediaFlow(ROOM, id, "1", "video", true),
                new MediaEvent.PublisherJoined(ROOM, new org.lianxin.signaling.media.FeedId(77), "b"),
                new MediaEvent.PublisherLeft(ROOM, new org.lianxin.signaling.media.FeedId(77)),
                new MediaEvent.Hangup(ROOM, id, "DTLS alert"));
        assertThat(theirs).isEmpty();
    }

    @Test
    void streamStatsNeedTheAdminApi() throws Exception {
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher p = get(engine.joinAsPublisher(ROOM, "a"));

        assertThat(failure(engine.streamStats(p.endpoint())).code()).isEqualTo(Code.MEDIA_INVALID_REQUEST);
    }

    @Test
    void leavingDetachesTheHandleAndIsIdempotent() throws Exception {
        started(settings());
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher p = get(engine.joinAsPublisher(ROOM, "a"));

        get(engine.leave(p.endpoint()));
        get(engine.leave(p.endpoint()));

        assertThat(fake.verbs()).containsOnlyOnce("detach");
        assertThat(failure(engine.requestKeyframe(p.endpoint())).code()).isEqualTo(Code.MEDIA_ENDPOINT_LOST);
    }

    @Test
    void closingDestroysTheSessionAndClosesTheConnection() throws Exception {
        started(settings());

        engine.close();

        assertThat(fake.verbs()).contains("destroy");
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.openConnections() == 0);
        assertThat(failure(engine.createRoom(RoomSpec.of(ROOM, "s"))).code()).isEqualTo(Code.MEDIA_NODE_UNREACHABLE);
    }
}
