package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaListener;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.MediaAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live room's media session on the media node, in the room's order: makes the media room (and
 * listens to its events), runs every {@link MediaAction} of the room's transitions as a step of
 * the room's {@link MediaChain} — the actions on a participant's endpoints through
 * {@link EndpointActions}, closing the media room itself — and reports a failed action to who asked
 * for it as a 4xx error.
 *
 * <p>Locking: its state is guarded by the room's lock. {@link #carryOut} is called with the lock
 * held (from {@link LiveRoom}'s apply); the steps run later, on the chain, and take the lock for
 * each read or write. Media engine calls return at once, so they are made with or without it; the
 * lock is never held while waiting for one.
 */
final class MediaSession {

    private static final Logger log = LoggerFactory.getLogger(MediaSession.class);

    private final LiveRoom owner;
    private final String roomId;
    private final ReentrantLock lock;
    private final MediaEngine media;
    private final NodeRoom nodeRoom;
    private final MediaChain chain;
    private final MediaEndpoints endpoints;
    private final RecorderForwarding forwarding;
    private final EndpointActions actions;
    private final IceRestartActions iceRestarts;
    private final MediaListener events;
    private final RoomMediaJournal journal;
    // --- guarded by lock ---
    /** What the journal was last told (null: nothing yet). */
    private RoomMediaJournal.State journaled;
    private boolean mediaRoomReady;
    private MediaEngine.Registration registration;

    MediaSession(LiveRoom owner, ReentrantLock lock, MediaEngine media, NodeRoom nodeRoom, MediaChain chain,
                 MediaEndpoints endpoints, RecorderForwarding forwarding, KeyframeGate keyframes, MediaListener events,
                 RoomMediaJournal journal) {
        this.journal = journal;
        this.owner = owner;
        this.roomId = owner.roomId();
        this.lock = lock;
        this.media = media;
        this.nodeRoom = nodeRoom;
        this.chain = chain;
        this.endpoints = endpoints;
        this.forwarding = forwarding;
        this.actions = new EndpointActions(owner, lock, media, nodeRoom, endpoints, forwarding, keyframes);
        this.iceRestarts = new IceRestartActions(owner, lock, media, endpoints);
        this.events = events;
    }

    /** Makes the media room at once (in media order), so that the first publisher does not wait for it. */
    void open() {
        chain.append(() -> ensureMediaRoom().whenComplete((v, e) -> journalIfChanged()),
                e -> log.warn("room {}: media room {} not created yet: {}", roomId, nodeRoom, describe(e)));
    }

    /**
     * Takes the media room over from a lost instance instead of making it (issue 14): listens to its events, claims its
     * session on the node with its endpoints (in media order), then tells the journal where it is now (under this
     * instance's lease). Completes with the room's participants as the node has them now; fails as
     * {@link MediaEngine#claimRoom} does (then nothing is journaled and the room is not ready).
     */
    CompletableFuture<List<org.lianxin.signaling.media.Participant>> claim(org.lianxin.signaling.media.RoomClaim claim) {
        lock.lock();
        try {
            if (registration == null) {
                registration = media.addListener(nodeRoom.id(), events);
            }
        } finally {
            lock.unlock();
        }
        CompletableFuture<List<org.lianxin.signaling.media.Participant>> result = new CompletableFuture<>();
        chain.append(() -> media.claimRoom(claim).whenComplete((list, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
                return;
            }
            lock.lock();
            try {
                mediaRoomReady = true;
            } finally {
                lock.unlock();
            }
            result.complete(list);
        }), e -> log.warn("room {}: media room {} not claimed: {}", roomId, nodeRoom, describe(e)));
        return result;
    }

    /** The claim failed and the room is dropped here without a word to the node: stop listening. Caller holds the lock. */
    void dropClaim() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    /** Tells the journal where the room's media is now, if that changed (after a takeover, under the new lease). */
    void journalNow() {
        journalIfChanged();
    }

    /**
     * Runs {@code action} after every media operation before it. Caller holds the lock. The resumes of one admission
     * ({@link MediaAction.ResumeHeld}, each on its own participant's connection) go out together: the second end's does
     * not wait for the node's reply to the first's.
     */
    void carryOut(MediaAction action, String correlation) {
        java.util.function.Supplier<CompletableFuture<Void>> step =
                () -> execute(action).whenComplete((v, e) -> journalIfChanged());
        if (action instanceof MediaAction.ResumeHeld r) {
            chain.appendBeside(r.participantId(), step, error -> failed(action, correlation, error));
        } else {
            chain.append(step, error -> failed(action, correlation, error));
        }
    }

    /**
     * A host admits {@code participantId} and the admission is being recorded: the streams it would send are sent
     * from now on, in the room's media order, every connection's at once ({@link HeldStreams#sendEarly}); the
     * admission's resumes then take them as sent. Call {@link #admissionSettled} after the admission, made or refused.
     * Caller holds the lock.
     */
    void admitting(String participantId) {
        HeldStreams held = actions.held();
        for (String holder : held.holdersFor(participantId)) {
            chain.appendBeside(holder, () -> held.sendEarly(holder, participantId), error -> log.warn(
                    "room {}: {}'s held streams not sent early: {}", roomId, holder, describe(error)));
        }
    }

    /**
     * After the admission of {@code participantId} (made or refused), in the room's media order: what was sent early
     * for it and not resumed is paused again. Caller holds the lock.
     */
    void admissionSettled(String participantId) {
        chain.append(() -> actions.held().pauseSentEarly(participantId), error -> log.warn(
                "room {}: held streams sent early for {} not paused again: {}", roomId, participantId,
                describe(error)));
    }

    /**
     * Tells the journal where the room's media is now, if that changed since it was last told (an endpoint made or
     * closed): the node and session, the node's room, every endpoint. Nothing while the session is unknown.
     */
    private void journalIfChanged() {
        RoomMediaJournal.State now;
        lock.lock();
        try {
            if (owner.isOver()) {
                return;
            }
            MediaEngine.SessionPlace place = media.sessionOf(nodeRoom.id()).orElse(null);
            if (place == null || !mediaRoomReady) {
                return;
            }
            List<RoomMediaJournal.Endpoint> list = new ArrayList<>();
            for (var entry : endpoints.entries()) {
                MediaEndpoints.Endpoints e = entry.getValue();
                if (e.publisher != null && e.feed != null) {
                    list.add(new RoomMediaJournal.Endpoint(e.publisher.value(), entry.getKey(), true, e.feed.value(),
                            List.of(), RoomTakeover.recorded(e.published, e.simulcastMids)));
                }
                if (e.subscriber != null) {
                    list.add(new RoomMediaJournal.Endpoint(e.subscriber.value(), entry.getKey(), false, null,
                            e.subscribedTo));
                }
            }
            list.sort(java.util.Comparator.comparingLong(RoomMediaJournal.Endpoint::handle));
            List<RoomMediaJournal.Member> members = new ArrayList<>();
            for (var m : owner.members()) {
                members.add(RoomMediaJournal.Member.of(m.place()));
            }
            now = new RoomMediaJournal.State(roomId, place.node(), place.session(), nodeRoom.id().value(),
                    nodeRoom.secret(), list, members);
            if (now.equals(journaled)) {
                return;
            }
            journaled = now;
        } finally {
            lock.unlock();
        }
        owner.onEventsThread(() -> journal.changed(now));
    }

    /** The room ended and its media is closed: the journal forgets it. */
    void journalEnded() {
        owner.onEventsThread(() -> journal.ended(roomId));
    }

    /** Completes when every media operation asked for so far has run. */
    CompletableFuture<Void> idle() {
        return chain.idle();
    }

    /** Whether the media room is made on the node. Caller holds the lock. */
    boolean isReady() {
        return mediaRoomReady;
    }

    /** The node was lost: the media room and every endpoint on it are gone. Caller holds the lock. */
    void nodeLost() {
        mediaRoomReady = false;
        endpoints.clear();
    }

    /**
     * Makes the media room on the node unless it is made (and starts listening to its events); a
     * room that "already exists" is ours (same id and secret: only our connection to the node broke).
     */
    CompletableFuture<Void> ensureMediaRoom() {
        lock.lock();
        try {
            if (mediaRoomReady) {
                return CompletableFuture.completedFuture(null);
            }
            if (registration == null) {
                registration = media.addListener(nodeRoom.id(), events);
            }
        } finally {
            lock.unlock();
        }
        return media.createRoom(RoomSpec.of(nodeRoom.id(), nodeRoom.secret())).handle((v, error) -> {
            boolean exists = error != null && MediaException.in(error)
                    .filter(m -> m.code() == MediaException.Code.MEDIA_ROOM_EXISTS).isPresent();
            if (error != null && !exists) {
                throw error instanceof CompletionException c ? c : new CompletionException(error);
            }
            lock.lock();
            try {
                mediaRoomReady = true;
            } finally {
                lock.unlock();
            }
            log.info("room {}: media room {} {}", roomId, nodeRoom, exists ? "still exists on the node" : "created");
            return null;
        });
    }

    // ================================================================== carrying out the media actions

    private CompletableFuture<Void> execute(MediaAction action) {
        if (action instanceof MediaAction.StartPublishing a) {
            return ensureMediaRoom().thenCompose(v -> actions.startPublishing(a));
        } else if (action instanceof MediaAction.Subscribe a) {
            return ensureMediaRoom().thenCompose(v -> actions.subscribe(a));
        } else if (action instanceof MediaAction.PrepareReceiving a) {
            return ensureMediaRoom().thenCompose(v -> actions.prepareReceiving(a));
        } else if (action instanceof MediaAction.StartReceiving a) {
            return actions.startReceiving(a);
        } else if (action instanceof MediaAction.HoldPaused a) {
            return actions.holdPaused(a);
        } else if (action instanceof MediaAction.ResumeHeld a) {
            return actions.resumeHeld(a);
        } else if (action instanceof MediaAction.RestartIce a) {
            return iceRestarts.restart(a);
        } else if (action instanceof MediaAction.Trickle a) {
            return actions.trickle(a);
        } else if (action instanceof MediaAction.MuteStream a) {
            return actions.mute(a);
        } else if (action instanceof MediaAction.StopForwardingTo a) {
            return actions.stopForwardingTo(a.participantId());
        } else if (action instanceof MediaAction.StopPublishing a) {
            return actions.stopPublishing(a.participantId(), a.kick());
        } else if (action instanceof MediaAction.SetReceiveQuality a) {
            return actions.setReceiveQuality(a);
        } else if (action instanceof MediaAction.CloseMediaRoom) {
            return closeMediaRoom();
        }
        throw new IllegalArgumentException("unknown media action " + action);
    }

    /** The session ended: forwarders stopped, every endpoint closed, the media room destroyed; then the room is closed. */
    private CompletableFuture<Void> closeMediaRoom() {
        List<EndpointId> all;
        List<String> forwarded;
        boolean created;
        lock.lock();
        try {
            forwarded = forwarding.forwardedParticipants();
            all = endpoints.all();
            endpoints.clear();
            created = mediaRoomReady;
            mediaRoomReady = false;
        } finally {
            lock.unlock();
        }
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (String id : forwarded) {
            stopped.add(forwarding.stopForwarders(id));
        }
        return CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).thenCompose(none -> {
                    List<CompletableFuture<Void>> left = new ArrayList<>();
                    for (EndpointId id : all) {
                        left.add(media.leave(id).exceptionally(e -> null));
                    }
                    return CompletableFuture.allOf(left.toArray(CompletableFuture[]::new));
                })
                .thenCompose(v -> created ? media.destroyRoom(nodeRoom.id(), nodeRoom.secret())
                        : CompletableFuture.completedFuture(null))
                .whenComplete((v, e) -> {
                    lock.lock();
                    try {
                        if (registration != null) {
                            registration.close();
                            registration = null;
                        }
                        owner.markClosed();
                    } finally {
                        lock.unlock();
                    }
                    if (e != null) {
                        log.warn("room {}: destroying media room {} failed: {}", roomId, nodeRoom, describe(e));
                    } else {
                        log.info("room {}: closed (media room {} destroyed)", roomId, nodeRoom);
                    }
                    journalEnded();
                    owner.closed();
                });
    }

    /** A media operation failed: tell the participant who asked for it, with a 4xx code. */
    private void failed(MediaAction action, String correlation, Throwable error) {
        MediaException m = MediaException.in(error).orElse(null);
        ErrorCode code = action instanceof MediaAction.StartPublishing ? ErrorCode.MEDIA_PUBLISH_FAILED
                : action instanceof MediaAction.Subscribe || action instanceof MediaAction.StartReceiving
                ? ErrorCode.MEDIA_SUBSCRIBE_FAILED
                : action instanceof MediaAction.RestartIce ? ErrorCode.MEDIA_ICE_RESTART_FAILED
                : action instanceof MediaAction.PrepareReceiving ? ErrorCode.MEDIA_PREPARE_RECEIVE_FAILED : null;
        if (m != null && (m.code() == MediaException.Code.MEDIA_NODE_UNREACHABLE
                || m.code() == MediaException.Code.MEDIA_TIMEOUT) && code != null) {
            code = ErrorCode.MEDIA_NODE_UNAVAILABLE;
        }
        String who = participantOf(action);
        log.warn("room {}: {} for {} failed: {}", roomId, action.getClass().getSimpleName(), who, describe(error));
        if (code == null || who == null) {
            return;
        }
        String detail = code.defaultMessage() + (m == null ? "" : " (" + m.code() + " " + m.code().number() + ")");
        lock.lock();
        try {
            owner.send(who, new ServerMessage.Failure(code, detail, correlation));
        } finally {
            lock.unlock();
        }
    }

    /** The participant a media action is for, or null (closing the media room). */
    static String participantOf(MediaAction a) {
        if (a instanceof MediaAction.StartPublishing s) {
            return s.participantId();
        } else if (a instanceof MediaAction.Subscribe s) {
            return s.participantId();
        } else if (a instanceof MediaAction.StartReceiving s) {
            return s.participantId();
        } else if (a instanceof MediaAction.PrepareReceiving s) {
            return s.participantId();
        } else if (a instanceof MediaAction.RestartIce s) {
            return s.participantId();
        } else if (a instanceof MediaAction.Trickle s) {
            return s.participantId();
        } else if (a instanceof MediaAction.MuteStream s) {
            return s.participantId();
        } else if (a instanceof MediaAction.StopForwardingTo s) {
            return s.participantId();
        } else if (a instanceof MediaAction.StopPublishing s) {
            return s.participantId();
        } else if (a instanceof MediaAction.SetReceiveQuality s) {
            return s.participantId();
        } else if (a instanceof MediaAction.HoldPaused s) {
            return s.participantId();
        } else if (a instanceof MediaAction.ResumeHeld s) {
            return s.participantId();
        }
        return null;
    }

    /** A media failure for the log: the media exception's message if there is one. */
    static String describe(Throwable e) {
        return MediaException.in(e).map(Throwable::getMessage).orElse(String.valueOf(e));
    }
}
