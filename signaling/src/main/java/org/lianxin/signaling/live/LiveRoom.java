package org.lianxin.signaling.live;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.CloseConnection;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.MediaAction;
import org.lianxin.signaling.room.Outbound;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.Transition;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One live room at work: its {@link Room} behind one lock, the participants' connections, their
 * media endpoints on the media node, and one chain of media operations (run one after another, in
 * the order the room asked for them).
 */
final class LiveRoom {

    private static final Logger log = LoggerFactory.getLogger(LiveRoom.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String roomId;
    private final Room room;
    private final MediaEngine media;
    private final Connections connections;
    private final RoomEventListener listener;
    private final ExecutorService events;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Runnable onClosed;
    private final MediaRoomId mediaRoom;
    private final String secret;
    private final Duration recoveryWindow;

    private final ReentrantLock lock = new ReentrantLock();
    // --- guarded by lock ---
    private final Map<String, ConnectionId> connectionOf = new HashMap<>();
    private final Map<String, Endpoints> endpoints = new HashMap<>();
    private final Map<FeedId, String> participantOfFeed = new HashMap<>();
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    private boolean mediaRoomReady;
    private MediaEngine.Registration registration;
    private ScheduledFuture<?> tick;
    private Instant tickAt;
    private boolean closed;
    /** The participants' RTP forwarders (recording), by participant; gone with the feed. */
    private final Map<String, Forwards> forwards = new HashMap<>();
    /** The media node was lost and the room not yet made again on it. */
    private boolean nodeLost;
    /** Counts node losses and recoveries: a recovery attempt of an older generation gives up. */
    private long nodeGeneration;

    /** The forwarders of one feed. */
    private record Forwards(FeedId feed, List<Forwarder> forwarders) {
    }

    private static final long RECOVERY_RETRY_MIN_MS = 250;
    private static final long RECOVERY_RETRY_MAX_MS = 2000;

    /** A participant's endpoints on the media node. */
    private static final class Endpoints {
        EndpointId publisher;
        FeedId feed;
        List<Sdps.Section> published = List.of();
        EndpointId subscriber;
    }

    LiveRoom(String roomId, SessionRef session, Room room, MediaEngine media, Connections connections,
             RoomEventListener listener, ExecutorService events, ScheduledExecutorService timer, Clock clock,
             Duration recoveryWindow, Runnable onClosed) {
        this.roomId = roomId;
        this.room = room;
        this.media = media;
        this.connections = connections;
        this.listener = listener;
        this.events = events;
        this.timer = timer;
        this.clock = clock;
        this.onClosed = onClosed;
        this.recoveryWindow = Objects.requireNonNull(recoveryWindow, "recoveryWindow");
        this.mediaRoom = new MediaRoomId(ThreadLocalRandom.current().nextLong(1, 1L << 52));
        byte[] s = new byte[24];
        RANDOM.nextBytes(s);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(s);
        Objects.requireNonNull(session, "session");
        // the media room is made at once, so that the first publisher does not wait for it
        lock.lock();
        try {
            chain = chain.thenCompose(v -> ensureMediaRoom()).exceptionally(e -> {
                log.warn("room {}: media room {} not created yet: {}", roomId, mediaRoom, describe(e));
                return null;
            });
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

    // ================================================================== calls from connections

    /** A join with a token; returns the participant id, or empty when refused (the refusal is sent). */
    Optional<String> join(JoinTokens tokens, String token, ConnectionId connection, String correlation) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            Transition t = room.join(tokens, token, connection);
            if (t.refused()) {
                connections.send(connection, t.refusal().withCorrelation(correlation));
                apply(t, null, null);
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
            connectionOf.put(participant, connection);
            log.info("room {}: {} joined on {}", roomId, participant, connection);
            apply(t, participant, correlation);
            return Optional.of(participant);
        } finally {
            lock.unlock();
        }
    }

    void handle(String participantId, org.lianxin.signaling.protocol.Incoming incoming) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            apply(room.handle(participantId, incoming.message()), participantId, incoming.correlation());
        } finally {
            lock.unlock();
        }
    }

