package org.lianxin.signaling.media;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The media port: one media node (an SFU) as the signaling layer sees it. Our server owns every
 * session and endpoint on the node; browsers only exchange SDP and ICE with us.
 *
 * <p>All operations are asynchronous. A failed future carries a {@link MediaException}
 * (possibly wrapped in a {@code CompletionException}; use {@link MediaException#in}).
 */
public interface MediaEngine extends AutoCloseable {

    // --- rooms ---

    CompletableFuture<Void> createRoom(RoomSpec spec);

    CompletableFuture<Void> destroyRoom(MediaRoomId room, String secret);

    CompletableFuture<List<Participant>> listParticipants(MediaRoomId room);

    // --- publishers ---

    /** Joins the room as a publisher (a new endpoint); no media flows until {@link #publish}. */
    CompletableFuture<Publisher> joinAsPublisher(MediaRoomId room, String display);

    /** Relays the browser's offer (audio and video) and returns the node's answer. */
    CompletableFuture<Sdp> publish(EndpointId publisher, Sdp offer);

    /** Asks the publisher's browser for a video keyframe (PLI), e.g. when a recording segment starts. */
    CompletableFuture<Void> requestKeyframe(EndpointId publisher);

    // --- subscribers ---

    /** Creates a subscriber endpoint receiving the given feeds; returns the node's offer for the browser. */
    CompletableFuture<Subscription> subscribe(MediaRoomId room, List<FeedId> feeds);

    /**
     * Restarts ICE on an existing subscriber endpoint: returns the node's new offer for the browser's
     * existing connection (same streams), to be completed with {@link #startSubscription}. For a
     * publisher endpoint, {@link #publish} with the browser's ICE-restart offer does the same.
     */
    default CompletableFuture<Sdp> restartSubscription(EndpointId subscriber) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                "this media node cannot restart a subscription's ICE"));
    }

    /**
     * A subscriber endpoint that is only a connection, up before there is anything to receive: it carries the
     * participant's own feed ({@code own}; only its section {@code mid} when not null) and the node sends nothing
     * on it. Later {@link #updateSubscription} adds the feeds to receive on the same connection, which is then
     * already up (ICE and DTLS done). Returns the node's offer, completed with {@link #startSubscription}.
     */
    default CompletableFuture<Subscription> subscribeIdle(MediaRoomId room, FeedId own, String mid) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                "this media node cannot keep an idle subscription"));
    }

    /**
     * Adds and removes feeds on an existing subscriber endpoint (its connection stays up): returns the node's new
     * offer for the browser's existing connection, completed with {@link #startSubscription}, with every stream it
     * now carries; the offer is null when nothing changed. The node sends a stream it adds from its next keyframe.
     */
    default CompletableFuture<Subscription> updateSubscription(EndpointId subscriber, List<FeedId> add,
                                                                List<FeedId> remove) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                "this media node cannot change a subscription"));
    }

    /**
     * Adds feeds to an existing subscriber endpoint PAUSED (issue 10, instant admission): each feed's streams, named
     * by the publisher's mids ({@code hold}: feed → its published mids), are on the connection with the node sending
     * nothing of them until {@link #sendStreams}; {@code remove} as in {@link #updateSubscription}. Returns the node's
     * new offer (with every stream the endpoint now carries), completed with {@link #startSubscription}.
     */
    default CompletableFuture<Subscription> holdFeeds(EndpointId subscriber, java.util.Map<FeedId, List<String>> hold,
                                                      List<FeedId> remove) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                "this media node cannot hold paused streams"));
    }

    /**
     * Starts (or stops) sending these streams ({@code mids}: the subscriber endpoint's) on the subscriber endpoint,
     * with no renegotiation; starting one asks its publisher for a keyframe at once.
     */
    default CompletableFuture<Void> sendStreams(EndpointId subscriber, List<String> mids, boolean send) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                "this media node cannot pause or resume streams"));
    }

    /** Completes a subscription with the browser's answer. */
    CompletableFuture<Void> startSubscription(EndpointId subscriber, Sdp answer);

    /**
     * Which video layer the subscriber receives of its simulcast feeds (the node switches at the next
     * keyframe it asks for); feeds with one layer are unaffected. A new subscriber receives {@link ReceiveQuality#FULL}.
     */
    CompletableFuture<Void> setReceiveQuality(EndpointId subscriber, ReceiveQuality quality);

    // --- any endpoint ---

    CompletableFuture<Void> trickle(EndpointId endpoint, IceCandidate candidate);

    /** Closes the endpoint (its peer connection and, for a publisher, its feed). Idempotent. */
    CompletableFuture<Void> leave(EndpointId endpoint);

    // --- moderation ---

    /**
     * Server-side mute: the node stops relaying one medium ({@code mid} in the publisher's SDP) of a
     * feed to everyone, or resumes it.
     */
    CompletableFuture<Void> setMuted(MediaRoomId room, String secret, FeedId feed, String mid, boolean muted);

    /** Removes a participant's feed and endpoint from the room. */
    CompletableFuture<Void> kick(MediaRoomId room, String secret, FeedId feed);

    // --- recording ---

    CompletableFuture<List<Forwarder>> rtpForward(ForwardRequest request);

    CompletableFuture<Void> stopRtpForward(MediaRoomId room, String secret, FeedId feed, long streamId);

    /** Per-medium counters of an endpoint (fails with MEDIA_INVALID_REQUEST if the node offers none). */
    CompletableFuture<List<StreamStats>> streamStats(EndpointId endpoint);

    // --- node ---

    MediaHealth health();

    /** Where a room's endpoints live on the node: the node's name and the media server's session of them. */
    record SessionPlace(String node, long session) {
    }

    /**
     * The node and session holding the room's endpoints (issue 14: recorded for an instance that takes the room over
     * and claims the session), or empty when unknown (not connected, an engine without sessions).
     */
    default java.util.Optional<SessionPlace> sessionOf(MediaRoomId room) {
        return java.util.Optional.empty();
    }

    /**
     * Takes over a room a lost application instance left on the node with its media kept (issue 14): re-attaches to
     * the room's session ({@link RoomClaim#session()}), makes its endpoints known as if made here, and re-reads the
     * room's participants (events raised while nobody held the session are lost). Fails with
     * {@code MEDIA_ENDPOINT_LOST} when the node no longer has the session (its reclaim time ran out), with
     * {@code MEDIA_NO_SUCH_ROOM} when the room is gone, or {@code MEDIA_INVALID_REQUEST} when this engine cannot.
     */
    default CompletableFuture<List<Participant>> claimRoom(RoomClaim claim) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                "this media node cannot claim a room"));
    }

    /** Delivers the room's events to {@code listener} until the returned registration is closed. */
    Registration addListener(MediaRoomId room, MediaListener listener);

    /** Disconnects from the node (the node drops our session and everything in it). */
    @Override
    void close();

    /** A listener registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
