package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;

/** The Janus adapter against the real Janus 1.1 from Debian, in a network namespace of its own. */
class JanusMediaEngineIT {

    private static JanusTestHost host;
    private static JanusMediaEngine engine;

    @BeforeAll
    static void startJanus() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        host = JanusTestHost.start();
        engine = new JanusMediaEngine(host.settings());
        engine.start().get(15, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopJanus() {
        if (engine != null) {
            engine.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private static MediaRoomId newRoom() {
        return new MediaRoomId(ThreadLocalRandom.current().nextLong(1, 1L << 40));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(15, TimeUnit.SECONDS);
    }

    private static MediaException failure(CompletableFuture<?> f) {
        try {
            f.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            return MediaException.in(e).orElseThrow(() -> new AssertionError("not a MediaException", e));
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void aRoomIsCreatedListedWithItsParticipantsAndDestroyed() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));
        assertThat(get(engine.listParticipants(room))).isEmpty();

        Publisher leader = get(engine.joinAsPublisher(room, "leader"));
        assertThat(get(engine.listParticipants(room)))
                .containsExactly(new Participant(leader.feed(), "leader", false));

        get(engine.leave(leader.endpoint()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> get(engine.listParticipants(room)).isEmpty());

        get(engine.destroyRoom(room, "sec"));
        MediaException gone = failure(engine.listParticipants(room));
        assertThat(gone.code()).isEqualTo(Code.MEDIA_NO_SUCH_ROOM);
        assertThat(gone.serverCode()).contains(426);
    }

    @Test
    void concurrentRequestsAreEachSettledByTheirOwnReply() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(new RoomSpec(room, "sec", "concurrency", 30, 256_000)));

        List<CompletableFuture<Publisher>> joins = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> engine.joinAsPublisher(room, "p" + i)).toList();
        List<Publisher> joined = new java.util.ArrayList<>();
        for (CompletableFuture<Publisher> f : joins) {
            joined.add(get(f));
        }

        assertThat(joined).extracting(Publisher::feed).doesNotHaveDuplicates();
        assertThat(get(engine.listParticipants(room))).extracting(Participant::display)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "p" + i).toList());
        CompletableFuture.allOf(joined.stream().map(p -> engine.leave(p.endpoint())).toArray(CompletableFuture[]::new))
                .get(15, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> get(engine.listParticipants(room)).isEmpty());
        get(engine.destroyRoom(room, "sec"));
    }

    @Test
    void creatingAnExistingRoomFailsWithJanusRoomExists() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));

        MediaException e = failure(engine.createRoom(RoomSpec.of(room, "sec")));

        assertThat(e.code()).isEqualTo(Code.MEDIA_ROOM_EXISTS);
        assertThat(e.serverCode()).contains(427);
        get(engine.destroyRoom(room, "sec"));
    }

    @Test
    void joiningAMissingRoomFailsWithJanusNoSuchRoom() {
        MediaException e = failure(engine.joinAsPublisher(newRoom(), "nobody"));

        assertThat(e.code()).isEqualTo(Code.MEDIA_NO_SUCH_ROOM);
        assertThat(e.serverCode()).contains(426);
    }

    @Test
    void destroyingWithTheWrongSecretIsRefused() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "right")));

        MediaException e = failure(engine.destroyRoom(room, "wrong"));

        assertThat(e.code()).isEqualTo(Code.MEDIA_UNAUTHORIZED);
        assertThat(e.serverCode()).contains(433);
        get(engine.destroyRoom(room, "right"));
    }

    @Test
    void creatingARoomWithAWrongAdminKeyIsRefused() throws Exception {
        JanusSettings wrongKey = JanusSettings.of(host.wsUrl(), "not-the-key").withRequestTimeout(Duration.ofSeconds(5));
        try (JanusMediaEngine other = new JanusMediaEngine(wrongKey)) {
            other.start().get(15, TimeUnit.SECONDS);

            MediaException e = failure(other.createRoom(RoomSpec.of(newRoom(), "sec")));

            assertThat(e.code()).isEqualTo(Code.MEDIA_UNAUTHORIZED);
            assertThat(e.serverCode()).contains(433);
        }
    }

    @Test
    void forwardingAMissingPublisherFailsWithNoSuchFeed() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));

        MediaException e = failure(engine.rtpForward(new ForwardRequest(room, "sec", new FeedId(12345),
                host.hostAddress(), List.of(new ForwardRequest.Stream("0", 40000, 111, 0)))));

        assertThat(e.code()).isEqualTo(Code.MEDIA_NO_SUCH_FEED);
        assertThat(e.serverCode()).contains(428);
        get(engine.destroyRoom(room, "sec"));
    }

    @Test
    void forwardingWithoutTheRoomSecretIsRefused() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));
        Publisher p = get(engine.joinAsPublisher(room, "p"));

        MediaException e = failure(engine.rtpForward(new ForwardRequest(room, "wrong", p.feed(),
                host.hostAddress(), List.of(new ForwardRequest.Stream("0", 40000, 111, 0)))));

        assertThat(e.code()).isEqualTo(Code.MEDIA_UNAUTHORIZED);
        assertThat(e.serverCode()).contains(433);
        get(engine.leave(p.endpoint()));
        get(engine.destroyRoom(room, "sec"));
    }

    @Test
    void moderatingOrKickingAMissingFeedFailsWithNoSuchFeed() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));

        MediaException mute = failure(engine.setMuted(room, "sec", new FeedId(777), "0", true));
        MediaException kick = failure(engine.kick(room, "sec", new FeedId(777)));

        assertThat(mute.code()).isEqualTo(Code.MEDIA_NO_SUCH_FEED);
        assertThat(mute.serverCode()).contains(428);
        assertThat(kick.code()).isEqualTo(Code.MEDIA_NO_SUCH_FEED);
        assertThat(kick.serverCode()).contains(428);
        get(engine.destroyRoom(room, "sec"));
    }

    @Test
    void kickingAJoinedParticipantRemovesIt() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));
        Publisher p = get(engine.joinAsPublisher(room, "petitioner"));

        get(engine.kick(room, "sec", p.feed()));

        await().atMost(5, TimeUnit.SECONDS).until(() -> get(engine.listParticipants(room)).isEmpty());
        get(engine.leave(p.endpoint()));
        get(engine.destroyRoom(room, "sec"));
    }

    @Test
    void subscribingToAMissingFeedFailsWithNoSuchFeed() throws Exception {
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));

        MediaException e = failure(engine.subscribe(room, List.of(new FeedId(4711))));

        assertThat(e.code()).isEqualTo(Code.MEDIA_NO_SUCH_FEED);
        assertThat(e.serverCode()).contains(428);
        get(engine.destroyRoom(room, "sec"));
    }

    @Test
    void aRestartedJanusIsReportedAsNodeLostAndTheEngineReconnects() throws Exception {
        JanusSettings settings = host.settings();
        try (JanusMediaEngine own = new JanusMediaEngine(settings)) {
            own.start().get(15, TimeUnit.SECONDS);
            MediaRoomId room = newRoom();
            get(own.createRoom(RoomSpec.of(room, "sec")));
            Publisher p = get(own.joinAsPublisher(room, "p"));
            List<MediaEvent> events = new CopyOnWriteArrayList<>();
            own.addListener(room, events::add);

            host.restartJanus();

            await().atMost(15, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(MediaEvent.NodeLost.class::isInstance));
            assertThat(events).filteredOn(MediaEvent.NodeLost.class::isInstance).first()
                    .isInstanceOfSatisfying(MediaEvent.NodeLost.class,
                            lost -> assertThat(lost.lostEndpoints()).containsExactly(p.endpoint()));
            await().atMost(20, TimeUnit.SECONDS).until(() -> own.health().reachable());
            // the room is gone with the old Janus; it can be created again
            get(own.createRoom(RoomSpec.of(room, "sec")));
            get(own.destroyRoom(room, "sec"));
            // the shared engine reconnects too
            await().atMost(20, TimeUnit.SECONDS).until(() -> engine.health().reachable());
        }
    }
}
