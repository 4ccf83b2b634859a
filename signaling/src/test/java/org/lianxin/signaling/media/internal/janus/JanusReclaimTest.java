package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.testing.FakeJanus;

/**
 * This server's own connection to a Janus node drops while Janus stays up (issue 14): the engine claims its sessions
 * on the next connection instead of reporting the node lost — the rooms keep their endpoints and nothing is rebuilt —
 * re-reads each room's participants (events raised meanwhile are lost), and rebuilds only a room whose session Janus
 * no longer has (458), or every room when its own session is gone. Against {@link FakeJanus}, which keeps sessions
 * past their connection as Janus does with {@code reclaim_session_timeout}.
 */
class JanusReclaimTest {

    private static final MediaRoomId ROOM = new MediaRoomId(6161);
    private static final MediaRoomId OTHER = new MediaRoomId(6262);

    private FakeJanus fake;
    private final List<JanusMediaEngine> engines = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeJanus();
    }

    @AfterEach
    void tearDown() throws Exception {
        engines.forEach(JanusMediaEngine::close);
        fake.close();
    }

    /** Keepalives rare enough not to find an expired session before the test cuts the connection. */
    private JanusSettings settings(Duration reconnect) {
        return JanusSettings.of(fake.uri(), "test-admin-key")
                .withRequestTimeout(Duration.ofSeconds(3))
                .withKeepaliveInterval(Duration.ofSeconds(30))
                .withReconnect(reconnect, reconnect);
    }

    private JanusMediaEngine started(JanusSettings settings) throws Exception {
        JanusMediaEngine e = new JanusMediaEngine(settings);
        engines.add(e);
        get(e.start());
        return e;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static List<MediaEvent> listen(JanusMediaEngine e, MediaRoomId room) {
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        e.addListener(room, events::add);
        return events;
    }

    /**
     * Waits until the room's participants were read again after the reclaim and what that found was delivered: the
     * read is sent, then two more round trips on the same connection follow its reply and the delivery queued by it.
     */
    private void rereadDone(JanusMediaEngine engine) throws Exception {
        await().atMost(10, TimeUnit.SECONDS).until(() -> fake.verbs().contains("message/listparticipants"));
        get(engine.listParticipants(ROOM));
        get(engine.listParticipants(ROOM));
    }

    @Test
    void aDroppedConnectionClaimsItsSessionsAgainAndTheRoomKeepsItsEndpoints() throws Exception {
        JanusMediaEngine engine = started(settings(Duration.ofMillis(50)));
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher leader = get(engine.joinAsPublisher(ROOM, "leader"));
        get(engine.publish(leader.endpoint(), Sdp.offer("v=0")));
        long own = engine.sessionId();
        long roomSession = engine.sessionOf(ROOM).orElseThrow().session();
        List<MediaEvent> events = listen(engine, ROOM);

        fake.cutConnections();

        await().atMost(10, TimeUnit.SECONDS).until(() -> fake.claims() == 2 && engine.health().reachable());
        assertThat(engine.sessionId()).isEqualTo(own);
        assertThat(engine.sessionOf(ROOM).orElseThrow().session()).isEqualTo(roomSession);
        assertThat(fake.sessionsCreated()).as("no session made anew").isEqualTo(2);
        // the publisher's handle is usable as before: nothing to re-publish
        get(engine.requestKeyframe(leader.endpoint()));
        assertThat(fake.keyframeRequests()).containsExactly("leader");
        rereadDone(engine);
        assertThat(events).noneMatch(e -> e instanceof MediaEvent.NodeLost || e instanceof MediaEvent.NodeRestored
                || e instanceof MediaEvent.PublisherLeft);
    }

    @Test
    void aRoomWhoseSessionJanusNoLongerHasIsRebuiltAloneAndTheOtherKeepsItsEndpoints() throws Exception {
        JanusMediaEngine engine = started(settings(Duration.ofMillis(50)));
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        get(engine.createRoom(RoomSpec.of(OTHER, "t")));
        Publisher lost = get(engine.joinAsPublisher(ROOM, "lost"));
        Publisher kept = get(engine.joinAsPublisher(OTHER, "kept"));
        List<MediaEvent> lostEvents = listen(engine, ROOM);
        List<MediaEvent> keptEvents = listen(engine, OTHER);

        fake.expire(engine.sessionOf(ROOM).orElseThrow().session()); // its reclaim time ran out
        fake.cutConnections();

        await().atMost(10, TimeUnit.SECONDS).until(() -> lostEvents.size() >= 2);
        assertThat(lostEvents.get(0)).isInstanceOfSatisfying(MediaEvent.NodeLost.class,
                l -> assertThat(l.lostEndpoints()).containsExactly(lost.endpoint()));
        assertThat(lostEvents.get(1)).isEqualTo(new MediaEvent.NodeRestored(ROOM));
        get(engine.requestKeyframe(kept.endpoint()));
        assertThat(keptEvents).noneMatch(e -> e instanceof MediaEvent.NodeLost || e instanceof MediaEvent.NodeRestored);
        assertThat(fake.sessionsCreated()).as("the connection's own was claimed").isEqualTo(3);
        // the rebuilt room makes its own session again
        get(engine.createRoom(RoomSpec.of(ROOM, "s")).exceptionally(e -> null));
        assertThat(get(engine.joinAsPublisher(ROOM, "lost")).feed().value()).isPositive();
    }

    @Test
    void whenTheConnectionsOwnSessionIsGoneEveryRoomIsRebuiltOnANewSession() throws Exception {
        JanusMediaEngine engine = started(settings(Duration.ofMillis(50)));
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher leader = get(engine.joinAsPublisher(ROOM, "leader"));
        long own = engine.sessionId();
        List<MediaEvent> events = listen(engine, ROOM);

        fake.expire(own);
        fake.cutConnections();

        await().atMost(10, TimeUnit.SECONDS).until(() -> events.size() >= 2);
        assertThat(events.get(0)).isInstanceOfSatisfying(MediaEvent.NodeLost.class,
                l -> assertThat(l.lostEndpoints()).containsExactly(leader.endpoint()));
        assertThat(events.get(1)).isEqualTo(new MediaEvent.NodeRestored(ROOM));
        assertThat(engine.sessionId()).isNotEqualTo(own).isPositive();
    }

    @Test
    void publishersThatCameOrWentWhileDisconnectedAreReportedFromTheRoomReadAgain() throws Exception {
        // a slow reconnect leaves time for the room to change while nobody holds the session
        JanusMediaEngine engine = started(settings(Duration.ofSeconds(2)));
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher leader = get(engine.joinAsPublisher(ROOM, "leader"));
        get(engine.publish(leader.endpoint(), Sdp.offer("v=0")));
        List<MediaEvent> events = listen(engine, ROOM);

        fake.cutConnections();
        // meanwhile: the leader's browser goes away, a guest publishes on another connection
        fake.participantGone(ROOM.value(), leader.feed().value());
        JanusMediaEngine other = started(settings(Duration.ofMillis(50)));
        Publisher guest = get(other.joinAsPublisher(ROOM, "guest"));
        get(other.publish(guest.endpoint(), Sdp.offer("v=0")));
        assertThat(engine.health().reachable()).as("still disconnected").isFalse();

        await().atMost(10, TimeUnit.SECONDS).until(() -> events.contains(new MediaEvent.PublisherLeft(ROOM,
                leader.feed())) && events.stream().anyMatch(e -> e instanceof MediaEvent.PublisherJoined j
                && j.feed().equals(guest.feed())));
        assertThat(events).noneMatch(e -> e instanceof MediaEvent.NodeLost);
        assertThat(fake.claims()).isEqualTo(2);
    }

    @Test
    void withoutAReclaimWindowADroppedConnectionRebuildsTheRoomsAsBefore() throws Exception {
        JanusMediaEngine engine = started(settings(Duration.ofMillis(50)).withReclaimWindow(Duration.ZERO));
        get(engine.createRoom(RoomSpec.of(ROOM, "s")));
        get(engine.joinAsPublisher(ROOM, "leader"));
        List<MediaEvent> events = listen(engine, ROOM);

        fake.cutConnections();

        await().atMost(10, TimeUnit.SECONDS).until(() -> events.contains(new MediaEvent.NodeRestored(ROOM)));
        assertThat(events.get(0)).isInstanceOf(MediaEvent.NodeLost.class);
        assertThat(fake.claims()).isZero();
    }
}
