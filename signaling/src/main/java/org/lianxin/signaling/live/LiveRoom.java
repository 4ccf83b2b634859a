package org.lianxin.signaling.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.IceServer;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.CloseConnection;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.MediaAction;
import org.lianxin.signaling.room.Outbound;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.room.Transition;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One live room at work: its {@link Room} (the pure state machine) behind one lock, and
 * {@link #apply} carrying out each {@link Transition} the room returns, in its order — messages and
 * closes on the participants' connections, media actions onto the room's media chain, room events
 * to the {@link RoomEventListener} (on the events thread), the next deadline on the timer.
 *
 * <p>Its parts, each with what it does and its side effects:
 * <ul>
 *   <li>{@link RoomConnections} — which connection each participant is on; sending and closing;
 *   <li>{@link MediaSession} — the room's media on the node in the room's order ({@link MediaChain}):
 *       makes and destroys the media room, carries out every {@link MediaAction}, the actions on a
 *       participant's endpoints through {@link EndpointActions}, the endpoints in {@link MediaEndpoints};
 *   <li>{@link RecorderForwarding} — RTP forwarders to the recorder and keyframe requests;
 *   <li>{@link NodeRecovery} — the media node lost and back (generations, retries with back-off);
 *   <li>{@link MediaEventTranslator} — the node's events turned into what they mean for the room.
 * </ul>
 *
 * <p>Locking: one {@link ReentrantLock} per room guards the {@link Room} and the state of every
 * part. The calls from connections, from {@link LiveRooms}, from the timer and from the media
 * adapter's event thread take it; the continuations of media operations take it again for each
 * read or write. The methods under "for its parts" expect it held. No part waits on anything
 * while holding it: media engine calls return futures at once, {@link Connections} queue, and
 * the listener is called on the events thread, never under the lock.
 */
final class LiveRoom {

    private static final Logger log = LoggerFactory.getLogger(LiveRoom.class);

    private final String roomId;
    private final Room room;
    private final RoomEventListener listener;
    private final ExecutorService events;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Runnable onClosed;
    private final ReentrantLock lock = new ReentrantLock();
    private final RoomConnections connections;
    private final MediaSession media;
    private final RecorderForwarding forwarding;
    private final MediaEventTranslator mediaEvents;
    private final MediaPathReports mediaPaths;
    /** Completes when the room's media is its own: at once, or once a takeover's claim succeeded (fails if not). */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** The participants' endpoints (guarded by lock; the parts share them). */
    private final MediaEndpoints endpoints;
    /** Each joined participant's TURN credentials (of its last join), for renewals. Guarded by lock. */
    private final java.util.Map<String, IceServerGrants> iceGrants = new java.util.HashMap<>();
    /** The room's next deadline's tick (guarded by lock). */
    private final RoomDeadline deadline;
    /** Admissions from the lobby recorded through the gate first. */
    private final AdmissionRecording admissions;
    /** Carries out the room's transitions (guarded by lock). */
    private final RoomTransitions transitions;
    // --- guarded by lock ---
    /** The media room was closed after the end (the registry drops the room). */
    private boolean closed;

    LiveRoom(String roomId, SessionRef session, Room room, MediaEngine engine, Connections connections,
             RoomEventListener listener, ExecutorService events, ScheduledExecutorService timer, Clock clock,
             Duration recoveryWindow, LiveMediaSettings mediaSettings, RoomMediaJournal journal, Runnable onClosed) {
        this(roomId, session, room, engine, connections, listener, events, timer, clock, recoveryWindow, mediaSettings,
                journal, onClosed, null);
    }

    /**
     * A room taken over from a lost instance when {@code taken} is not null (issue 14): its media room is the one
     * recorded there (same id and secret, not made anew) and its held participants' endpoints are the recorded ones;
     * {@link #claim} then claims them on the node.
     */
    LiveRoom(String roomId, SessionRef session, Room room, MediaEngine engine, Connections connections,
             RoomEventListener listener, ExecutorService events, ScheduledExecutorService timer, Clock clock,
             Duration recoveryWindow, LiveMediaSettings mediaSettings, RoomMediaJournal journal, Runnable onClosed,
             RoomMediaJournal.State taken) {
        this.roomId = roomId;
        this.room = room;
        this.listener = listener;
        this.events = events;
        this.timer = timer;
        this.clock = clock;
        this.onClosed = onClosed;
        this.deadline = new RoomDeadline(timer, clock, this::tick);
        Objects.requireNonNull(recoveryWindow, "recoveryWindow");
        Objects.requireNonNull(session, "session");
        this.connections = new RoomConnections(connections);
        this.mediaPaths = new MediaPathReports(roomId, this.connections);
        NodeRoom nodeRoom = taken == null ? NodeRoom.random() : RoomTakeover.nodeRoom(taken);
        MediaChain chain = new MediaChain(lock);
        MediaEndpoints endpoints = new MediaEndpoints();
        this.endpoints = endpoints;
        if (taken != null) {
            RoomTakeover.fill(endpoints, taken, room.members().stream().map(Room.MemberView::place).toList());
        }
        KeyframeGate keyframes = new KeyframeGate(engine::requestKeyframe, clock,
                (task, delay) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
        this.forwarding = new RecorderForwarding(this, lock, engine, nodeRoom, chain, endpoints, keyframes);
        this.media = new MediaSession(this, lock, engine, nodeRoom, chain, endpoints, forwarding, keyframes,
                this::onMediaEvent, journal);
        this.admissions = new AdmissionRecording(roomId, lock, room, media, this.connections);
        this.transitions = new RoomTransitions(roomId, room, this.connections, media, mediaPaths, iceGrants, listener,
                events, deadline);
        NodeRecovery recovery = new NodeRecovery(this, lock, media, forwarding, chain, nodeRoom, timer, clock,
                recoveryWindow);
        ResumeKeyframes resumeKeyframes = new ResumeKeyframes(roomId, mediaSettings.keyframeOnMediaResume(), endpoints,
                forwarding::requestKeyframeAtOnce,
                participant -> this.connections.send(participant, new ServerMessage.VideoResumed()));
        this.mediaEvents = new MediaEventTranslator(this, lock, endpoints, forwarding, recovery, resumeKeyframes,
                new SubscriberKeyframes(roomId, keyframes, endpoints));
        if (taken == null) {
            ready.complete(null);
            media.open();
        }
    }

    /** A takeover whose claim failed: the room is not usable. */
    boolean claimFailed() {
        return ready.isCompletedExceptionally();
    }

    /**
     * Claims the taken-over room's media on the node (issue 14) and, once claimed, counts every held participant
     * whose feed the node says publishes as publishing — the room's listeners hear it as from a new publisher (the
     * recording forwards it to this instance's recorder) — and tells the journal where the media is now. Fails as
     * {@link MediaEngine#claimRoom} does; then call {@link #dropClaim}.
     */
    CompletableFuture<Void> claim(org.lianxin.signaling.media.RoomClaim claim) {
        return media.claim(claim).thenAccept(participants -> {
            lock.lock();
            try (var mdc = MDC.putCloseable("room", roomId)) {
                int publishing = 0;
                for (org.lianxin.signaling.media.Participant p : participants) {
                    String who = p.publishing() ? endpoints.participantOf(p.feed()) : null;
                    if (who != null) {
                        publishing++;
                        transitions.apply(room.publishing(who, true), null, null);
                    }
                }
                transitions.scheduleTick(); // the held places' reconnect grace
                log.info("room {}: media room {} claimed with {} endpoint(s), {} publishing", roomId, claim.room(),
                        claim.endpoints().size(), publishing);
            } finally {
                lock.unlock();
            }
            media.journalNow();
        }).whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else {
                ready.complete(null);
            }
        });
    }

    /** The claim failed: the room is dropped here without closing anything on the node (it was never this one's). */
    void dropClaim() {
        ready.completeExceptionally(new IllegalStateException("the takeover's claim failed"));
        lock.lock();
        try {
            closed = true;
            deadline.cancel();
            media.dropClaim();
        } finally {
            lock.unlock();
        }
    }

    String roomId() {
        return roomId;
    }

    SessionRef session() {
        return room.session();
    }

    boolean isEnded() {
        lock.lock();
        try {
            return room.isEnded();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the room closed its media room after the end (the registry drops it). */
    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    List<Room.MemberView> members() {
        lock.lock();
        try {
            return room.members();
        } finally {
            lock.unlock();
        }
    }

    // ================================================================== calls from connections and the registry

    /** A join with a token; returns the participant id, or empty when refused (the refusal is sent). */
    Optional<String> join(JoinTokens tokens, String token, ConnectionId connection, String correlation) {
        return join(tokens, token, connection, correlation, IceServerGrants.none());
    }

    /**
     * A join with a token whose {@code joined} message carries the participant's ICE servers from
     * {@code iceServers} (TURN credentials, renewed on request from the same grants); returns the participant id,
     * or empty when refused.
     */
    Optional<String> join(JoinTokens tokens, String token, ConnectionId connection, String correlation,
                          IceServerGrants iceServers) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            Transition t = room.join(tokens, token, connection);
            if (t.refused()) {
                connections.send(connection, t.refusal().withCorrelation(correlation));
                transitions.apply(t, null, null);
                return Optional.empty();
            }
            String participant = null;
            for (Outbound o : t.messages()) {
                if (o.message() instanceof ServerMessage.Joined j) {
                    participant = j.you().id();
                }
            }
            if (participant == null) {
                throw new IllegalStateException("room " + roomId + " accepted a join without a joined message");
            }
            connections.joined(participant, connection);
            log.info("room {}: {} joined on {}", roomId, participant, connection);
            List<IceServer> ice = iceServers.atJoin(participant);
            iceGrants.put(participant, iceServers);
            if (!ice.isEmpty()) {
                transitions.sendJoinedWith(t, participant, ice);
            }
            transitions.apply(t, participant, correlation, ice.isEmpty());
            mediaPaths.joined(room, participant);
            return Optional.of(participant);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A message from a joined participant; an admission by the host of someone waiting goes through {@code gate}
     * first, outside the lock (it writes to the database), with the streams held for it sent meanwhile: refused with
     * {@code ROOM_ADMISSION_NOT_RECORDED} if the gate throws ({@link AdmissionRecording}). Between the gate and the
     * admission the room may change (the petitioner left, another host admitted it): the room then answers the
     * admission as it would have, and what was sent early for it is paused again.
     */
    void handle(String participantId, Incoming incoming, AdmissionGate gate) {
        ClientMessage.Admit admit = incoming.message() instanceof ClientMessage.Admit a ? a : null;
        AdmissionRecording.Outcome gated = admit == null ? AdmissionRecording.Outcome.NOT_GATED
                : admissions.record(participantId, admit, incoming.correlation(), gate);
        if (gated == AdmissionRecording.Outcome.REFUSED) {
            return;
        }
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            if (incoming.message() instanceof ClientMessage.RenewIceServers) {
                IceServerGrants grants = iceGrants.get(participantId);
                if (grants != null && room.member(participantId).map(m -> m.info().connected()).orElse(false)) {
                    connections.send(participantId, new ServerMessage.IceServersRenewed(grants.renewal(participantId)));
                } else {
                    connections.send(participantId, new ServerMessage.Failure(ErrorCode.ROOM_NOT_JOINED,
                            ErrorCode.ROOM_NOT_JOINED.defaultMessage(), incoming.correlation()));
                }
                return;
            }
            if (incoming.message() instanceof ClientMessage.MediaPath report) {
                mediaPaths.report(room, participantId, report).ifPresent(code -> connections.send(participantId,
                        new ServerMessage.Failure(code, code.defaultMessage(), incoming.correlation())));
                return;
            }
            transitions.apply(room.handle(participantId, incoming.message()), participantId, incoming.correlation());
            if (gated == AdmissionRecording.Outcome.RECORDED) {
                media.admissionSettled(admit.participantId()); // after its resumes: pauses what it did not take
            }
        } finally {
            lock.unlock();
        }
    }

    void connectionLost(String participantId, ConnectionId connection) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            connections.lost(participantId, connection);
            transitions.apply(room.connectionLost(participantId, connection), null, null);
        } finally {
            lock.unlock();
        }
    }

    /** The participant's account was changed: closes its connection (ROOM_SESSION_ENDED) and lets it leave. */
    void sessionEnded(String participantId, ConnectionId connection) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            transitions.apply(room.sessionEnded(participantId, connection), null, null);
        } finally {
            lock.unlock();
        }
    }

    void end(ServerMessage.EndReason reason) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            transitions.apply(room.end(reason), null, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the room because another instance owns it now: as an end by the server, except that each participant is
     * told {@code ROOM_MOVED} (join again) instead of {@code ended}, and the listener hears nothing (no writes).
     */
    void evict() {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            Transition t = room.end(ServerMessage.EndReason.SERVER);
            for (Outbound o : t.messages()) {
                connections.send(o.participantId(), o.message() instanceof ServerMessage.Ended
                        ? ServerMessage.Failure.of(ErrorCode.ROOM_MOVED) : o.message());
            }
            for (CloseConnection c : t.closes()) {
                connections.close(c);
            }
            for (MediaAction a : t.media()) {
                media.carryOut(a, null);
            }
            transitions.scheduleTick();
            log.warn("room {}: closed here, another instance owns it now ({} event(s) not told)", roomId,
                    t.events().size());
        } finally {
            lock.unlock();
        }
    }

    void hostBusyUntil(Instant expectedEnd) {
        lock.lock();
        try {
            transitions.apply(room.hostBusyUntil(expectedEnd), null, null);
        } finally {
            lock.unlock();
        }
    }

    /** The room's next deadline came (on the timer). */
    void tick() {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            deadline.fired();
            transitions.apply(room.tick(), null, null);
        } finally {
            lock.unlock();
        }
    }

    /** Completes when every media operation asked for so far has run. */
    CompletableFuture<Void> mediaIdle() {
        return media.idle();
    }

    // ================================================================== recording (in media order)

    /** See {@link RecorderForwarding#forward}. */
    CompletableFuture<List<Forwarder>> forward(String participantId, ForwardTarget target) {
        return forwarding.forward(participantId, target);
    }

    /** See {@link RecorderForwarding#stopForward}. */
    CompletableFuture<Void> stopForward(String participantId) {
        return forwarding.stopForward(participantId);
    }

    /** See {@link RecorderForwarding#requestKeyframe}. */
    CompletableFuture<Void> requestKeyframe(String participantId) {
        return forwarding.requestKeyframe(participantId);
    }

    // ================================================================== carrying out a transition

    /** The media room's events (on the adapter's event thread), once the parts are made. */
    private void onMediaEvent(MediaEvent event) {
        mediaEvents.onEvent(event);
    }

    // ================================================================== for its parts (caller holds the lock)

    /** What the media says of the participant's feed: up (it publishes) or gone. */
    void publishing(String participantId, boolean publishing) {
        transitions.apply(room.publishing(participantId, publishing), null, null);
    }

    /** The media node was lost: the participants no longer publish. */
    void mediaNodeLost(String reason) {
        transitions.apply(room.mediaNodeLost(reason), null, null);
    }

    /** The media room was made again on the node: everyone publishes again. */
    void mediaNodeRestored() {
        transitions.apply(room.mediaNodeRestored(), null, null);
    }

    Optional<Room.MemberView> member(String participantId) {
        return room.member(participantId);
    }

    /** Ended, or already closed: nothing more to do on the media node. */
    boolean isOver() {
        return closed || room.isEnded();
    }

    void send(String participantId, ServerMessage message) {
        connections.send(participantId, message);
    }

    void sendToEveryoneConnected(ServerMessage message) {
        for (String id : connections.connected()) {
            connections.send(id, message);
        }
    }

    /** The media room is gone after the end: no more deadlines; the room is closed. */
    void markClosed() {
        deadline.stop();
        closed = true;
    }

    /** Runs {@code r} on the rooms' events thread (never under the lock), in order with the room's events. */
    void onEventsThread(Runnable r) {
        try {
            events.execute(() -> {
                try (var mdc = MDC.putCloseable("room", roomId)) {
                    r.run();
                } catch (RuntimeException ex) {
                    log.warn("room {}: media journal failed", roomId, ex);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            log.debug("room {}: events thread stopped; media journal not told", roomId);
        }
    }

    /** After {@link #markClosed()}, without the lock: the registry drops the room. */
    void closed() {
        onClosed.run();
    }
}
