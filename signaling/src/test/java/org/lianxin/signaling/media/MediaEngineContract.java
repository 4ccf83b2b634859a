package org.lianxin.signaling.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaException.Code;

/**
 * What every {@link MediaEngine} adapter must do, run against a real media server: implement
 * {@link #engine()} (connected) and {@link #forwardHost()}. Media itself (a browser publishing)
 * is tested per adapter.
 */
public interface MediaEngineContract {

    /** A connected engine (shared by the tests; they use rooms of their own). */
    MediaEngine engine();

    /** An IPv4 address of this host the media server can send RTP to. */
    String forwardHost();

    /** Also checks the server's own error number behind one of our codes, if the adapter knows it. */
    default void assertServerCode(MediaException e) {
    }

    default MediaRoomId newRoom() {
        return new MediaRoomId(ThreadLocalRandom.current().nextLong(1, 1L << 40));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(15, TimeUnit.SECONDS);
    }

    private MediaException failure(CompletableFuture<?> f, Code expected) {
        MediaException e;
        try {
            f.get(15, TimeUnit.SECONDS);
            throw new AssertionError("expected " + expected);
        } catch (Exception ex) {
            e = MediaException.in(ex).orElseThrow(() -> new AssertionError("not a MediaException", ex));
        }
        assertThat(e.code()).as(e.getMessage()).isEqualTo(expected);
        assertServerCode(e);
        return e;
    }

    @Test
    default void aRoomIsCreatedListedWithItsParticipantsAndDestroyed() throws Exception {
        MediaEngine engine = engine();
        MediaRoomId room = newRoom();
        get(engine.createRoom(RoomSpec.of(room, "sec")));
        assertThat(get(engine.listParticipants(room))).isEmpty();

        Publisher leader = get(engine.joinAsPublisher(room, "leader"));
        assertThat(get(engine.listParticipants(room)))
                .containsExactly(new Participant(leader.feed(), "leader", false));

        get(engine.leave(leader.endpoint()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> get(engine.listParticipants(room)).isEmpty());

        get(engine.destroyRoom(room, "sec"));
        failure(engine.listParticipants(room), Code.MEDIA_NO_SUCH_ROOM);
    }

    @Test
    default void creatingAnExistingRoomFails() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "sec")));

        failure(engine().createRoom(RoomSpec.of(room, "sec")), Code.MEDIA_ROOM_EXISTS);

        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void joiningAMissingRoomFails() {
        failure(engine().joinAsPublisher(newRoom(), "nobody"), Code.MEDIA_NO_SUCH_ROOM);
    }

    @Test
    default void destroyingWithTheWrongSecretIsRefused() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "right")));

        failure(engine().destroyRoom(room, "wrong"), Code.MEDIA_UNAUTHORIZED);

        get(engine().destroyRoom(room, "right"));
    }

    @Test
    default void forwardingAMissingPublisherFails() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "sec")));

        failure(engine().rtpForward(new ForwardRequest(room, "sec", new FeedId(12345), forwardHost(),
                List.of(new ForwardRequest.Stream("0", 40000, 111, 0)))), Code.MEDIA_NO_SUCH_FEED);

        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void forwardingWithoutTheRoomSecretIsRefused() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "sec")));
        Publisher p = get(engine().joinAsPublisher(room, "p"));

        failure(engine().rtpForward(new ForwardRequest(room, "wrong", p.feed(), forwardHost(),
                List.of(new ForwardRequest.Stream("0", 40000, 111, 0)))), Code.MEDIA_UNAUTHORIZED);

        get(engine().leave(p.endpoint()));
        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void moderatingOrKickingAMissingFeedFails() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "sec")));

        failure(engine().setMuted(room, "sec", new FeedId(777), "0", true), Code.MEDIA_NO_SUCH_FEED);
        failure(engine().kick(room, "sec", new FeedId(777)), Code.MEDIA_NO_SUCH_FEED);

        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void kickingAJoinedParticipantRemovesIt() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "sec")));
        Publisher p = get(engine().joinAsPublisher(room, "petitioner"));

        get(engine().kick(room, "sec", p.feed()));

        await().atMost(5, TimeUnit.SECONDS).until(() -> get(engine().listParticipants(room)).isEmpty());
        get(engine().leave(p.endpoint()));
        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void subscribingToAMissingFeedFails() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "sec")));

        failure(engine().subscribe(room, List.of(new FeedId(4711))), Code.MEDIA_NO_SUCH_FEED);

        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void leavingTwiceIsHarmlessAndTheEndpointIsThenUnknown() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(RoomSpec.of(room, "sec")));
        Publisher p = get(engine().joinAsPublisher(room, "p"));

        get(engine().leave(p.endpoint()));
        get(engine().leave(p.endpoint()));

        failure(engine().requestKeyframe(p.endpoint()), Code.MEDIA_ENDPOINT_LOST);
        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void concurrentJoinsAreEachSettledByTheirOwnReply() throws Exception {
        MediaRoomId room = newRoom();
        get(engine().createRoom(new RoomSpec(room, "sec", "concurrency", 30, 256_000)));

        List<CompletableFuture<Publisher>> joins = IntStream.range(0, 20)
                .mapToObj(i -> engine().joinAsPublisher(room, "p" + i)).toList();
        List<Publisher> joined = new ArrayList<>();
        for (CompletableFuture<Publisher> f : joins) {
            joined.add(get(f));
        }

        assertThat(joined).extracting(Publisher::feed).doesNotHaveDuplicates();
        assertThat(get(engine().listParticipants(room))).extracting(Participant::display)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj(i -> "p" + i).toList());
        CompletableFuture.allOf(joined.stream().map(p -> engine().leave(p.endpoint()))
                .toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> get(engine().listParticipants(room)).isEmpty());
        get(engine().destroyRoom(room, "sec"));
    }

    @Test
    default void theNodeIsReportedReachable() {
        assertThat(engine().health().reachable()).isTrue();
    }
}
