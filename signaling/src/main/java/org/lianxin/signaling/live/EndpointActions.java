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
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.MediaAction;
import org.lianxin.signaling.room.Room;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media actions on one participant's endpoints on the media node: publish (a new publisher
 * endpoint relays the browser's offer, the answer goes back), subscribe (a new subscriber endpoint,
 * its offer goes to the browser with which participant's medium is on which mid), answer,
 * trickle, server-side mute, and stopping a publisher (with its forwarders) or a subscriber. Each
 * keeps {@link MediaEndpoints} up to date and tells the {@link LiveRoom} what changed (answer and
 * offer sent, a replaced publisher no longer publishing).
 *
 * <p>Each method is one step of the room's {@link MediaChain} (called by {@link MediaSession}
 * there, never directly): it takes the room's lock for each read or write of the endpoints or
 * the room and never holds it while waiting for the node.
 */
final class EndpointActions {

    private static final Logger log = LoggerFactory.getLogger(EndpointActions.class);

    private final LiveRoom owner;
    private final String roomId;
    private final ReentrantLock lock;
    private final MediaEngine media;
    private final NodeRoom nodeRoom;
    private final MediaEndpoints endpoints;
    private final RecorderForwarding forwarding;
    private final ReceivingConnections receiving;
    /** The video layer each participant is to receive, when not the full one (kept across its subscriptions). */
    private final Map<String, ReceiveQuality> receiveQuality = new HashMap<>();

    EndpointActions(LiveRoom owner, ReentrantLock lock, MediaEngine media, NodeRoom nodeRoom, MediaEndpoints endpoints,
                    RecorderForwarding forwarding, KeyframeGate keyframes) {
        this.owner = owner;
        this.roomId = owner.roomId();
        this.lock = lock;
        this.media = media;
        this.nodeRoom = nodeRoom;
        this.endpoints = endpoints;
        this.forwarding = forwarding;
        this.receiving = new ReceivingConnections(owner, lock, media, nodeRoom, endpoints, keyframes);
    }

    /** The participant's receiving connection, made ahead ({@link ReceivingConnections#prepare}). */
    CompletableFuture<Void> prepareReceiving(MediaAction.PrepareReceiving a) {
        return receiving.prepare(a);
    }

    /** Publishers held paused on the participant's connection ahead of an admission ({@link HeldStreams}). */
    CompletableFuture<Void> holdPaused(MediaAction.HoldPaused a) {
        return receiving.held().hold(a);
    }

    /** The held streams of connections made ahead ({@link HeldStreams}). */
    HeldStreams held() {
        return receiving.held();
    }

    /** The admission: the held streams are sent from now on ({@link HeldStreams#resume}). */
    CompletableFuture<Void> resumeHeld(MediaAction.ResumeHeld a) {
        return receiving.held().resume(a.participantId(), a.publisherIds());
    }

    /** A (new) publisher endpoint relays the offer; the answer goes to the participant; a muted one stays muted. */
    CompletableFuture<Void> startPublishing(MediaAction.StartPublishing a) {
        String id = a.participantId();
        EndpointId old;
        lock.lock();
        try {
            Endpoints e = endpoints.ofOrNew(id);
            old = e.publisher;
            if (old != null) {
                endpoints.forgetFeed(e.feed);
                e.publisher = null;
                e.feed = null;
                owner.publishing(id, false);
            }
        } finally {
            lock.unlock();
        }
        CompletableFuture<Void> leaveOld = old == null ? CompletableFuture.completedFuture(null)
                : forwarding.stopForwarders(id).thenCompose(v -> media.leave(old));
        return leaveOld
                .thenCompose(v -> media.joinAsPublisher(nodeRoom.id(), id))
                .thenCompose(p -> {
                    lock.lock();
                    try {
                        Endpoints e = endpoints.ofOrNew(id);
                        e.publisher = p.endpoint();
                        e.feed = p.feed();
                        e.published = Sdps.media(a.sdpOffer());
                        e.simulcastMids = Sdps.simulcastMids(a.sdpOffer());
                        endpoints.feedOf(p.feed(), id);
                    } finally {
                        lock.unlock();
                    }
                    return media.publish(p.endpoint(), Sdp.offer(a.sdpOffer()));
                })
                .thenCompose(answer -> {
                    List<CompletableFuture<Void>> mutes = new ArrayList<>();
                    lock.lock();
                    try {
                        owner.send(id, new ServerMessage.Answer(answer.sdp()));
                        // a muted participant publishing again (a reconnect) stays muted
                        ParticipantInfo info = owner.member(id).map(Room.MemberView::info).orElse(null);
                        if (info != null && info.audioMuted()) {
                            mutes.add(mute(new MediaAction.MuteStream(id, MediaKind.AUDIO, true)));
                        }
                        if (info != null && info.videoMuted()) {
                            mutes.add(mute(new MediaAction.MuteStream(id, MediaKind.VIDEO, true)));
                        }
                    } finally {
                        lock.unlock();
                    }
                    return CompletableFuture.allOf(mutes.toArray(CompletableFuture[]::new));
                });
    }

