package org.lianxin.web.live;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaHealth;
import org.lianxin.signaling.media.MediaListener;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.StreamStats;
import org.lianxin.signaling.media.Subscription;

/**
 * A hand-written media engine for tests of what is not media (room placement): makes and destroys rooms in memory
 * and answers every other call at once; nobody publishes. It notes the rooms made and destroyed.
 */
final class QuietMedia implements MediaEngine {
    final List<MediaRoomId> created = new CopyOnWriteArrayList<>();
    final List<MediaRoomId> destroyed = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);

    @Override
    public CompletableFuture<Void> createRoom(RoomSpec spec) {
        created.add(spec.id());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> destroyRoom(MediaRoomId room, String secret) {
        destroyed.add(room);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Participant>> listParticipants(MediaRoomId room) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Publisher> joinAsPublisher(MediaRoomId room, String display) {
        long id = ids.incrementAndGet();
        return CompletableFuture.completedFuture(new Publisher(room, new EndpointId(id), new FeedId(id + 1000),
                List.of()));
    }

    @Override
    public CompletableFuture<Sdp> publish(EndpointId publisher, Sdp offer) {
        return CompletableFuture.completedFuture(Sdp.answer("answer"));
    }

    @Override
    public CompletableFuture<Void> requestKeyframe(EndpointId publisher) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Subscription> subscribe(MediaRoomId room, List<FeedId> feeds) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("nobody publishes here"));
    }

    @Override
    public CompletableFuture<Void> startSubscription(EndpointId subscriber, Sdp answer) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> setReceiveQuality(EndpointId subscriber, ReceiveQuality quality) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> trickle(EndpointId endpoint, IceCandidate candidate) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> leave(EndpointId endpoint) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> setMuted(MediaRoomId room, String secret, FeedId feed, String mid, boolean muted) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> kick(MediaRoomId room, String secret, FeedId feed) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Forwarder>> rtpForward(ForwardRequest request) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Void> stopRtpForward(MediaRoomId room, String secret, FeedId feed, long streamId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<StreamStats>> streamStats(EndpointId endpoint) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public MediaHealth health() {
        return new MediaHealth("quiet", true, null, "in memory");
    }

    @Override
    public Registration addListener(MediaRoomId room, MediaListener listener) {
        return () -> { };
    }

    @Override
    public void close() {
    }
}
