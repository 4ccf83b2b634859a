package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.signaling.live.MediaEndpoints.Endpoints;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTP forwarding of the participants' feeds to the recorder, on the media node: starts a
 * participant's forwarders (replacing those it had) and asks its browser for a keyframe, asks for
 * keyframes later, stops them, and forgets those gone with their feed or with the node. The
 * recorder's calls ({@link #forward}, {@link #stopForward}, {@link #requestKeyframe}) run in the
 * room's media order, so they never race a re-publish.
 *
 * <p>Locking: the forwarders are guarded by the room's lock. The recorder's calls come without it
 * (from {@link LiveRooms}); {@link #stopForwarders} is a part of a media step and takes it;
 * {@link #feedGone}, {@link #nodeLost} and {@link #forwardedParticipants} are called with it held.
 */
final class RecorderForwarding {

    private static final Logger log = LoggerFactory.getLogger(RecorderForwarding.class);

    /** The forwarders of one feed. */
    private record Forwards(FeedId feed, List<Forwarder> forwarders) {
    }

    private final LiveRoom owner;
    private final String roomId;
    private final ReentrantLock lock;
    private final MediaEngine media;
    private final NodeRoom nodeRoom;
    private final MediaChain chain;
    private final MediaEndpoints endpoints;
    /** The participants' forwarders, by participant; gone with the feed. Guarded by lock. */
    private final Map<String, Forwards> forwards = new HashMap<>();
    private final KeyframeGate keyframes;

    RecorderForwarding(LiveRoom owner, ReentrantLock lock, MediaEngine media, NodeRoom nodeRoom, MediaChain chain,
                       MediaEndpoints endpoints, KeyframeGate keyframes) {
        this.keyframes = keyframes;
        this.owner = owner;
        this.roomId = owner.roomId();
        this.lock = lock;
        this.media = media;
        this.nodeRoom = nodeRoom;
        this.chain = chain;
        this.endpoints = endpoints;
    }

    /**
     * Forwards the participant's current feed (audio and video, whichever it publishes, to the
     * target's ports with the payload types it asks for) to the target's host, replacing forwarders
     * it had, and asks its browser for a keyframe. Runs in the room's media order.
     */
    CompletableFuture<List<Forwarder>> forward(String participantId, ForwardTarget target) {
        String host = target.host();
        return chain.inOrder(() -> {
            FeedId feed;
            EndpointId publisher;
            List<ForwardRequest.Stream> streams = new ArrayList<>();
            boolean video = false;
            lock.lock();
            try {
                Endpoints e = publishing(participantId);
                feed = e.feed;
                publisher = e.publisher;
                boolean audio = false;
                for (Sdps.Section s : e.published) {
                    if (!audio && s.kind().equals("audio")) {
                        streams.add(new ForwardRequest.Stream(s.mid(), target.audioPort(), target.audioPayloadType(), 0));
                        audio = true;
                    } else if (!video && s.kind().equals("video")) {
                        streams.add(new ForwardRequest.Stream(s.mid(), target.videoPort(), target.videoPayloadType(), 0));
                        video = true;
                    }
                }
                if (streams.isEmpty()) {
                    throw new MediaException(MediaException.Code.MEDIA_NOT_PUBLISHED,
                            "no audio or video in the feed of " + participantId);
                }
            } finally {
                lock.unlock();
            }
            ForwardRequest request = new ForwardRequest(nodeRoom.id(), nodeRoom.secret(), feed, host, streams);
            boolean withVideo = video;
            return stopForwarders(participantId)
                    .thenCompose(v -> media.rtpForward(request))
                    .thenCompose(list -> {
                        boolean current;
                        lock.lock();
                        try {
                            Endpoints e = endpoints.of(participantId);
                            current = e != null && feed.equals(e.feed);
                            if (current) {
                                forwards.put(participantId, new Forwards(feed, List.copyOf(list)));
                            }
                        } finally {
                            lock.unlock();
                        }
                        if (!current) { // the feed went meanwhile (node lost): never leave a forwarder we do not know of
                            return stopOnNode(feed, list).thenApply(v -> {
                                throw new MediaException(MediaException.Code.MEDIA_NOT_PUBLISHED,
                                        participantId + " stopped publishing");
                            });
                        }
                        log.info("room {}: forwarding {} ({} stream(s)) to {}", roomId, participantId, list.size(), host);
                        if (!withVideo) {
                            return CompletableFuture.completedFuture(List.copyOf(list));
                        }
                        // Janus asks for no keyframe when a forwarder starts: without one a recorder cannot begin
                        return keyframes.request(publisher).handle((v, error) -> {
                            if (error != null) {
                                log.debug("room {}: keyframe for {} after forwarding failed: {}", roomId, participantId,
                                        MediaSession.describe(error));
                            }
                            return List.copyOf(list);
                        });
                    });
        });
    }

    /** Stops the participant's forwarders, if any (in media order). */
    CompletableFuture<Void> stopForward(String participantId) {
        return chain.inOrder(() -> stopForwarders(participantId));
    }

    /** Asks the participant's browser for a video keyframe (in media order); fails if it does not publish. */
    CompletableFuture<Void> requestKeyframe(String participantId) {
        return requestKeyframe(participantId, false);
    }

    /**
     * The same, sent at once even inside the browser's window ({@link KeyframeGate#requestAtOnce}): its media just
     * came back after a drop, so the requests sent during the drop never reached it.
     */
    CompletableFuture<Void> requestKeyframeAtOnce(String participantId) {
        return requestKeyframe(participantId, true);
    }

    private CompletableFuture<Void> requestKeyframe(String participantId, boolean atOnce) {
        return chain.inOrder(() -> {
            EndpointId publisher;
            lock.lock();
            try {
                publisher = publishing(participantId).publisher;
            } finally {
                lock.unlock();
            }
            return atOnce ? keyframes.requestAtOnce(publisher) : keyframes.request(publisher);
        });
    }

    /** The participant's endpoints if its feed is up. Caller holds the lock. */
    private Endpoints publishing(String participantId) {
        if (owner.isEnded()) {
            throw new MediaException(MediaException.Code.MEDIA_NO_SUCH_ROOM, "room " + roomId + " has ended");
        }
        boolean publishing = owner.member(participantId).map(m -> m.info().publishing()).orElse(false);
        Endpoints e = endpoints.of(participantId);
        if (!publishing || e == null || e.feed == null || e.publisher == null) {
            throw new MediaException(MediaException.Code.MEDIA_NOT_PUBLISHED, participantId + " is not publishing");
        }
        return e;
    }

    /**
     * Forgets the participant's forwarders and stops them on the node (a failure is only logged: gone
     * with the feed). Not in media order by itself: for steps already on the chain.
     */
    CompletableFuture<Void> stopForwarders(String participantId) {
        Forwards f;
        lock.lock();
        try {
            f = forwards.remove(participantId);
        } finally {
            lock.unlock();
        }
        if (f == null) {
            return CompletableFuture.completedFuture(null);
        }
        log.info("room {}: stopping the forwarders of {}", roomId, participantId);
        return stopOnNode(f.feed(), f.forwarders());
    }

    private CompletableFuture<Void> stopOnNode(FeedId feed, List<Forwarder> list) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Forwarder fw : list) {
            stops.add(media.stopRtpForward(nodeRoom.id(), nodeRoom.secret(), feed, fw.streamId()).exceptionally(e -> {
                log.debug("room {}: stop_rtp_forward {} of {} failed (gone with the feed): {}", roomId,
                        fw.streamId(), feed, MediaSession.describe(e));
                return null;
            }));
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    /** The participants with forwarders now. Caller holds the lock. */
    List<String> forwardedParticipants() {
        return new ArrayList<>(forwards.keySet());
    }

    /** The feed is gone on the node, and its forwarders with it: forget them. Caller holds the lock. */
    void feedGone(String participantId, FeedId feed) {
        Forwards f = forwards.get(participantId);
        if (f != null && f.feed().equals(feed)) {
            forwards.remove(participantId);
            log.info("room {}: the forwarders of {} ended with its feed", roomId, participantId);
        }
    }

    /** The node was lost: every forwarder went with it, nothing to stop. Caller holds the lock. */
    void nodeLost() {
        forwards.clear();
    }
}
