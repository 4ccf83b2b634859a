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
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomClaim;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine.AdoptedEndpoint;
import org.lianxin.signaling.testing.FakeJanus;

/**
 * Janus's session reclaim as the adapter uses it (issue 14), against {@link FakeJanus}: an instance's engine drops its
 * connection without destroying its session (a kill -9), a successor's engine claims the session and goes on with its
 * handles; a session Janus no longer has (458) is given up at once, never replaced by a new one.
 */
class JanusClaimTest {

    private static final MediaRoomId ROOM = new MediaRoomId(5151);

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

    private JanusSettings settings() {
        return JanusSettings.of(fake.uri(), "test-admin-key")
                .withRequestTimeout(Duration.ofSeconds(3))
                .withKeepaliveInterval(Duration.ofMillis(200))
                .withReconnect(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private JanusMediaEngine engine(JanusMediaEngine e) {
        engines.add(e);
        return e;
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

    private static long roomSession(JanusMediaEngine e) {
        long s = e.sessionOf(ROOM).orElseThrow().session();
        assertThat(s).isNotEqualTo(e.sessionId()); // the room's own, not the connection's
        return s;
    }

    private long count(String verb) {
        return fake.verbs().stream().filter(verb::equals).count();
    }

    @Test
    void aSuccessorClaimsAnAbandonedSessionAndGoesOnWithItsHandles() throws Exception {
        JanusMediaEngine a = engine(new JanusMediaEngine(settings()));
        get(a.start());
        get(a.createRoom(RoomSpec.of(ROOM, "s3cret")));
        Publisher leader = get(a.joinAsPublisher(ROOM, "leader"));
        long session = roomSession(a);

        a.abandon();

        assertThat(fake.verbs()).doesNotContain("destroy");
        assertThat(fake.hasSession(session)).isTrue();
        JanusMediaEngine b = engine(JanusMediaEngine.claiming(settings(), session));
        get(b.start());
        assertThat(b.sessionId()).isEqualTo(session);
        assertThat(fake.claims()).isEqualTo(1);
        assertThat(fake.sessionsCreated()).isEqualTo(2); // a's own and the room's

        List<Participant> now = get(b.adopt(ROOM,
                List.of(new AdoptedEndpoint(leader.endpoint(), ROOM, true, leader.feed()))));

        assertThat(now).extracting(Participant::feed).containsExactly(leader.feed());
        // the old handle is usable through the claimed session: a keyframe request, a forward of its feed
        get(b.requestKeyframe(leader.endpoint()));
        assertThat(fake.keyframeRequests()).containsExactly("leader");
        get(b.rtpForward(new ForwardRequest(ROOM, "s3cret", leader.feed(), "127.0.0.1",
                List.of(new ForwardRequest.Stream("1", 40000, 96, 0)))));
        assertThat(fake.forwarders()).hasSize(1);
        // and the session is kept alive by the successor
        int before = fake.keepalives();
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.keepalives() >= before + 2);
        assertThat(b.health().reachable()).isTrue();
    }

    @Test
    void aSessionJanusNoLongerHasIsGivenUpWith458AndNoNewSessionIsMade() throws Exception {
        JanusMediaEngine a = engine(new JanusMediaEngine(settings()));
        get(a.start());
        long session = a.sessionId();
        a.abandon();
        fake.expire(session); // the reclaim timeout ran out

        JanusMediaEngine b = engine(JanusMediaEngine.claiming(settings(), session));
        MediaException e = failure(b.start());

        assertThat(e.code()).isEqualTo(Code.MEDIA_ENDPOINT_LOST);
        assertThat(count("claim")).isEqualTo(1);
        assertThat(fake.sessionsCreated()).isEqualTo(1);
        assertThat(failure(b.createRoom(RoomSpec.of(ROOM, "s"))).code()).isEqualTo(Code.MEDIA_NODE_UNREACHABLE);
    }

    @Test
    void aClaimedSessionWhoseConnectionBreaksIsClaimedAgainWithoutLosingItsEndpoints() throws Exception {
        JanusMediaEngine a = engine(new JanusMediaEngine(settings()));
        get(a.start());
        get(a.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher leader = get(a.joinAsPublisher(ROOM, "leader"));
        long session = roomSession(a);
        a.abandon();
        JanusMediaEngine b = engine(JanusMediaEngine.claiming(settings(), session));
        get(b.start());
        get(b.adopt(ROOM, List.of(new AdoptedEndpoint(leader.endpoint(), ROOM, true, leader.feed()))));
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        b.addListener(ROOM, events::add);

        fake.cutConnections();

        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.claims() == 2 && b.health().reachable());
        get(b.requestKeyframe(leader.endpoint()));
        assertThat(events).noneMatch(ev -> ev instanceof MediaEvent.NodeLost);
        assertThat(fake.sessionsCreated()).isEqualTo(2);
    }

    @Test
    void aClaimedSessionThatExpiresWhileDisconnectedIsReportedLostOnce() throws Exception {
        JanusMediaEngine a = engine(new JanusMediaEngine(settings()));
        get(a.start());
        get(a.createRoom(RoomSpec.of(ROOM, "s")));
        Publisher leader = get(a.joinAsPublisher(ROOM, "leader"));
        long session = roomSession(a);
        a.abandon();
        JanusMediaEngine b = engine(JanusMediaEngine.claiming(settings(), session));
        get(b.start());
        get(b.adopt(ROOM, List.of(new AdoptedEndpoint(leader.endpoint(), ROOM, true, leader.feed()))));
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        b.addListener(ROOM, events::add);

        fake.expire(session);
        fake.cutConnections();

        await().atMost(5, TimeUnit.SECONDS).until(() -> !events.isEmpty());
        assertThat(events.get(0)).isInstanceOfSatisfying(MediaEvent.NodeLost.class,
                lost -> assertThat(lost.lostEndpoints()).containsExactly(leader.endpoint()));
        assertThat(fake.sessionsCreated()).isEqualTo(2);
    }

    @Test
    void aSuccessorClaimsOneRoomsSessionOnItsOwnConnectionAndLeavesTheOtherRoomsAlone() throws Exception {
        MediaRoomId other = new MediaRoomId(5252);
        JanusMediaEngine a = engine(new JanusMediaEngine(settings()));
        get(a.start());
        get(a.createRoom(RoomSpec.of(ROOM, "s3cret")));
        get(a.createRoom(RoomSpec.of(other, "s3cret2")));
        Publisher leader = get(a.joinAsPublisher(ROOM, "leader"));
        Publisher second = get(a.joinAsPublisher(other, "second"));
        long session = roomSession(a);
        long otherSession = a.sessionOf(other).orElseThrow().session();
        assertThat(otherSession).isNotEqualTo(session);
        a.abandon();
        // a's own 200 ms keepalive may have kept it alive before the abandon (a loaded box): b must add none
        int otherKeptAliveByA = fake.keepalivesOf(otherSession);
        JanusMediaEngine b = engine(new JanusMediaEngine(settings()));
        get(b.start());
        int created = fake.sessionsCreated();

        List<Participant> now = get(b.claimRoom(new RoomClaim("n1", session, RoomSpec.of(ROOM, "s3cret"),
                List.of(new RoomClaim.Endpoint(leader.endpoint(), true, leader.feed())))));

        assertThat(now).extracting(Participant::feed).containsExactly(leader.feed());
        assertThat(fake.claims()).isEqualTo(1);
        assertThat(fake.sessionsCreated()).isEqualTo(created); // nothing made anew
        assertThat(b.sessionOf(ROOM).orElseThrow().session()).isEqualTo(session);
        get(b.requestKeyframe(leader.endpoint()));
        assertThat(fake.keyframeRequests()).containsExactly("leader");
        // a new subscriber of the claimed room goes into the claimed session
        get(b.subscribe(ROOM, List.of(leader.feed())));
        // the other room's handle is not b's
        assertThat(failure(b.requestKeyframe(second.endpoint())).code()).isEqualTo(Code.MEDIA_ENDPOINT_LOST);
        // b keeps the claimed session alive with its own
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.keepalivesOf(session) >= 2);
        assertThat(fake.keepalivesOf(otherSession)).isEqualTo(otherKeptAliveByA);
    }

    @Test
    void theLostOwnersForwardersAreStoppedWhenItsRoomIsClaimed() throws Exception {
        JanusMediaEngine a = engine(new JanusMediaEngine(settings()));
        get(a.start());
        get(a.createRoom(RoomSpec.of(ROOM, "s3cret")));
        Publisher leader = get(a.joinAsPublisher(ROOM, "leader"));
        get(a.rtpForward(new org.lianxin.signaling.media.ForwardRequest(ROOM, "s3cret", leader.feed(), "10.0.0.9",
                List.of(new org.lianxin.signaling.media.ForwardRequest.Stream("0", 40000, 111, 0),
                        new org.lianxin.signaling.media.ForwardRequest.Stream("1", 40002, 96, 0)))));
        assertThat(fake.forwarders()).hasSize(2); // to a's recorder
        long session = roomSession(a);
        a.abandon();
        JanusMediaEngine b = engine(new JanusMediaEngine(settings()));
        get(b.start());

        get(b.claimRoom(new RoomClaim("n1", session, RoomSpec.of(ROOM, "s3cret"),
                List.of(new RoomClaim.Endpoint(leader.endpoint(), true, leader.feed())))));

        assertThat(fake.forwarders()).as("nothing left sending to the lost owner's recorder").isEmpty();
        assertThat(count("message/listforwarders")).isEqualTo(1);
        assertThat(count("message/stop_rtp_forward")).isEqualTo(2);
    }

    @Test
    void aRoomSessionJanusNoLongerHasIsNotClaimedAndTheRoomIsNotTaken() throws Exception {
        JanusMediaEngine a = engine(new JanusMediaEngine(settings()));
        get(a.start());
        get(a.createRoom(RoomSpec.of(ROOM, "s3cret")));
        Publisher leader = get(a.joinAsPublisher(ROOM, "leader"));
        long session = roomSession(a);
        a.abandon();
        fake.expire(session);
        JanusMediaEngine b = engine(new JanusMediaEngine(settings()));
        get(b.start());

        MediaException e = failure(b.claimRoom(new RoomClaim("n1", session, RoomSpec.of(ROOM, "s3cret"),
                List.of(new RoomClaim.Endpoint(leader.endpoint(), true, leader.feed())))));

        assertThat(e.code()).isEqualTo(Code.MEDIA_ENDPOINT_LOST);
        assertThat(b.sessionOf(ROOM).orElseThrow().session()).isEqualTo(b.sessionId()); // no room session kept
        assertThat(failure(b.requestKeyframe(leader.endpoint())).code()).isEqualTo(Code.MEDIA_ENDPOINT_LOST);
        assertThat(b.health().reachable()).isTrue(); // the connection and its own session stay
    }
}
