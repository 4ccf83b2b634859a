package org.lianxin.signaling.live;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.AccountBinding;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.signaling.turn.TurnCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live rooms of this server, by room id: each a {@link Room} behind its own lock whose
 * transitions are carried out in order — messages and closes through {@link Connections}, media
 * actions through the {@link MediaEngine} (one chain of operations per room), events to the
 * {@link RoomEventListener} — and whose reconnect deadlines are kept by a timer.
 *
 * <p>Thread-safe. {@link #start()} before use; {@link #stop()} ends every room (reason SERVER) and
 * waits briefly for their media rooms to be destroyed.
 */
public final class LiveRooms {

    private static final Logger log = LoggerFactory.getLogger(LiveRooms.class);

    private final MediaEngine media;
    private final JoinTokens tokens;
    private final RoomSettings settings;
    private final Clock clock;
    private final Connections connections;
    private final RoomEventListener listener;
    private final LiveMediaSettings mediaSettings;
    private final ConcurrentHashMap<String, LiveRoom> rooms = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;
    private volatile ExecutorService events;
    private volatile boolean running;
    /** What an admission writes first; {@link AdmissionGate#OPEN}: nothing. */
    private volatile AdmissionGate admissionGate = AdmissionGate.OPEN;
    /** Where each room's media is, for a successor to claim it (issue 14). */
    private volatile RoomMediaJournal journal = RoomMediaJournal.NONE;
    private final RoomTakeovers takeovers = new RoomTakeovers(this);
    private final RoomJoins joins;

    public LiveRooms(MediaEngine media, JoinTokens tokens, RoomSettings settings, Clock clock, Connections connections,
                     RoomEventListener listener) {
        this(media, tokens, settings, clock, connections, listener, TurnCredentials.none());
    }

    /** Live rooms whose joins hand out TURN credentials from {@code turn} ({@link TurnCredentials#none()}: none). */
    public LiveRooms(MediaEngine media, JoinTokens tokens, RoomSettings settings, Clock clock, Connections connections,
                     RoomEventListener listener, TurnCredentials turn) {
        this(media, tokens, settings, clock, connections, listener, turn, LiveMediaSettings.defaults());
    }

    public LiveRooms(MediaEngine media, JoinTokens tokens, RoomSettings settings, Clock clock, Connections connections,
                     RoomEventListener listener, LiveMediaSettings mediaSettings) {
        this(media, tokens, settings, clock, connections, listener, TurnCredentials.none(), mediaSettings);
    }

    /** Live rooms with TURN credentials for the joins and the media behaviour settings. */
    public LiveRooms(MediaEngine media, JoinTokens tokens, RoomSettings settings, Clock clock, Connections connections,
                     RoomEventListener listener, TurnCredentials turn, LiveMediaSettings mediaSettings) {
        this.mediaSettings = Objects.requireNonNull(mediaSettings, "mediaSettings");
        this.media = Objects.requireNonNull(media, "media");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.joins = new RoomJoins(this, takeovers, tokens, connections, turn);
    }

    /** Asks {@code owners} where a joined room not held here is (several instances); before {@link #start()}. */
    public void ownedBy(RoomOwners owners) {
        joins.ownedBy(owners);
    }

    /**
     * Asks {@code gate} at each join with a token bound to a staff account whether that account still stands; a token
     * issued before its account changed is refused ({@code ROOM_SESSION_ENDED}). Before {@link #start()}.
     */
    public void guardedBy(AccountGate gate) {
        joins.guardedBy(gate);
    }

    /** Admissions from the lobby are recorded through {@code gate} first, and refused when it cannot record them. */
    public void admittedThrough(AdmissionGate gate) {
        this.admissionGate = Objects.requireNonNull(gate, "gate");
    }

    /** Tells {@code journal} where each room's media is whenever it changes (several instances); before {@link #start()}. */
    public void journalTo(RoomMediaJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** How long a takeover waits for the claim of a room's media (default 5 s); before {@link #start()}. */
    public void claimWithin(Duration wait) {
        takeovers.claimWithin(wait);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "live-rooms-timer"));
        events = Executors.newSingleThreadExecutor(r -> daemon(r, "live-rooms-events"));
        running = true;
        log.info("live rooms started (reconnect grace {}; keyframes after a media drop {}, "
                + "lianxin.signaling.keyframe-on-media-resume)", settings.reconnectGrace(),
                mediaSettings.keyframeOnMediaResume() ? "on" : "off");
    }

    /** Ends every room (reason SERVER), waits up to {@code wait} for their media to close, stops the threads. */
    public synchronized void stop(Duration wait) {
        if (!running) {
            return;
        }
        running = false;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (LiveRoom r : rooms.values()) {
            r.end(ServerMessage.EndReason.SERVER);
            closing.add(r.mediaIdle());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("live rooms: {} room(s) did not close their media within {}", closing.size(), wait);
        }
        rooms.clear();
        timer.shutdownNow();
        events.shutdown();
        try {
            events.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("live rooms stopped");
    }

    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ================================================================== rooms

    /**
     * Opens the room for {@code session} if it is not open yet (its media room is created at once).
     *
     * @return true if this call opened it
     * @throws IllegalStateException if the room id is open for another session, or not started
     */
    public boolean open(String roomId, SessionRef session) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(session, "session");
        if (!running) {
            throw new IllegalStateException("live rooms are not running");
        }
        boolean[] opened = {false};
        LiveRoom r = rooms.compute(roomId, (id, existing) -> {
            if (existing != null && !existing.isEnded() && !existing.claimFailed()) {
                return existing;
            }
            opened[0] = true;
            return newRoom(id, session, List.of(), null);
        });
        if (!r.session().equals(session)) {
            throw new IllegalStateException("room " + roomId + " is open for another session");
        }
        if (opened[0]) {
            log.info("room {} opened for {} {}", roomId, session.kind(), session.id());
        }
        return opened[0];
    }

    /**
     * Takes over a room a lost instance held (issue 14) with its media kept: holds each recorded participant's place
     * (disconnected, within its reconnect grace, with its role and admission) and starts claiming the room's media
     * session on its node with the recorded endpoints — without waiting for it: the joins that arrive meanwhile wait
     * for the claim ({@link ClaimWaits}, no thread held). A participant's join is then a resume: {@code resumed}, its
     * peer connections kept. When the claim fails (the node no longer has the session, the node or room is gone, no
     * answer within the wait of {@link #claimWithin}) the reason is logged once and the room is built anew here ({@link #open}): the
     * waiting joins join that one.
     *
     * @return true (the room is held here: being claimed, or opened meanwhile by another join)
     */
    public boolean takeOver(String roomId, SessionRef session, RoomMediaJournal.State taken) {
        Objects.requireNonNull(taken, "taken");
        if (!running) {
            throw new IllegalStateException("live rooms are not running");
        }
        return takeovers.takeOver(roomId, session, taken);
    }

    /**
     * Puts a room taken over ({@code taken}, with {@code places} held) in place of an absent, ended or failed one,
     * telling {@code placing} its id before any join can see it; null (nothing done) if an open one stands.
     */
    LiveRoom placeTakenOver(String roomId, SessionRef session, List<Room.HeldPlace> places,
                            RoomMediaJournal.State taken, Consumer<String> placing) {
        LiveRoom[] made = {null};
        rooms.compute(roomId, (id, existing) -> {
            if (existing != null && !existing.isEnded() && !existing.claimFailed()) {
                return existing;
            }
            made[0] = newRoom(id, session, places, taken);
            placing.accept(id);
            return made[0];
        });
        return made[0];
    }

    /** Removes the room if it is still {@code r} (a takeover whose claim failed). */
    void forget(String roomId, LiveRoom r) {
        rooms.remove(roomId, r);
    }

    /** A room made here ({@code taken} null), or taken over with {@code places} held. */
    private LiveRoom newRoom(String id, SessionRef session, List<Room.HeldPlace> places, RoomMediaJournal.State taken) {
        Room room = new Room(id, session, settings, clock);
        if (taken != null) {
            room.holdPlaces(places);
        }
        LiveRoom[] self = new LiveRoom[1];
        self[0] = new LiveRoom(id, session, room, media, connections, listener, events, timer, clock,
                settings.reconnectGrace(), mediaSettings, journal, () -> rooms.remove(id, self[0]), taken);
        return self[0];
    }

    /** Whether the room is open (and not ended). */
    public boolean isOpen(String roomId) {
        LiveRoom r = rooms.get(roomId);
        return r != null && !r.isEnded();
    }

    /** The room's participants (in the session, the lobby, or within their reconnect grace). */
    List<Room.MemberView> members(String roomId) {
        LiveRoom r = rooms.get(roomId);
        return r == null ? List.of() : r.members();
    }

    /** The session the room is open for, if it is held. */
    Optional<SessionRef> session(String roomId) {
        LiveRoom r = rooms.get(roomId);
        return r == null ? Optional.empty() : Optional.of(r.session());
    }

    // ================================================================== recording

    /**
     * Forwards the participant's current feed over RTP to a recorder at {@code target.host()} (IPv4):
     * its audio (Opus) to the target's audio port and its video (VP8) to its video port, each with the
     * payload type the target asks for, whichever of the two it publishes, then asks its browser for a
     * keyframe. Forwarders it had are replaced. They are stopped when it stops publishing, leaves or the room
     * ends (also when the media node is lost: start them again on the next
     * {@link org.lianxin.signaling.room.RoomEvent.PublishingStarted}). Runs in the room's media
     * order, so it never races a re-publish.
     *
     * @return the forwarders; fails with a {@link MediaException}: {@code MEDIA_NOT_PUBLISHED} (465)
     *         if the participant does not publish (its peer connection is not up),
     *         {@code MEDIA_NO_SUCH_ROOM} (460) if the room is not open, {@code MEDIA_INVALID_REQUEST}
     *         (471) for a bad host, port or payload type, else what the node said
     */
    public CompletableFuture<List<Forwarder>> forward(String roomId, String participantId, ForwardTarget target) {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(target, "target");
        if (!target.valid()) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                    "forward needs a host, ports 1-65535 and two distinct payload types 96-127 (got " + target + ")"));
        }
        return open(roomId).map(r -> r.forward(participantId, target)).orElseGet(() -> noRoom(roomId));
    }

    /** Stops the participant's forwarders (none: nothing to do), in the room's media order. */
    public CompletableFuture<Void> stopForward(String roomId, String participantId) {
        Objects.requireNonNull(participantId, "participantId");
        LiveRoom r = rooms.get(roomId);
        return r == null ? CompletableFuture.completedFuture(null) : r.stopForward(participantId);
    }

    /**
     * Asks the participant's browser for a video keyframe (a PLI on its publisher), in the room's
     * media order; fails with {@code MEDIA_NOT_PUBLISHED} (465) if it does not publish.
     */
    public CompletableFuture<Void> requestKeyframe(String roomId, String participantId) {
        Objects.requireNonNull(participantId, "participantId");
        return open(roomId).map(r -> r.requestKeyframe(participantId)).orElseGet(() -> noRoom(roomId));
    }

    private Optional<LiveRoom> open(String roomId) {
        LiveRoom r = roomId == null ? null : rooms.get(roomId);
        return r == null || r.isEnded() ? Optional.empty() : Optional.of(r);
    }

    private static <T> CompletableFuture<T> noRoom(String roomId) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NO_SUCH_ROOM,
                "no open room " + roomId));
    }


    /** The room, if held and not ended (the joins of a room not held here: {@link RoomWhereabouts}). */
    Optional<LiveRoom> held(String roomId) {
        return open(roomId);
    }

    /** The room held (open, ended and still closing its media, or being taken over); null if none. */
    LiveRoom room(String roomId) {
        return rooms.get(roomId);
    }

    /**
     * This instance lost the room to another (its lease was taken after this one paused): every participant is told
     * {@code ROOM_MOVED} (join again) and disconnected, its media room closed, and nothing told to the listener — the
     * new owner writes what happens from now on.
     *
     * @return false if the room is not held
     */
    public boolean evict(String roomId) {
        LiveRoom r = rooms.get(roomId);
        if (r == null) {
            return false;
        }
        r.evict();
        return true;
    }

    /** Ends a room from outside (booking cancelled, over time). */
    public boolean end(String roomId, ServerMessage.EndReason reason) {
        LiveRoom r = rooms.get(roomId);
        if (r == null) {
            return false;
        }
        r.end(reason);
        return true;
    }

    /**
     * The host of the room is busy in another session expected to end at {@code expectedEnd} (null:
     * free); waiting participants get their new position and wait.
     *
     * @return false if the room is not held
     */
    public boolean hostBusyUntil(String roomId, java.time.Instant expectedEnd) {
        LiveRoom r = rooms.get(roomId);
        if (r == null || r.isEnded()) {
            return false;
        }
        r.hostBusyUntil(expectedEnd);
        return true;
    }

    /** How the rooms behave (reconnect grace, the lobby's turn estimate). */
    public RoomSettings settings() {
        return settings;
    }

    /** The number of rooms held (open, or ended and still closing their media). */
    public int size() {
        return rooms.size();
    }

    /** Completes when the room's media operations asked for so far have run (tests, shutdown). */
    public CompletableFuture<Void> mediaIdle(String roomId) {
        LiveRoom r = rooms.get(roomId);
        return r == null ? CompletableFuture.completedFuture(null) : r.mediaIdle();
    }

    // ================================================================== connections (the browser's endpoint only)

    /** A participant joined on a connection. */
    record Participant(String roomId, String participantId) {
    }

    /**
     * A join on {@code connection}, waiting on the calling thread for a claim under way (tests, callers with a thread
     * of their own); see {@link #joinLater}.
     *
     * @return the participant, or empty if refused
     */
    Optional<Participant> join(ConnectionId connection, String boundRoomId, String token, String correlation) {
        return joinLater(connection, boundRoomId, token, correlation).join();
    }

    /**
     * A join on {@code connection}. The room is the one the token names, or {@code boundRoomId} when
     * the connection was opened for one room (then a token for another is refused as such).
     * A refusal is sent on the connection with {@code correlation}. Completed at once, except while the room is being
     * taken over by claim: then the join waits for the claim without holding a thread (at most twice
     * {@code claimWait}, with at most {@link ClaimWaits#MAX_WAITING} others) and joins the room claimed or built anew;
     * past either bound it is refused with {@code ROOM_MOVED} (314: the page joins again) and the connection closed.
     *
     * @return the participant, or empty if refused
     */
    CompletableFuture<Optional<Participant>> joinLater(ConnectionId connection, String boundRoomId, String token,
                                                       String correlation) {
        return joins.joinLater(connection, boundRoomId, token, correlation, timer);
    }

    /** A message from a joined participant. */
    void handle(Participant who, ConnectionId connection, Incoming incoming) {
        LiveRoom r = rooms.get(who.roomId());
        if (r == null) {
            connections.send(connection, new ServerMessage.Failure(ErrorCode.ROOM_ENDED,
                    ErrorCode.ROOM_ENDED.defaultMessage(), incoming.correlation()));
            return;
        }
        r.handle(who.participantId(), incoming, admissionGate);
    }

    /** A joined participant's connection closed or broke; its place is held for the reconnect grace. */
    void connectionLost(Participant who, ConnectionId connection) {
        joins.connectionLost(connection);
        LiveRoom r = rooms.get(who.roomId());
        if (r != null) {
            r.connectionLost(who.participantId(), connection);
        }
    }

    // ================================================================== staff accounts changed

    /** A connection closed because its account changed: whose, in which room, as which participant. */
    public record EndedSession(AccountBinding account, String roomId, String participantId) {
    }

    /** The staff accounts with a connection joined here, each with the stamp of the token it joined with. */
    public Set<AccountBinding> connectedAccounts() {
        return joins.connectedAccounts();
    }

    /**
     * Closes every connection here joined with a token bound to one of {@code stale} (an account changed since):
     * each is told {@code ROOM_SESSION_ENDED} and closed, and its participant leaves the room.
     *
     * @return the connections closed
     */
    public List<EndedSession> endSessions(Set<AccountBinding> stale) {
        return joins.endSessions(stale);
    }
}
