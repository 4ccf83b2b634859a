package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.signaling.live.MediaEndpoints.Endpoints;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.MediaAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams held paused on a receiving connection made ahead (issue 10, instant admission; the room decides which,
 * {@code HeldSubscriptions}): while a petitioner waits, the node adds them to the connection with nothing sent
 * ({@link MediaEngine#holdFeeds}: one renegotiation ahead, the offer told to the participant without saying whose
 * streams they are); at the admission it starts sending them ({@link MediaEngine#sendStreams}, which asks the
 * publisher for a keyframe at once) and they become part of what the participant receives — its subscribe then
 * finds them there, with nothing to renegotiate.
 *
 * <p>Part of {@link ReceivingConnections}, run in the room's {@link MediaChain}: takes the room's lock to read or
 * write the endpoints, never while waiting for the node.
 */
final class HeldStreams {

    private static final Logger log = LoggerFactory.getLogger(HeldStreams.class);

    private final LiveRoom owner;
    private final String roomId;
    private final ReentrantLock lock;
    private final MediaEngine media;
    private final MediaEndpoints endpoints;
    private final KeyframeGate keyframes;

    HeldStreams(LiveRoom owner, ReentrantLock lock, MediaEngine media, MediaEndpoints endpoints,
                KeyframeGate keyframes) {
        this.owner = owner;
        this.roomId = owner.roomId();
        this.lock = lock;
        this.media = media;
        this.endpoints = endpoints;
        this.keyframes = keyframes;
    }

    /** The participant's connection is to hold exactly these publishers paused: now, or once its offer is answered. */
    CompletableFuture<Void> hold(MediaAction.HoldPaused a) {
        lock.lock();
        try {
            Endpoints e = endpoints.of(a.participantId());
            if (e == null || e.subscriber == null) {
                return CompletableFuture.completedFuture(null); // no connection: a new one is told again
            }
            e.holdWanted = a.publisherIds();
        } finally {
            lock.unlock();
        }
        return reconcile(a.participantId());
    }

    /**
     * Brings the connection's held streams to what the room wants, if it can take an update now (its last offer
     * answered); else this runs again after the answer.
     */
    CompletableFuture<Void> reconcile(String id) {
        EndpointId subscriber;
        Map<FeedId, List<String>> add = new LinkedHashMap<>();
        Map<String, FeedId> added = new LinkedHashMap<>();
        Map<String, FeedId> kept = new LinkedHashMap<>();
        List<FeedId> remove = new ArrayList<>();
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            if (!ReceivingConnections.canUpdate(mine)) {
                return CompletableFuture.completedFuture(null);
            }
            subscriber = mine.subscriber;
            for (String p : mine.holdWanted) {
                Endpoints e = endpoints.of(p);
                if (p.equals(id) || mine.subscribedFeeds.containsKey(p) || e == null || e.feed == null) {
                    continue; // received already, or not publishing (any more)
                }
                if (e.feed.equals(mine.heldFeeds.get(p))) {
                    kept.put(p, e.feed);
                    continue;
                }
                List<String> mids = e.published.stream().map(Sdps.Section::mid).toList();
                if (!mids.isEmpty()) { // its sections unknown: not held (its subscription renegotiates at admission)
                    add.put(e.feed, mids);
                    added.put(p, e.feed);
                }
            }
            for (Map.Entry<String, FeedId> h : mine.heldFeeds.entrySet()) {
                if (!kept.containsKey(h.getKey()) && endpoints.participantOf(h.getValue()) != null) {
                    remove.add(h.getValue()); // no longer wanted (a feed gone with its publisher is gone already)
                }
            }
            if (add.isEmpty() && remove.isEmpty()) {
                mine.heldFeeds = Map.copyOf(kept);
                mine.heldStreams = mine.heldStreams.stream().filter(s -> kept.containsKey(s.participantId())).toList();
                return CompletableFuture.completedFuture(null);
            }
        } finally {
            lock.unlock();
        }
        return media.holdFeeds(subscriber, add, remove).thenAccept(s -> {
            lock.lock();
            try {
                Endpoints mine = endpoints.of(id);
                if (owner.member(id).isEmpty() || mine == null || !subscriber.equals(mine.subscriber)) {
                    return; // left, or its connection replaced, meanwhile
                }
                Map<String, FeedId> held = new LinkedHashMap<>(kept);
                held.putAll(added);
                mine.heldFeeds = Map.copyOf(held);
                List<OfferedStream> heldStreams = new ArrayList<>();
                List<OfferedStream> visible = new ArrayList<>();
                for (Subscription.Stream stream : s.streams()) {
                    String who = endpoints.participantOf(stream.feed());
                    if (who == null || who.equals(id)) {
                        continue;
                    }
                    OfferedStream o = new OfferedStream(stream.mid(), who,
                            stream.video() ? MediaKind.VIDEO : MediaKind.AUDIO);
                    if (held.containsKey(who)) {
                        heldStreams.add(o);
                    } else if (mine.subscribedTo.contains(who)) {
                        visible.add(o);
                    }
                }
                mine.heldStreams = List.copyOf(heldStreams);
                if (s.offer() != null) {
                    mine.offeredStreams = List.copyOf(visible);
                    mine.subscriberAnswered = false;
                    // whose the held streams are is not told: only what it receives already
                    owner.send(id, new ServerMessage.OfferUpdate(s.offer().sdp(), mine.offeredStreams));
                }
            } finally {
                lock.unlock();
            }
            log.debug("room {}: {} holds {} paused on its connection (-{})", roomId, id, added.keySet(), remove);
        });
    }

    /**
     * The admission: the held streams of these publishers are sent from now on (a keyframe asked at once by the node)
     * and are part of what the participant receives. Publishers not held are left to its subscribe.
     */
    CompletableFuture<Void> resume(String id, List<String> publisherIds) {
        EndpointId subscriber;
        List<String> mids = new ArrayList<>();
        List<EndpointId> publishers = new ArrayList<>();
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            if (mine == null || mine.subscriber == null) {
                return CompletableFuture.completedFuture(null);
            }
            subscriber = mine.subscriber;
            Map<String, FeedId> held = new LinkedHashMap<>(mine.heldFeeds);
            Map<String, FeedId> subscribed = new LinkedHashMap<>(mine.subscribedFeeds);
            List<String> to = new ArrayList<>(mine.subscribedTo);
            List<OfferedStream> offered = new ArrayList<>(mine.offeredStreams);
            List<OfferedStream> stillHeld = new ArrayList<>();
            for (String p : publisherIds) {
                FeedId feed = held.remove(p);
                if (feed == null) {
                    continue;
                }
                subscribed.put(p, feed);
                if (!to.contains(p)) {
                    to.add(p);
                }
                Endpoints e = endpoints.of(p);
                if (e != null && e.publisher != null) {
                    publishers.add(e.publisher);
                }
            }
            for (OfferedStream o : mine.heldStreams) {
                if (subscribed.containsKey(o.participantId()) && publisherIds.contains(o.participantId())) {
                    mids.add(o.mid());
                    offered.add(o);
                } else {
                    stillHeld.add(o);
                }
            }
            mine.heldFeeds = Map.copyOf(held);
            mine.heldStreams = List.copyOf(stillHeld);
            mine.subscribedFeeds = Map.copyOf(subscribed);
            mine.subscribedTo = List.copyOf(to);
            mine.offeredStreams = List.copyOf(offered);
            mine.holdWanted = mine.holdWanted.stream().filter(p -> !publisherIds.contains(p)).toList();
        } finally {
            lock.unlock();
        }
        if (mids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> toSend = new ArrayList<>(mids);
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            if (mine != null && subscriber.equals(mine.subscriber) && !mine.sentEarly.isEmpty()) {
                toSend.removeAll(mine.sentEarly); // sent already while the admission was being recorded
                java.util.Set<String> rest = new java.util.HashSet<>(mine.sentEarly);
                rest.removeAll(mids);
                mine.sentEarly = java.util.Set.copyOf(rest);
            }
        } finally {
            lock.unlock();
        }
        if (!toSend.isEmpty()) {
            // the node asks each publisher for a keyframe as it starts sending: the room's own requests pace after it
            publishers.forEach(keyframes::sentByNode);
        }
        log.debug("room {}: {} receives {} from now on (held streams {} sent, {} of them now)", roomId, id,
                publisherIds, mids, toSend);
        CompletableFuture<Void> sent = toSend.isEmpty() ? CompletableFuture.completedFuture(null)
                : media.sendStreams(subscriber, toSend, true);
        return sent.thenRun(() -> {
            // whose they are, now that it may know: the page shows them at once, without waiting for its subscribe's
            // answer (queued in the media order behind the recorder's forwarding)
            lock.lock();
            try {
                Endpoints mine = endpoints.of(id);
                if (mine != null && subscriber.equals(mine.subscriber) && owner.member(id).isPresent()) {
                    owner.send(id, new ServerMessage.OfferUpdate(null, mine.offeredStreams));
                }
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * The participants whose connection holds streams the admission of {@code admittedId} would send (see
     * {@link #sendEarly}): its own, if it holds any, and each one that holds its feed. Caller holds the lock.
     */
    List<String> holdersFor(String admittedId) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Endpoints> entry : endpoints.entries()) {
            if (!earlyMids(entry.getKey(), entry.getValue(), admittedId).isEmpty()) {
                out.add(entry.getKey());
            }
        }
        return out;
    }

    /**
     * A host admits {@code admittedId} and the admission is being recorded (the rooms' {@code AdmissionGate}, a database
     * write): the streams that admission would send on {@code id}'s connection — there held paused, nothing said of
     * whose they are — are sent from now on, so that the publishers' keyframes are on their way while the write is
     * made. The page still shows nothing of them: it is told whose they are only once admitted ({@link #resume} takes
     * them as sent). If the admission does not happen, {@link #pauseSentEarly} pauses them again.
     */
    CompletableFuture<Void> sendEarly(String id, String admittedId) {
        EndpointId subscriber;
        List<String> mids;
        List<EndpointId> publishers = new ArrayList<>();
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            mids = mine == null ? List.of() : earlyMids(id, mine, admittedId);
            if (mids.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            subscriber = mine.subscriber;
            for (OfferedStream o : mine.heldStreams) {
                Endpoints e = endpoints.of(o.participantId());
                if (mids.contains(o.mid()) && e != null && e.publisher != null && !publishers.contains(e.publisher)) {
                    publishers.add(e.publisher);
                }
            }
        } finally {
            lock.unlock();
        }
        publishers.forEach(keyframes::sentByNode);
        return media.sendStreams(subscriber, mids, true).thenRun(() -> {
            lock.lock();
            try {
                Endpoints mine = endpoints.of(id);
                if (mine != null && subscriber.equals(mine.subscriber)) {
                    java.util.Set<String> early = new java.util.HashSet<>(mine.sentEarly);
                    early.addAll(mids);
                    mine.sentEarly = java.util.Set.copyOf(early);
                }
            } finally {
                lock.unlock();
            }
            log.debug("room {}: {}'s held streams {} sent while {}'s admission is recorded", roomId, id, mids,
                    admittedId);
        });
    }

    /**
     * After the admission of {@code admittedId} (made or refused): the streams sent early for it that it did not
     * resume, on every connection, are paused again (still held, as before the host's click).
     */
    CompletableFuture<Void> pauseSentEarly(String admittedId) {
        List<CompletableFuture<Void>> pauses = new ArrayList<>();
        lock.lock();
        try {
            for (Map.Entry<String, Endpoints> entry : endpoints.entries()) {
                Endpoints e = entry.getValue();
                if (e.sentEarly.isEmpty()) {
                    continue;
                }
                boolean own = entry.getKey().equals(admittedId);
                List<String> mids = e.heldStreams.stream()
                        .filter(o -> own || o.participantId().equals(admittedId))
                        .map(OfferedStream::mid).filter(e.sentEarly::contains).toList();
                java.util.Set<String> rest = new java.util.HashSet<>(e.sentEarly);
                rest.removeAll(mids);
                rest.retainAll(e.heldStreams.stream().map(OfferedStream::mid).toList()); // no stale mid kept
                e.sentEarly = java.util.Set.copyOf(rest);
                if (!mids.isEmpty() && e.subscriber != null) {
                    log.info("room {}: {}'s held streams {} paused again: the admission did not happen", roomId,
                            entry.getKey(), mids);
                    pauses.add(media.sendStreams(e.subscriber, mids, false));
                }
            }
        } finally {
            lock.unlock();
        }
        return CompletableFuture.allOf(pauses.toArray(CompletableFuture[]::new));
    }

    /** The held mids on {@code id}'s connection that the admission of {@code admittedId} sends, not sent yet. */
    private static List<String> earlyMids(String id, Endpoints mine, String admittedId) {
        if (mine.subscriber == null) {
            return List.of();
        }
        boolean own = id.equals(admittedId);
        return mine.heldStreams.stream()
                .filter(o -> own ? mine.heldFeeds.containsKey(o.participantId()) : o.participantId().equals(admittedId))
                .map(OfferedStream::mid).filter(m -> !mine.sentEarly.contains(m)).toList();
    }

    /** The held publishers among these (the participant's subscribe names them: they are resumed, not added). */
    List<String> heldAmong(String id, List<String> publisherIds) {
        lock.lock();
        try {
            Endpoints mine = endpoints.of(id);
            if (mine == null) {
                return List.of();
            }
            return publisherIds.stream().filter(mine.heldFeeds::containsKey).toList();
        } finally {
            lock.unlock();
        }
    }
}
