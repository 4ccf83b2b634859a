package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.protocol.OfferedStream;

/**
 * The participants' endpoints on the media node, by participant id: the publisher endpoint, its
 * feed and the media sections it publishes, and the subscriber endpoint; and which participant a
 * feed is. Only bookkeeping: no calls to the node.
 *
 * <p>Guarded by the room's lock: every method, and every access to an {@link Endpoints}, with it held.
 */
final class MediaEndpoints {

    /** One participant's endpoints on the media node (fields null when it has none). */
    static final class Endpoints {
        EndpointId publisher;
        FeedId feed;
        /** The audio and video sections of the offer it published (kind and mid), in order. */
        List<Sdps.Section> published = List.of();
        /** The mids of its video sections sent in several layers (simulcast), recorded for a successor. */
        java.util.Set<String> simulcastMids = java.util.Set.of();
        EndpointId subscriber;
        /** The publishers (participant ids) its subscriber endpoint receives. */
        List<String> subscribedTo = List.of();
        /** The feed of each publisher its subscriber endpoint receives (what an update adds and removes). */
        Map<String, FeedId> subscribedFeeds = Map.of();
        /** Which participant's medium is on which mid of its subscriber connection, as last told to it. */
        List<OfferedStream> offeredStreams = List.of();
        /** Whether the subscriber endpoint was made ahead (prepareReceive): only such a connection takes updates. */
        boolean subscriberPrepared;
        /** Whether the node has the browser's answer to the subscriber endpoint's last offer (then it can update it). */
        boolean subscriberAnswered;
        /** The publishers an update added, asked for a keyframe once the browser's answer is in. */
        List<String> keyframesAfterAnswer = List.of();
        /** The publishers its connection is to hold paused, as the room last decided (issue 10, HoldPaused). */
        List<String> holdWanted = List.of();
        /** The feed of each publisher its connection holds paused (on it, nothing sent). */
        Map<String, FeedId> heldFeeds = Map.of();
        /** The held publishers' media on its connection: whose medium is on which mid (not told to it before admission). */
        List<OfferedStream> heldStreams = List.of();
        /**
         * Held mids the node sends already because a host is admitting someone and the admission is being recorded
         * ({@link HeldStreams#sendEarly}); the admission's resume takes them as sent, a refusal pauses them again.
         */
        java.util.Set<String> sentEarly = java.util.Set.of();
        /** A subscription that came while the connection's last offer was unanswered: carried out after the answer. */
        org.lianxin.signaling.room.MediaAction.Subscribe subscribeAfterAnswer;

        /** The subscriber endpoint is gone (closed, or replaced by a new one). */
        void forgetSubscriber() {
            subscriber = null;
            subscribedTo = List.of();
            subscribedFeeds = Map.of();
            offeredStreams = List.of();
            subscriberPrepared = false;
            subscriberAnswered = false;
            keyframesAfterAnswer = List.of();
            holdWanted = List.of();
            heldFeeds = Map.of();
            heldStreams = List.of();
            sentEarly = java.util.Set.of();
            subscribeAfterAnswer = null;
        }
    }

    private final Map<String, Endpoints> byParticipant = new HashMap<>();
    private final Map<FeedId, String> participantOfFeed = new HashMap<>();

    /** The participant's endpoints, or null if it has none. */
    Endpoints of(String participantId) {
        return byParticipant.get(participantId);
    }

    /** The participant's endpoints, made empty if it has none yet. */
    Endpoints ofOrNew(String participantId) {
        return byParticipant.computeIfAbsent(participantId, k -> new Endpoints());
    }

    /** Drops the participant's entry once it has neither a publisher nor a subscriber endpoint. */
    void forgetIfEmpty(String participantId, Endpoints e) {
        if (e.publisher == null && e.subscriber == null) {
            byParticipant.remove(participantId);
        }
    }

    /** The feed is the participant's (its publisher joined). */
    void feedOf(FeedId feed, String participantId) {
        participantOfFeed.put(feed, participantId);
    }

    /** The feed is no one's any more. */
    void forgetFeed(FeedId feed) {
        participantOfFeed.remove(feed);
    }

    /** Whose the feed is, or null. */
    String participantOf(FeedId feed) {
        return participantOfFeed.get(feed);
    }

    /** A copy of the entries, by participant (the endpoints themselves are not copied). */
    List<Map.Entry<String, Endpoints>> entries() {
        return new ArrayList<>(byParticipant.entrySet());
    }

    /** Every publisher and subscriber endpoint known. */
    List<EndpointId> all() {
        List<EndpointId> all = new ArrayList<>();
        for (Endpoints e : byParticipant.values()) {
            if (e.publisher != null) {
                all.add(e.publisher);
            }
            if (e.subscriber != null) {
                all.add(e.subscriber);
            }
        }
        return all;
    }

    /** Forgets everything (the media room was closed, or the node lost with it). */
    void clear() {
        byParticipant.clear();
        participantOfFeed.clear();
    }
}
