package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.lianxin.signaling.live.MediaEndpoints.Endpoints;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.MediaAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions on a receiving connection that is up already (issue 10, instant admission). A participant makes
 * its subscriber connection ahead ({@link #prepare}: on its own feed, which the node sends nothing of), while it
 * waits in the lobby or as soon as the host publishes; a subscription then only adds and removes feeds on that
 * connection ({@link #update}: one renegotiation, no new ICE or DTLS), and once the browser's answer is in the
 * added publishers are asked for a keyframe at once ({@link #answering}), which the node relays from.
 *
 * <p>Part of {@link EndpointActions}' media steps (run in the room's {@link MediaChain}): takes the room's lock to
 * read or write the endpoints, never while waiting for the node.
 */
final class ReceivingConnections {

    private static final Logger log = LoggerFactory.getLogger(ReceivingConnections.class);

    private final LiveRoom owner;
    private final String roomId;
    private final ReentrantLock lock;
    private final MediaEngine media;
    private final NodeRoom nodeRoom;
    private final MediaEndpoints endpoints;
    private final KeyframeGate keyframes;
    private final HeldStreams heldStreams;

    ReceivingConnections(LiveRoom owner, ReentrantLock lock, MediaEngine media, NodeRoom nodeRoom,
                         MediaEndpoints endpoints, KeyframeGate keyframes) {
        this.keyframes = keyframes;
        this.owner = owner;
        this.roomId = owner.roomId();
        this.lock = lock;
        this.media = media;
        this.nodeRoom = nodeRoom;
        this.endpoints = endpoints;
        this.heldStreams = new HeldStreams(owner, lock, media, endpoints, keyframes);
    }

    /** The streams held paused on these connections for an admission. */
    HeldStreams held() {
        return heldStreams;
    }

    /**
     * A subscriber endpoint on the participant's own feed that sends nothing; its offer, with no streams, goes to the
     * participant. Replaces a subscriber endpoint it had. Fails if it does not publish.
     *
     * <p>The whole own feed, audio and video, so that the browser sets up its video receiving before the admission:
     * adding the first video section to a connection made its answer 50–100 ms slower (bench admit).
     */
    CompletableFuture<Void> prepare(MediaAction.PrepareReceiving a) {
        String id = a.participantId();
        FeedId own;
        EndpointId old;
        lock.lock();
        try {
            Endpoints e = endpoints.of(id);
            if (e == null || e.feed == null) {
                return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NO_SUCH_FEED,
                        "the receiving connection carries the own feed: publish first"));
            }
            own = e.feed;
            old = e.subscriber;
            e.forgetSubscriber();
        } finally {
            lock.unlock();
        }
        return replace(id, old, () -> media.subscribeIdle(nodeRoom.id(), own, null), (e, s) -> {
            e.subscriberPrepared = true;
            log.debug("room {}: receiving connection of {} made ahead", roomId, id);
            return new ServerMessage.Offer(s.offer().sdp(), List.of());
        });
    }

    /**
     * The participant's subscriber endpoint {@code old} (if any) closed and a new one made: recorded as its
     * subscriber ({@code fill} completes the bookkeeping, with the lock held) and its offer ({@code fill}'s message)
     * sent; closed again if the participant left meanwhile.
     */
    CompletableFuture<Void> replace(String id, EndpointId old, Supplier<CompletableFuture<Subscription>> make,
                                    BiFunction<Endpoints, Subscription, ServerMessage> fill) {
        CompletableFuture<Void> leaveOld = old == null ? CompletableFuture.completedFuture(null) : media.leave(old);
        return leaveOld.thenCompose(v -> make.get()).thenAccept(s -> {
            lock.lock();
            try {
                if (owner.member(id).isEmpty()) { // left meanwhile
                    media.leave(s.endpoint());
                    return;
                }
                Endpoints e = endpoints.ofOrNew(id);
                e.forgetSubscriber();
                e.subscriber = s.endpoint();
                owner.send(id, fill.apply(e, s));
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * Whether the participant's subscriber connection can take an update: one made ahead (the page that asked for
     * it renegotiates it; a page that never did expects a new connection for each subscription), whose last offer
     * was answered.
     */
    static boolean canUpdate(Endpoints e) {
        return e != null && e.subscriber != null && e.subscriberPrepared && e.subscriberAnswered;
    }

    /**
     * The participant is to receive exactly these publishers, on the subscriber connection it has: the node adds
     * the feeds it does not receive yet and removes those no longer wanted (a feed gone with its publisher is gone
     * from it already); the new offer, or none if nothing needed renegotiating, goes to the participant as an
     * {@link ServerMessage.OfferUpdate} with the streams it now carries.
     */
    CompletableFuture<Void> update(String id, List<String> publisherIds) {
        List<String> heldNow = heldStreams.heldAmong(id, publisherIds);
        if (!heldNow.isEmpty()) { // held for its admission: sent now, no renegotiation for them
            return heldStreams.resume(id, heldNow).thenCompose(v -> update(id, publisherIds));
        }
        EndpointId subscriber;
        Map<String, FeedId> wanted = new LinkedHashMap<>();
        List<FeedId> add = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<FeedId> remove = new ArrayList<>();
        List<EndpointId> held = new ArrayList<>();
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            subscriber = mine.subscriber;
            for (String p : publisherIds) {
                Endpoints e = endpoints.of(p);
                if (e == null || e.feed == null) {
                    return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NO_SUCH_FEED,
                            "not publishing: " + p));
                }
                wanted.put(p, e.feed);
                if (!e.feed.equals(mine.subscribedFeeds.get(p))) {
                    add.add(e.feed);
                    added.add(p);
                    held.add(e.publisher);
                }
            }
            for (Map.Entry<String, FeedId> had : mine.subscribedFeeds.entrySet()) {
                if (!had.getValue().equals(wanted.get(had.getKey())) && endpoints.participantOf(had.getValue()) != null) {
                    remove.add(had.getValue());
                }
            }
        } finally {
            lock.unlock();
        }
        // the recorder's keyframe request waits for this subscriber's answer: one keyframe for both (KeyframeGate)
        held.forEach(keyframes::hold);
        CompletableFuture<Subscription> updated = add.isEmpty() && remove.isEmpty()
                ? CompletableFuture.completedFuture(new Subscription(nodeRoom.id(), subscriber, List.of(), null))
                : media.updateSubscription(subscriber, add, remove);
        return updated.whenComplete((s, error) -> {
            if (error != null || s.offer() == null) {
                held.forEach(keyframes::release);
            }
        }).thenAccept(s -> {
            lock.lock();
            try {
                Endpoints mine = endpoints.of(id);
                if (owner.member(id).isEmpty() || mine == null || !subscriber.equals(mine.subscriber)) {
                    return; // left, or its subscriber replaced, meanwhile
                }
                mine.subscribedTo = List.copyOf(publisherIds);
                mine.subscribedFeeds = Map.copyOf(wanted);
                List<OfferedStream> streams = s.offer() == null && s.streams().isEmpty()
                        ? kept(mine.offeredStreams, publisherIds) : streams(s, id, publisherIds);
                mine.offeredStreams = streams;
                if (s.offer() != null) {
                    mine.subscriberAnswered = false;
                    mine.keyframesAfterAnswer = List.copyOf(added);
                }
                owner.send(id, new ServerMessage.OfferUpdate(s.offer() == null ? null : s.offer().sdp(), streams));
            } finally {
                lock.unlock();
            }
            log.debug("room {}: subscription of {} updated on its connection (+{} -{})", roomId, id, added, remove);
        });
    }

    /** The node took the browser's answer on the subscriber endpoint: it can take updates from now on. */
    void answered(String id, EndpointId subscriber) {
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            if (mine != null && subscriber.equals(mine.subscriber)) {
                mine.subscriberAnswered = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The browser answered (so it has applied its side of the renegotiation and can take the new streams): the
     * publishers the last update added are asked for a keyframe now, while the node takes the answer (the node
     * relays a new stream from a keyframe, and has been sending it since the update).
     */
    void answering(String id, EndpointId subscriber) {
        List<EndpointId> publishers = new ArrayList<>();
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            if (mine == null || !subscriber.equals(mine.subscriber)) {
                return;
            }
            for (String p : mine.keyframesAfterAnswer) {
                Endpoints e = endpoints.of(p);
                if (e != null && e.publisher != null) {
                    publishers.add(e.publisher);
                }
            }
            mine.keyframesAfterAnswer = List.of();
        } finally {
            lock.unlock();
        }
        for (EndpointId publisher : publishers) {
            keyframes.release(publisher).exceptionally(error -> {
                log.debug("room {}: keyframe of {} for {} failed: {}", roomId, publisher, id,
                        MediaSession.describe(error));
                return null;
            });
        }
    }

    /** The node's streams as the participant's: whose medium is on which mid (its own feed and unknown ones left out). */
    private List<OfferedStream> streams(Subscription s, String self, List<String> publisherIds) {
        List<OfferedStream> out = new ArrayList<>();
        for (Subscription.Stream stream : s.streams()) {
            String who = endpoints.participantOf(stream.feed());
            if (who != null && !who.equals(self) && publisherIds.contains(who)) { // held ones are not told
                out.add(new OfferedStream(stream.mid(), who, stream.video() ? MediaKind.VIDEO : MediaKind.AUDIO));
            }
        }
        return List.copyOf(out);
    }

    private static List<OfferedStream> kept(List<OfferedStream> before, List<String> publisherIds) {
        return before.stream().filter(o -> publisherIds.contains(o.participantId())).toList();
    }
}