    void connectionLost(String participantId, ConnectionId connection) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            if (connection.equals(connectionOf.get(participantId))) {
                connectionOf.remove(participantId);
            }
            apply(room.connectionLost(participantId, connection), null, null);
        } finally {
            lock.unlock();
        }
    }

    void end(ServerMessage.EndReason reason) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            apply(room.end(reason), null, null);
        } finally {
            lock.unlock();
        }
    }

    void hostBusyUntil(Instant expectedEnd) {
        lock.lock();
        try {
            apply(room.hostBusyUntil(expectedEnd), null, null);
        } finally {
            lock.unlock();
        }
    }

    void tick() {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            tick = null;
            tickAt = null;
            apply(room.tick(), null, null);
        } finally {
            lock.unlock();
        }
    }

    /** Completes when every media operation asked for so far has run. */
    CompletableFuture<Void> mediaIdle() {
        lock.lock();
        try {
            return chain;
        } finally {
            lock.unlock();
        }
    }

    // ================================================================== recording (in media order)

    /**
     * Forwards the participant's current feed (audio and video, whichever it publishes, to the
     * target's ports with the payload types it asks for) to the target's host, replacing forwarders
     * it had, and asks its browser for a keyframe. Runs in the room's media order.
     */
    CompletableFuture<List<Forwarder>> forward(String participantId, ForwardTarget target) {
        String host = target.host();
        return inMediaOrder(() -> {
            FeedId feed;
            EndpointId publisher;
            List<ForwardRequest.Stream> streams = new ArrayList<>();
            boolean video = false;
            lock.lock();
            try {
                Endpoints e = publishingEndpoints(participantId);
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
            ForwardRequest request = new ForwardRequest(mediaRoom, secret, feed, host, streams);
            boolean withVideo = video;
            return stopForwards(participantId)
                    .thenCompose(v -> media.rtpForward(request))
                    .thenCompose(list -> {
                        boolean current;
                        lock.lock();
                        try {
                            Endpoints e = endpoints.get(participantId);
                            current = e != null && feed.equals(e.feed);
                            if (current) {
                                forwards.put(participantId, new Forwards(feed, List.copyOf(list)));
                            }
                        } finally {
                            lock.unlock();
                        }
                        if (!current) { // the feed went meanwhile (node lost): never leave a forwarder we do not know of
                            return stop(feed, list).thenApply(v -> {
                                throw new MediaException(MediaException.Code.MEDIA_NOT_PUBLISHED,
                                        participantId + " stopped publishing");
                            });
                        }
                        log.info("room {}: forwarding {} ({} stream(s)) to {}", roomId, participantId, list.size(), host);
                        if (!withVideo) {
                            return CompletableFuture.completedFuture(List.copyOf(list));
                        }
                        // Janus asks for no keyframe when a forwarder starts: without one a recorder cannot begin
                        return media.requestKeyframe(publisher).handle((v, error) -> {
                            if (error != null) {
                                log.debug("room {}: keyframe for {} after forwarding failed: {}", roomId, participantId,
                                        describe(error));
                            }
                            return List.copyOf(list);
                        });
                    });
        });
    }

    /** Stops the participant's forwarders, if any (in media order). */
    CompletableFuture<Void> stopForward(String participantId) {
        return inMediaOrder(() -> stopForwards(participantId));
    }

    /** Asks the participant's browser for a video keyframe (in media order); fails if it does not publish. */
    CompletableFuture<Void> requestKeyframe(String participantId) {
        return inMediaOrder(() -> {
            EndpointId publisher;
            lock.lock();
            try {
                publisher = publishingEndpoints(participantId).publisher;
            } finally {
                lock.unlock();
            }
            return media.requestKeyframe(publisher);
        });
    }

    /** The participant's endpoints if its feed is up. Caller holds the lock. */
    private Endpoints publishingEndpoints(String participantId) {
        if (room.isEnded()) {
            throw new MediaException(MediaException.Code.MEDIA_NO_SUCH_ROOM, "room " + roomId + " has ended");
        }
        boolean publishing = room.member(participantId).map(m -> m.info().publishing()).orElse(false);
        Endpoints e = endpoints.get(participantId);
        if (!publishing || e == null || e.feed == null || e.publisher == null) {
            throw new MediaException(MediaException.Code.MEDIA_NOT_PUBLISHED, participantId + " is not publishing");
        }
        return e;
    }

    /** Forgets the participant's forwarders and stops them on the node (a failure is only logged: gone with the feed). */
    private CompletableFuture<Void> stopForwards(String participantId) {
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
        return stop(f.feed(), f.forwarders());
    }

    private CompletableFuture<Void> stop(FeedId feed, List<Forwarder> list) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Forwarder fw : list) {
            stops.add(media.stopRtpForward(mediaRoom, secret, feed, fw.streamId()).exceptionally(e -> {
                log.debug("room {}: stop_rtp_forward {} of {} failed (gone with the feed): {}", roomId,
                        fw.streamId(), feed, describe(e));
                return null;
            }));
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    /**
     * Runs {@code operation} after every media operation asked for before it; the result completes
     * with the operation's (on a media thread: keep dependent work short). A failure there does not
     * stop the chain.
     */
    private <T> CompletableFuture<T> inMediaOrder(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        lock.lock();
        try {
            chain = chain.thenCompose(v -> {
                CompletableFuture<T> run;
                try {
                    run = operation.get();
                } catch (RuntimeException e) {
                    run = CompletableFuture.failedFuture(e);
                }
                return run.handle((value, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        result.completeExceptionally(cause);
                    } else {
                        result.complete(value);
                    }
                    return null;
                });
            });
        } finally {
            lock.unlock();
        }
        return result;
    }

    // ================================================================== carrying out a transition

    /** Carries out {@code t} in its order. Caller holds the lock. */
    private void apply(Transition t, String requester, String correlation) {
        if (t.refused() && requester != null) {
            send(requester, t.refusal().withCorrelation(correlation));
        }
        for (Outbound o : t.messages()) {
            send(o.participantId(), o.message());
        }
        for (CloseConnection c : t.closes()) {
            connections.close(c.connection(), c.reason());
            connectionOf.values().removeIf(c.connection()::equals);
        }
        for (MediaAction a : t.media()) {
            String actor = participantOf(a);
            enqueue(a, actor != null && actor.equals(requester) ? correlation : null);
        }
        for (RoomEvent e : t.events()) {
            if (e instanceof RoomEvent.ParticipantLeft left) {
                connectionOf.remove(left.participantId());
            }
            SessionRef session = room.session();
            events.execute(() -> {
                try (var mdc = MDC.putCloseable("room", roomId)) {
                    listener.onRoomEvent(roomId, session, e);
                } catch (RuntimeException ex) {
                    log.warn("room {}: event listener failed on {}", roomId, e, ex);
                }
            });
        }
        scheduleTick();
    }

    private void send(String participantId, ServerMessage message) {
        ConnectionId c = connectionOf.get(participantId);
        if (c != null) {
            connections.send(c, message);
        }
    }

    private void scheduleTick() {
        Optional<Instant> next = room.isEnded() ? Optional.empty() : room.nextDeadline();
        if (next.isEmpty()) {
            if (tick != null) {
                tick.cancel(false);
                tick = null;
                tickAt = null;
            }
            return;
        }
        if (next.get().equals(tickAt)) {
            return;
        }
        if (tick != null) {
            tick.cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next.get()).toMillis()) + 5;
        tickAt = next.get();
        tick = timer.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }

    private static String participantOf(MediaAction a) {
        if (a instanceof MediaAction.StartPublishing s) {
            return s.participantId();
        } else if (a instanceof MediaAction.Subscribe s) {
            return s.participantId();
        } else if (a instanceof MediaAction.StartReceiving s) {
            return s.participantId();
        } else if (a instanceof MediaAction.Trickle s) {
            return s.participantId();
        } else if (a instanceof MediaAction.MuteStream s) {
            return s.participantId();
        } else if (a instanceof MediaAction.StopForwardingTo s) {
            return s.participantId();
        } else if (a instanceof MediaAction.StopPublishing s) {
            return s.participantId();
        }
        return null;
    }

    // ================================================================== media

    /** Runs {@code action} after every action before it. Caller holds the lock. */
    private void enqueue(MediaAction action, String correlation) {
        chain = chain.thenCompose(v -> {
            CompletableFuture<Void> run;
            try {
                run = execute(action);
            } catch (RuntimeException e) {
                run = CompletableFuture.failedFuture(e);
            }
            return run.handle((ok, error) -> {
                if (error != null) {
                    failed(action, correlation, error);
                }
                return null;
            });
        });
    }

    private CompletableFuture<Void> execute(MediaAction action) {
        if (action instanceof MediaAction.StartPublishing a) {
            return ensureMediaRoom().thenCompose(v -> startPublishing(a));
        } else if (action instanceof MediaAction.Subscribe a) {
            return ensureMediaRoom().thenCompose(v -> subscribe(a));
        } else if (action instanceof MediaAction.StartReceiving a) {
            return startReceiving(a);
        } else if (action instanceof MediaAction.Trickle a) {
            return trickle(a);
        } else if (action instanceof MediaAction.MuteStream a) {
            return mute(a);
        } else if (action instanceof MediaAction.StopForwardingTo a) {
            return stopForwardingTo(a.participantId());
        } else if (action instanceof MediaAction.StopPublishing a) {
            return stopPublishing(a.participantId(), a.kick());
        } else if (action instanceof MediaAction.CloseMediaRoom) {
            return closeMediaRoom();
        }
        throw new IllegalArgumentException("unknown media action " + action);
    }

    private CompletableFuture<Void> ensureMediaRoom() {
        lock.lock();
        try {
            if (mediaRoomReady) {
                return CompletableFuture.completedFuture(null);
            }
            if (registration == null) {
                registration = media.addListener(mediaRoom, this::onMediaEvent);
            }
        } finally {
            lock.unlock();
        }
        return media.createRoom(RoomSpec.of(mediaRoom, secret)).handle((v, error) -> {
            boolean exists = error != null && MediaException.in(error)
                    .filter(m -> m.code() == MediaException.Code.MEDIA_ROOM_EXISTS).isPresent();
            if (error != null && !exists) {
                throw error instanceof java.util.concurrent.CompletionException c ? c
                        : new java.util.concurrent.CompletionException(error);
            }
            lock.lock();
            try {
                mediaRoomReady = true;
            } finally {
                lock.unlock();
            }
            // "exists": the node kept it (only our connection to it broke); it is ours (same id and secret)
            log.info("room {}: media room {} {}", roomId, mediaRoom, exists ? "still exists on the node" : "created");
            return null;
        });
    }

    private CompletableFuture<Void> startPublishing(MediaAction.StartPublishing a) {
        String id = a.participantId();
        EndpointId old;
        lock.lock();
        try {
            Endpoints e = endpoints(id);
            old = e.publisher;
            if (old != null) {
                participantOfFeed.remove(e.feed);
                e.publisher = null;
                e.feed = null;
                apply(room.publishing(id, false), null, null);
            }
        } finally {
            lock.unlock();
        }
        CompletableFuture<Void> leaveOld = old == null ? CompletableFuture.completedFuture(null)
                : stopForwards(id).thenCompose(v -> media.leave(old));
        return leaveOld
                .thenCompose(v -> media.joinAsPublisher(mediaRoom, id))
                .thenCompose(p -> {
                    lock.lock();
                    try {
                        Endpoints e = endpoints(id);
                        e.publisher = p.endpoint();
                        e.feed = p.feed();
                        e.published = Sdps.media(a.sdpOffer());
                        participantOfFeed.put(p.feed(), id);
                    } finally {
                        lock.unlock();
                    }
                    return media.publish(p.endpoint(), Sdp.offer(a.sdpOffer()));
                })
                .thenCompose(answer -> {
                    List<CompletableFuture<Void>> mutes = new ArrayList<>();
                    lock.lock();
                    try {
                        send(id, new ServerMessage.Answer(answer.sdp()));
                        // a muted participant publishing again (a reconnect) stays muted
                        ParticipantInfo info = room.member(id).map(Room.MemberView::info).orElse(null);
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

    private CompletableFuture<Void> subscribe(MediaAction.Subscribe a) {
        String id = a.participantId();
        List<FeedId> feeds = new ArrayList<>();
        List<List<Sdps.Section>> expected = new ArrayList<>();
        EndpointId old;
        lock.lock();
        try {
            for (String p : a.publisherIds()) {
                Endpoints e = endpoints.get(p);
                if (e == null || e.feed == null) {
                    return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NO_SUCH_FEED,
                            "not publishing: " + p));
                }
                feeds.add(e.feed);
                expected.add(e.published);
            }
            Endpoints mine = endpoints(id);
            old = mine.subscriber;
            mine.subscriber = null;
        } finally {
            lock.unlock();
        }
        CompletableFuture<Void> leaveOld = old == null ? CompletableFuture.completedFuture(null) : media.leave(old);
        return leaveOld.thenCompose(v -> media.subscribe(mediaRoom, feeds)).thenAccept(s -> {
            lock.lock();
            try {
                if (room.member(id).isEmpty()) { // left meanwhile
                    media.leave(s.endpoint());
                    return;
                }
                endpoints(id).subscriber = s.endpoint();
                send(id, new ServerMessage.Offer(s.offer().sdp(), streams(s, a.publisherIds(), expected)));
            } finally {
                lock.unlock();
            }
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

    private CompletableFuture<Void> startReceiving(MediaAction.StartReceiving a) {
        EndpointId subscriber;
        lock.lock();
        try {
            Endpoints e = endpoints.get(a.participantId());
            subscriber = e == null ? null : e.subscriber;
        } finally {
            lock.unlock();
        }
        if (subscriber == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                    "no subscription offer to answer"));
        }
        return media.startSubscription(subscriber, Sdp.answer(a.sdpAnswer()));
    }

    private CompletableFuture<Void> trickle(MediaAction.Trickle a) {
        EndpointId target;
        lock.lock();
        try {
            Endpoints e = endpoints.get(a.participantId());
            target = e == null ? null : a.target() == PeerConnectionKind.PUBLISHER ? e.publisher : e.subscriber;
        } finally {
            lock.unlock();
        }
        if (target == null) {
            log.debug("room {}: candidate of {} for no {} endpoint dropped", roomId, a.participantId(), a.target());
            return CompletableFuture.completedFuture(null);
        }
        return media.trickle(target, a.candidate()).exceptionally(e -> {
            log.debug("room {}: trickle for {} failed: {}", roomId, a.participantId(), describe(e));
            return null;
        });
    }

    private CompletableFuture<Void> mute(MediaAction.MuteStream a) {
        FeedId feed;
        String mid = null;
        lock.lock();
        try {
            Endpoints e = endpoints.get(a.participantId());
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
        return media.setMuted(mediaRoom, secret, feed, mid, a.muted());
    }

    private CompletableFuture<Void> stopForwardingTo(String id) {
        EndpointId subscriber;
        lock.lock();
        try {
            Endpoints e = endpoints.get(id);
            subscriber = e == null ? null : e.subscriber;
            if (e != null) {
                e.subscriber = null;
                forgetIfEmpty(id, e);
            }
        } finally {
            lock.unlock();
        }
        return subscriber == null ? CompletableFuture.completedFuture(null) : media.leave(subscriber);
    }

    private CompletableFuture<Void> stopPublishing(String id, boolean kick) {
        EndpointId publisher;
        FeedId feed;
        lock.lock();
        try {
            Endpoints e = endpoints.get(id);
            publisher = e == null ? null : e.publisher;
            feed = e == null ? null : e.feed;
            if (e != null) {
                participantOfFeed.remove(e.feed);
                e.publisher = null;
                e.feed = null;
                e.published = List.of();
                forgetIfEmpty(id, e);
            }
        } finally {
            lock.unlock();
        }
        if (publisher == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> kicked = kick && feed != null
                ? stopForwards(id).thenCompose(v -> media.kick(mediaRoom, secret, feed)).exceptionally(e -> {
                    log.debug("room {}: kick of {} failed: {}", roomId, id, describe(e));
                    return null;
                })
                : stopForwards(id);
        return kicked.thenCompose(v -> media.leave(publisher));
    }

    private void forgetIfEmpty(String id, Endpoints e) {
        if (e.publisher == null && e.subscriber == null) {
            endpoints.remove(id);
        }
    }

    private CompletableFuture<Void> closeMediaRoom() {
        List<EndpointId> all = new ArrayList<>();
        List<String> forwarding;
        boolean created;
        lock.lock();
        try {
            forwarding = new ArrayList<>(forwards.keySet());
            for (Endpoints e : endpoints.values()) {
                if (e.publisher != null) {
                    all.add(e.publisher);
                }
                if (e.subscriber != null) {
                    all.add(e.subscriber);
                }
            }
            endpoints.clear();
            participantOfFeed.clear();
            created = mediaRoomReady;
            mediaRoomReady = false;
        } finally {
            lock.unlock();
        }
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (String id : forwarding) {
            stopped.add(stopForwards(id));
        }
        return CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).thenCompose(none -> {
                    List<CompletableFuture<Void>> left = new ArrayList<>();
                    for (EndpointId id : all) {
                        left.add(media.leave(id).exceptionally(e -> null));
                    }
                    return CompletableFuture.allOf(left.toArray(CompletableFuture[]::new));
                })
                .thenCompose(v -> created ? media.destroyRoom(mediaRoom, secret) : CompletableFuture.completedFuture(null))
                .whenComplete((v, e) -> {
                    lock.lock();
                    try {
                        if (registration != null) {
                            registration.close();
                            registration = null;
                        }
                        if (tick != null) {
                            tick.cancel(false);
                            tick = null;
                        }
                        closed = true;
                    } finally {
                        lock.unlock();
                    }
                    if (e != null) {
                        log.warn("room {}: destroying media room {} failed: {}", roomId, mediaRoom, describe(e));
                    } else {
                        log.info("room {}: closed (media room {} destroyed)", roomId, mediaRoom);
                    }
                    onClosed.run();
                });
    }

    private Endpoints endpoints(String id) {
        return endpoints.computeIfAbsent(id, k -> new Endpoints());
    }

    /** A media operation failed: tell the participant who asked for it, with a 4xx code. */
    private void failed(MediaAction action, String correlation, Throwable error) {
        MediaException m = MediaException.in(error).orElse(null);
        ErrorCode code = action instanceof MediaAction.StartPublishing ? ErrorCode.MEDIA_PUBLISH_FAILED
                : action instanceof MediaAction.Subscribe || action instanceof MediaAction.StartReceiving
                ? ErrorCode.MEDIA_SUBSCRIBE_FAILED : null;
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
            send(who, new ServerMessage.Failure(code, detail, correlation));
        } finally {
            lock.unlock();
        }
    }

    private static String describe(Throwable e) {
        return MediaException.in(e).map(Throwable::getMessage).orElse(String.valueOf(e));
    }

    // ================================================================== media events

    /**
     * After the media node came back: makes the media room again (in media order), then tells the
     * participants to publish and subscribe again. Retried with backoff until {@code giveUpAt} (the
     * reconnect grace: the clients' own patience), unless the node is lost again meanwhile.
     * Caller holds the lock.
     */
    private void recover(long generation, Instant giveUpAt, int attempt) {
        chain = chain.thenCompose(v -> {
            lock.lock();
            try {
                if (generation != nodeGeneration || closed || room.isEnded()) {
                    return CompletableFuture.completedFuture(null);
                }
            } finally {
                lock.unlock();
            }
            return ensureMediaRoom().handle((ok, error) -> {
                lock.lock();
                try (var mdc = MDC.putCloseable("room", roomId)) {
                    if (generation != nodeGeneration || closed || room.isEnded()) {
                        return null;
                    }
                    if (error == null) {
                        nodeLost = false;
                        log.info("room {}: media room {} made again (attempt {}); participants publish again", roomId,
                                mediaRoom, attempt + 1);
                        apply(room.mediaNodeRestored(), null, null);
                    } else if (clock.instant().isBefore(giveUpAt)) {
                        long delay = Math.min(RECOVERY_RETRY_MAX_MS, RECOVERY_RETRY_MIN_MS << Math.min(attempt, 8));
                        log.info("room {}: media room not made again yet ({}); retrying in {} ms", roomId,
                                describe(error), delay);
                        try {
                            timer.schedule(() -> {
                                lock.lock();
                                try {
                                    recover(generation, giveUpAt, attempt + 1);
                                } finally {
                                    lock.unlock();
                                }
                            }, delay, TimeUnit.MILLISECONDS);
                        } catch (java.util.concurrent.RejectedExecutionException stopping) {
                            log.debug("room {}: no retry, the server is stopping", roomId);
                        }
                    } else {
                        log.warn("room {}: media room could not be made again within {}: {}", roomId, recoveryWindow,
                                describe(error));
                        ServerMessage.Failure f = ServerMessage.Failure.of(ErrorCode.MEDIA_NODE_UNAVAILABLE);
                        for (String id : new ArrayList<>(connectionOf.keySet())) {
                            send(id, f);
                        }
                    }
                    return null;
                } finally {
                    lock.unlock();
                }
            });
        });
    }

    /** The feed is gone on the node, and its forwarders with it. Caller holds the lock. */
    private void forgetForwardersOf(String participantId, FeedId feed) {
        Forwards f = forwards.get(participantId);
        if (f != null && f.feed().equals(feed)) {
            forwards.remove(participantId);
            log.info("room {}: the forwarders of {} ended with its feed", roomId, participantId);
        }
    }

    /** On the adapter's event thread. */
    private void onMediaEvent(MediaEvent event) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            if (event instanceof MediaEvent.WebRtcUp up) {
                // Janus lets subscribers in only once the publisher's peer connection is up (before
                // that: 428 "No such feed"), so "publishing" means up, not merely configured
                for (Map.Entry<String, Endpoints> e : new ArrayList<>(endpoints.entrySet())) {
                    if (up.endpoint().equals(e.getValue().publisher)) {
                        apply(room.publishing(e.getKey(), true), null, null);
                    }
                }
            } else if (event instanceof MediaEvent.PublisherLeft l) {
                String id = participantOfFeed.get(l.feed());
                if (id != null) {
                    apply(room.publishing(id, false), null, null);
                    forgetForwardersOf(id, l.feed());
                }
            } else if (event instanceof MediaEvent.Hangup h) {
                for (Map.Entry<String, Endpoints> e : new ArrayList<>(endpoints.entrySet())) {
                    if (h.endpoint().equals(e.getValue().publisher)) {
                        apply(room.publishing(e.getKey(), false), null, null);
                        forgetForwardersOf(e.getKey(), e.getValue().feed);
                    }
                }
            } else if (event instanceof MediaEvent.NodeLost lost) {
                if (closed || room.isEnded()) {
                    return;
                }
                log.warn("room {}: media node lost ({}); the room waits for it to come back", roomId, lost.reason());
                mediaRoomReady = false;
                nodeLost = true;
                nodeGeneration++;
                endpoints.clear();
                participantOfFeed.clear();
                forwards.clear(); // gone with the node: nothing to stop
                apply(room.mediaNodeLost(lost.reason()), null, null);
            } else if (event instanceof MediaEvent.NodeRestored) {
                if (closed || room.isEnded()) {
                    return;
                }
                if (nodeLost) {
                    log.info("room {}: media node back; making media room {} again", roomId, mediaRoom);
                    long generation = ++nodeGeneration;
                    recover(generation, clock.instant().plus(recoveryWindow), 0);
                } else if (!mediaRoomReady) {
                    chain = chain.thenCompose(v -> ensureMediaRoom()).exceptionally(e -> null);
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