    /**
     * The participant receives these publishers: on the subscriber connection it has, if that is up (an update, see
     * {@link ReceivingConnections}); else, or if the update fails, on a new one.
     */
    CompletableFuture<Void> subscribe(MediaAction.Subscribe a) {
        boolean update;
        lock.lock();
        try {
            Endpoints e = endpoints.of(a.participantId());
            update = ReceivingConnections.canUpdate(e);
            if (!update && e != null && e.subscriber != null && e.subscriberPrepared) {
                // its connection's last offer (paused streams held for an admission) is not answered yet: after it
                e.subscribeAfterAnswer = a;
                return CompletableFuture.completedFuture(null);
            }
        } finally {
            lock.unlock();
        }
        if (!update) {
            return subscribeAnew(a);
        }
        return receiving.update(a.participantId(), a.publisherIds()).exceptionallyCompose(error -> {
            log.info("room {}: updating the subscription of {} failed ({}): a new connection instead", roomId,
                    a.participantId(), MediaSession.describe(error));
            return subscribeAnew(a);
        });
    }

    /** A new subscriber endpoint for these publishers' feeds; its offer goes to the participant. */
    private CompletableFuture<Void> subscribeAnew(MediaAction.Subscribe a) {
        String id = a.participantId();
        List<FeedId> feeds = new ArrayList<>();
        List<List<Sdps.Section>> expected = new ArrayList<>();
        Map<String, FeedId> wanted = new HashMap<>();
        EndpointId old;
        lock.lock();
        try {
            for (String p : a.publisherIds()) {
                Endpoints e = endpoints.of(p);
                if (e == null || e.feed == null) {
                    return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NO_SUCH_FEED,
                            "not publishing: " + p));
                }
                feeds.add(e.feed);
                wanted.put(p, e.feed);
                expected.add(e.published);
            }
            Endpoints mine = endpoints.ofOrNew(id);
            old = mine.subscriber;
            mine.forgetSubscriber();
        } finally {
            lock.unlock();
        }
        return receiving.replace(id, old, () -> media.subscribe(nodeRoom.id(), feeds), (mine, s) -> {
            mine.subscribedTo = a.publisherIds();
            mine.subscribedFeeds = Map.copyOf(wanted);
            mine.offeredStreams = streams(s, a.publisherIds(), expected);
            return new ServerMessage.Offer(s.offer().sdp(), mine.offeredStreams);
        });
    }

    /**
     * Which participant's medium arrives on which mid: the node offers the feeds' streams in the order
     * asked, each feed with as many sections as its publisher sent.
     */
    private static List<OfferedStream> streams(Subscription s, List<String> publishers, List<List<Sdps.Section>> sent) {
        List<Sdps.Section> offered = Sdps.media(s.offer().sdp());
        List<OfferedStream> out = new ArrayList<>();
        int i = 0;
        for (int p = 0; p < publishers.size(); p++) {
            int n = sent.get(p).isEmpty() ? 2 : sent.get(p).size();
            for (int k = 0; k < n && i < offered.size(); k++, i++) {
                Sdps.Section section = offered.get(i);
                out.add(new OfferedStream(section.mid(), publishers.get(p),
                        section.kind().equals("audio") ? MediaKind.AUDIO : MediaKind.VIDEO));
            }
        }
        return out;
    }

    CompletableFuture<Void> startReceiving(MediaAction.StartReceiving a) {
        EndpointId subscriber;
        lock.lock();
        try {
            Endpoints e = endpoints.of(a.participantId());
            subscriber = e == null ? null : e.subscriber;
        } finally {
            lock.unlock();
        }
        if (subscriber == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                    "no subscription offer to answer"));
        }
        EndpointId started = subscriber;
        receiving.answering(a.participantId(), started);
        return media.startSubscription(subscriber, Sdp.answer(a.sdpAnswer())).thenCompose(v -> {
            receiving.answered(a.participantId(), started);
            ReceiveQuality wanted;
            lock.lock();
            try {
                wanted = receiveQuality.get(a.participantId());
            } finally {
                lock.unlock();
            }
            // a new subscription receives the full layer: keep a reduced one the participant's link asked for
            return wanted == null ? CompletableFuture.<Void>completedFuture(null)
                    : media.setReceiveQuality(started, wanted);
        }).thenCompose(v -> afterAnswer(a.participantId()));
    }

    /** The connection took the answer: a subscription that waited for it, then the streams to hold paused. */
    private CompletableFuture<Void> afterAnswer(String id) {
        MediaAction.Subscribe waited;
        lock.lock();
        try {
            Endpoints e = endpoints.of(id);
            waited = e == null ? null : e.subscribeAfterAnswer;
            if (e != null) {
                e.subscribeAfterAnswer = null;
            }
        } finally {
            lock.unlock();
        }
        CompletableFuture<Void> first = waited == null ? CompletableFuture.completedFuture(null) : subscribe(waited);
        // holding ahead only makes an admission faster: if it fails, the admission subscribes as before
        return first.thenCompose(v -> receiving.held().reconcile(id).exceptionally(error -> {
            log.info("room {}: holding streams paused for {} failed: {}", roomId, id, MediaSession.describe(error));
            return null;
        }));
    }

    /** The participant is to receive this video layer: on its subscriber now, and on those it gets later. */
    CompletableFuture<Void> setReceiveQuality(MediaAction.SetReceiveQuality a) {
        EndpointId subscriber;
        lock.lock();
        try {
            if (a.quality() == ReceiveQuality.FULL) {
                receiveQuality.remove(a.participantId());
            } else {
                receiveQuality.put(a.participantId(), a.quality());
            }
            Endpoints e = endpoints.of(a.participantId());
            subscriber = e == null ? null : e.subscriber;
        } finally {
            lock.unlock();
        }
        log.info("room {}: {} receives the {} video layer (its link: {})", roomId, a.participantId(), a.quality(),
                a.because());
        return subscriber == null ? CompletableFuture.completedFuture(null)
                : media.setReceiveQuality(subscriber, a.quality());
    }

    CompletableFuture<Void> trickle(MediaAction.Trickle a) {
        EndpointId target;
        lock.lock();
        try {
            Endpoints e = endpoints.of(a.participantId());
            target = e == null ? null : a.target() == PeerConnectionKind.PUBLISHER ? e.publisher : e.subscriber;
        } finally {
            lock.unlock();
        }
        if (target == null) {
            log.debug("room {}: candidate of {} for no {} endpoint dropped", roomId, a.participantId(), a.target());
            return CompletableFuture.completedFuture(null);
        }
        return media.trickle(target, a.candidate()).exceptionally(e -> {
            log.debug("room {}: trickle for {} failed: {}", roomId, a.participantId(), MediaSession.describe(e));
            return null;
        });
    }

    /** Server-side mute of the medium's section (its mid in the published offer); applied when it publishes. */
    CompletableFuture<Void> mute(MediaAction.MuteStream a) {
        FeedId feed;
        String mid = null;
        lock.lock();
        try {
            Endpoints e = endpoints.of(a.participantId());
            feed = e == null ? null : e.feed;
            if (e != null) {
                String kind = a.kind() == MediaKind.AUDIO ? "audio" : "video";
                for (Sdps.Section s : e.published) {
                    if (s.kind().equals(kind)) {
                        mid = s.mid();
                        break;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (feed == null || mid == null) {
            return CompletableFuture.completedFuture(null); // applied when it publishes
        }
        return media.setMuted(nodeRoom.id(), nodeRoom.secret(), feed, mid, a.muted());
    }

    CompletableFuture<Void> stopForwardingTo(String id) {
        EndpointId subscriber;
        lock.lock();
        try {
            Endpoints e = endpoints.of(id);
            subscriber = e == null ? null : e.subscriber;
            if (e != null) {
                e.forgetSubscriber();
                endpoints.forgetIfEmpty(id, e);
            }
        } finally {
            lock.unlock();
        }
        return subscriber == null ? CompletableFuture.completedFuture(null) : media.leave(subscriber);
    }

    /** Its forwarders stopped, (kicked,) its publisher endpoint closed. */
    CompletableFuture<Void> stopPublishing(String id, boolean kick) {
        EndpointId publisher;
        FeedId feed;
        lock.lock();
        try {
            Endpoints e = endpoints.of(id);
            publisher = e == null ? null : e.publisher;
            feed = e == null ? null : e.feed;
            if (e != null) {
                endpoints.forgetFeed(e.feed);
                e.publisher = null;
                e.feed = null;
                e.published = List.of();
                e.simulcastMids = java.util.Set.of();
                endpoints.forgetIfEmpty(id, e);
            }
        } finally {
            lock.unlock();
        }
        if (publisher == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> kicked = kick && feed != null
                ? forwarding.stopForwarders(id)
                        .thenCompose(v -> media.kick(nodeRoom.id(), nodeRoom.secret(), feed)).exceptionally(e -> {
                            log.debug("room {}: kick of {} failed: {}", roomId, id, MediaSession.describe(e));
                            return null;
                        })
                : forwarding.stopForwarders(id);
        return kicked.thenCompose(v -> media.leave(publisher));
    }
}
