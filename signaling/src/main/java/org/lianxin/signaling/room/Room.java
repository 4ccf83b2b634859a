package org.lianxin.signaling.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.LobbyStatus;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionKind;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.signaling.token.TokenRefusal;
import org.lianxin.signaling.token.TokenRefusedException;

/**
 * One live room: who is in it, who waits in the lobby, what each role may do, who lost its
 * connection and until when its place is held, and whether the session has ended.
 *
 * <p>Pure and synchronous, NOT thread-safe: the caller serialises calls (one lock per room) and
 * carries out each returned {@link Transition}. Every call first removes participants whose
 * reconnect grace has run out (so the clock, not a timer, decides); call {@link #tick()} at
 * {@link #nextDeadline()} so that the others learn of it without waiting for the next message.
 *
 * <p>Rules:
 * <ul>
 * <li>A PETITIONER joins into the lobby: it sees no one, receives no media, and is told its queue
 * position and estimated wait, until the HOST admits it. Others join straight in. While waiting it
 * publishes to nobody ({@link LobbyPublishing}): its feed is invisible, not subscribable, not
 * recorded and not forwarded until admission, so that admission is only subscriptions.</li>
 * <li>Only the HOST may admit, mute, unmute, remove and end; anyone else is refused with
 * {@link ErrorCode#ROOM_NOT_ALLOWED_FOR_ROLE} and nothing changes.</li>
 * <li>An OBSERVER receives only (may not publish) and is never shown to a petitioner.</li>
 * <li>A lost connection keeps the participant's place, admission and mute state for the reconnect
 * grace (30 s); a join with the same participant id within it resumes without new admission; a
 * join from a second connection replaces the first. After the grace the participant is gone.</li>
 * <li>A removed participant may not join this session again; after the end nobody may.</li>
 * <li>A CONSULTATION room has no PETITIONER role.</li>
 * </ul>
 */
public final class Room {

    private final String roomId;
    private final SessionRef session;
    private final RoomSettings settings;
    private final Clock clock;

    /** In order of first entry. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Set<String> removed = new HashSet<>();
    private final LobbyPublishing lobbyPublishing = new LobbyPublishing();
    private final HeldSubscriptions held = new HeldSubscriptions();
    private final LinkQualityRule links = new LinkQualityRule();
    private long lobbySequence;
    private Instant hostBusyUntil;
    private boolean ended;

    public Room(String roomId, SessionRef session, RoomSettings settings, Clock clock) {
        this.roomId = Objects.requireNonNull(roomId, "roomId");
        this.session = Objects.requireNonNull(session, "session");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String roomId() {
        return roomId;
    }

    public SessionRef session() {
        return session;
    }

    public boolean isEnded() {
        return ended;
    }

    /** Everyone the room holds (in the session, in the lobby, or disconnected within the grace). */
    public List<MemberView> members() {
        List<MemberView> out = new ArrayList<>();
        for (Member m : members.values()) {
            out.add(m.view());
        }
        return out;
    }

    public Optional<MemberView> member(String participantId) {
        return Optional.ofNullable(members.get(participantId)).map(Member::view);
    }

    /** Whether a join of this participant would resume a held place (for the token's resume check). */
    public boolean holdsPlaceOf(String participantId) {
        Member m = members.get(participantId);
        return m != null && !ended && clock.instant().isBefore(m.graceEnd(settings));
    }

    /** When {@link #tick()} should next run (the earliest end of a reconnect grace), if ever. */
    public Optional<Instant> nextDeadline() {
        Instant next = null;
        for (Member m : members.values()) {
            if (m.connection == null) {
                Instant end = m.graceEnd(settings);
                if (next == null || end.isBefore(next)) {
                    next = end;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    /** A participant as the room holds it. */
    public record MemberView(ParticipantInfo info, boolean inLobby) {
    }

    /**
     * A participant's place in a room taken over from a lost application instance (issue 14), as that instance
     * recorded it: its role, whether it was admitted, and the server-side mutes.
     */
    public record HeldPlace(String participantId, String displayName, Role role, boolean admitted, boolean audioMuted,
                            boolean videoMuted) {
        public HeldPlace {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(role, "role");
            displayName = displayName == null ? "" : displayName;
        }

        @Override
        public String toString() { // no names in logs
            return "HeldPlace[" + participantId + " " + role + (admitted ? "" : " lobby") + "]";
        }
    }

    /**
     * Holds the places of a room taken over from a lost instance (issue 14): each participant as if its connection had
     * broken now — disconnected, within its reconnect grace, with its role, admission and mutes — so that its join
     * (with the same token) resumes its place: {@code resumed}, no new admission, its media kept. Those in the lobby
     * keep their order. Only on a room nobody has joined yet; nothing is sent (nobody is connected).
     *
     * @throws IllegalStateException if the room has members or ended
     */
    public void holdPlaces(List<HeldPlace> places) {
        if (!members.isEmpty() || ended) {
            throw new IllegalStateException("room " + roomId + ": places are held only in a new room");
        }
        Instant now = clock.instant();
        for (HeldPlace p : places) {
            if (members.containsKey(p.participantId())) {
                continue;
            }
            Member m = new Member(p.participantId(), p.displayName(), p.role());
            m.admitted = p.admitted() || p.role() != Role.PETITIONER;
            if (!m.admitted) {
                m.lobbyOrder = ++lobbySequence;
            }
            m.audioMuted = p.audioMuted();
            m.videoMuted = p.videoMuted();
            m.disconnectedAt = now;
            members.put(m.id, m);
        }
    }

    // ================================================================== calls

    /**
     * A join (or a resume) with a join token, verified here for this room: a refused token is
     * refused with its own 2xx code. An expired (but otherwise valid) token is accepted only to
     * resume a place this room still holds for its participant (reconnect within the grace, see
     * {@link JoinTokens#verifyForResume}); a new join needs a token within its lifetime.
     */
    public Transition join(JoinTokens tokens, String token, ConnectionId connection) {
        Objects.requireNonNull(tokens, "tokens");
        JoinGrant grant;
        try {
            grant = tokens.verify(token, roomId);
        } catch (TokenRefusedException refused) {
            if (refused.refusal() != TokenRefusal.TOKEN_EXPIRED) {
                return refusedToken(refused.refusal());
            }
            try {
                grant = tokens.verifyForResume(token, roomId);
            } catch (TokenRefusedException again) {
                return refusedToken(again.refusal());
            }
            if (!holdsPlaceOf(grant.participantId())) {
                return refusedToken(TokenRefusal.TOKEN_EXPIRED);
            }
        }
        return join(grant, connection);
    }

    private Transition refusedToken(TokenRefusal refusal) {
        Transition.Builder t = new Transition.Builder();
        sweep(t);
        ErrorCode code = ErrorCode.of(refusal);
        return t.refuse(code, code.defaultMessage()).build();
    }

    /**
     * A join (or a resume) of a participant whose token the caller verified for this room.
     * A refused join changes nothing; reply with the refusal and close the connection.
     */
    public Transition join(JoinGrant grant, ConnectionId connection) {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(connection, "connection");
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        if (ended) {
            return t.refuse(ErrorCode.ROOM_ENDED, "the session has ended").build();
        }
        if (!grant.roomId().equals(roomId)) {
            return t.refuse(ErrorCode.TOKEN_WRONG_ROOM, "token is for another room").build();
        }
        if (!grant.session().equals(session)) {
            return t.refuse(ErrorCode.ROOM_SESSION_MISMATCH, "token is for another session").build();
        }
        if (grant.role() == Role.PETITIONER && session.kind() == SessionKind.CONSULTATION) {
            return t.refuse(ErrorCode.ROOM_ROLE_NOT_IN_SESSION, "a consultation has no petitioner").build();
        }
        if (removed.contains(grant.participantId())) {
            return t.refuse(ErrorCode.ROOM_PARTICIPANT_REMOVED, "removed from this session").build();
        }
        for (Member m : members.values()) {
            if (connection.equals(m.connection)) {
                return t.refuse(ErrorCode.ROOM_ALREADY_JOINED, "this connection already joined").build();
            }
        }
        Member existing = members.get(grant.participantId());
        if (existing != null) {
            if (existing.role != grant.role()) {
                return t.refuse(ErrorCode.ROOM_ROLE_CONFLICT, "already here with another role").build();
            }
            return resume(existing, grant, connection, t).build();
        }

        Member m = new Member(grant.participantId(), grant.displayName(), grant.role());
        m.connection = connection;
        m.admitted = grant.role() != Role.PETITIONER;
        if (!m.admitted) {
            m.lobbyOrder = ++lobbySequence;
        }
        members.put(m.id, m);
        t.send(m.id, joined(m, false));
        if (!m.admitted) {
            t.send(m.id, LobbyPublishing.invitation());
        }
        if (m.admitted) {
            toViewersOf(m, new ServerMessage.ParticipantJoined(m.info()), t);
        } else {
            m.lastLobbyStatus = lobbyStatus(m, now);
            toLobbyWatchers(new ServerMessage.ParticipantWaiting(m.info()), t);
        }
        t.event(new RoomEvent.ParticipantEntered(m.id, m.role, !m.admitted, now));
        return t.build();
    }

    private Transition.Builder resume(Member m, JoinGrant grant, ConnectionId connection, Transition.Builder t) {
        boolean wasDisconnected = m.connection == null;
        if (!wasDisconnected) {
            // The same participant from a new connection (often a reconnect the server has not noticed yet).
            t.close(m.connection, ErrorCode.ROOM_CONNECTION_REPLACED);
        }
        m.connection = connection;
        m.disconnectedAt = null;
        m.displayName = grant.displayName();
        t.send(m.id, joined(m, true));
        if (!m.admitted) {
            t.send(m.id, LobbyPublishing.invitation());
        }
        if (wasDisconnected) {
            ServerMessage back = new ServerMessage.ParticipantConnection(m.id, true);
            if (m.admitted) {
                toViewersOf(m, back, t);
            } else {
                toLobbyWatchers(back, t);
            }
        }
        return t;
    }

    /** A message from a joined participant (a {@link ClientMessage.Join} is refused: already joined). */
    public Transition handle(String participantId, ClientMessage message) {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(message, "message");
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        if (ended) {
            return t.refuse(ErrorCode.ROOM_ENDED, "the session has ended").build();
        }
        Member m = members.get(participantId);
        if (m == null || m.connection == null) {
            return t.refuse(ErrorCode.ROOM_NOT_JOINED, "join the room first").build();
        }
        if (message instanceof ClientMessage.Heartbeat) {
            return t.send(m.id, new ServerMessage.HeartbeatAck()).build();
        }
        if (message instanceof ClientMessage.Join) {
            return t.refuse(ErrorCode.ROOM_ALREADY_JOINED, "already joined").build();
        }
        if (message instanceof ClientMessage.LinkReport lr) {
            return links.report(m.id, m.role, lr.stats(), connectedHostsBut(m), now, t).build();
        }
        if (message instanceof ClientMessage.Leave) {
            ConnectionId connection = m.connection;
            drop(m, LeaveReason.LEFT, now, t);
            return t.close(connection, null).build();
        }
        if (message instanceof ClientMessage.Admit
                || message instanceof ClientMessage.Mute
                || message instanceof ClientMessage.Unmute
                || message instanceof ClientMessage.Remove
                || message instanceof ClientMessage.End) {
            if (m.role != Role.HOST) {
                return t.refuse(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE, "only the host may do this").build();
            }
            return hostAction(m, message, now, t).build();
        }
        // Media: nothing to the lobby; from it only its own publisher, to nobody until admitted.
        if (!m.admitted && !LobbyPublishing.allowedWhileWaiting(message)) {
            return t.refuse(ErrorCode.ROOM_IN_LOBBY, "wait until the host admits you").build();
        }
        if (message instanceof ClientMessage.Publish p) {
            if (m.role == Role.OBSERVER) {
                return t.refuse(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE, "observers receive only").build();
            }
            if (!m.admitted) {
                lobbyPublishing.asked(m.id);
            }
            return t.media(new MediaAction.StartPublishing(m.id, p.sdp())).build();
        }
        if (message instanceof ClientMessage.PrepareReceive) {
            ReceivingConnection.decide(m.id, m.role, m.admitted ? null : lobbyPublishing, t);
            if (m.role != Role.OBSERVER) {
                held.prepared(m.id); // its new connection holds nothing yet
            }
            return holdAhead(t).build();
        }
        if (message instanceof ClientMessage.Subscribe s) {
            for (String target : s.participants()) {
                Member p = members.get(target);
                if (p == null || p == m || !p.admitted || !canSee(m, p)) {
                    return t.refuse(ErrorCode.ROOM_PARTICIPANT_UNKNOWN, "no such participant: " + target).build();
                }
                if (!p.publishing) {
                    return t.refuse(ErrorCode.MEDIA_NOT_PUBLISHING, "not publishing: " + target).build();
                }
            }
            return t.media(new MediaAction.Subscribe(m.id, s.participants())).build();
        }
        if (message instanceof ClientMessage.Answer a) {
            return t.media(new MediaAction.StartReceiving(m.id, a.sdp())).build();
        }
        if (message instanceof ClientMessage.Trickle tr) {
            return t.media(new MediaAction.Trickle(m.id, tr.target(), tr.candidate())).build();
        }
        if (message instanceof ClientMessage.RestartIce r) {
            return IceRestarts.decide(m.id, m.role, m.publishing, r, t).build();
        }
        throw new IllegalArgumentException("unhandled message " + message.getClass().getSimpleName());
    }

    private Transition.Builder hostAction(Member host, ClientMessage message, Instant now, Transition.Builder t) {
        if (message instanceof ClientMessage.End) {
            return endSession(EndReason.HOST, now, t);
        }
        if (message instanceof ClientMessage.Admit a) {
            Member p = members.get(a.participantId());
            if (p == null || p.admitted) {
                return t.refuse(ErrorCode.ROOM_PARTICIPANT_UNKNOWN, "nobody waiting with that id");
            }
            p.admitted = true;
            p.lobbyOrder = 0;
            p.lastLobbyStatus = null;
            p.publishing = lobbyPublishing.admitted(p.id); // its feed, up already, is shown from now on
            if (p.connection != null) {
                t.send(p.id, new ServerMessage.Admitted(visibleTo(p)));
            }
            toViewersOf(p, new ServerMessage.ParticipantJoined(p.info()), t);
            t.event(new RoomEvent.ParticipantAdmitted(p.id, p.role, now));
            if (p.publishing) {
                t.event(new RoomEvent.PublishingStarted(p.id, p.role, p.displayName, now));
            }
            held.admitted(p.id, t); // what was held for it is sent from now on
            holdAhead(t);
            return updateLobby(now, t);
        }
        if (message instanceof ClientMessage.Mute mu) {
            return setMuted(host, mu.participantId(), mu.kind(), true, now, t);
        }
        if (message instanceof ClientMessage.Unmute un) {
            return setMuted(host, un.participantId(), un.kind(), false, now, t);
        }
        ClientMessage.Remove r = (ClientMessage.Remove) message;
        Member p = members.get(r.participantId());
        if (p == null) {
            return t.refuse(ErrorCode.ROOM_PARTICIPANT_UNKNOWN, "no such participant");
        }
        if (p.role == Role.HOST) {
            return t.refuse(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE, "a host cannot be removed; end the session instead");
        }
        ConnectionId connection = p.connection;
        if (connection != null) {
            t.send(p.id, new ServerMessage.Removed());
            t.close(connection, null);
        }
        removed.add(p.id);
        drop(p, LeaveReason.REMOVED, now, t);
        return t;
    }

    private Transition.Builder setMuted(Member host, String participantId, MediaKind kind, boolean muted, Instant now,
                                        Transition.Builder t) {
        Member p = members.get(participantId);
        if (p == null || !p.admitted) {
            return t.refuse(ErrorCode.ROOM_PARTICIPANT_UNKNOWN, "no such participant in the session");
        }
        boolean current = kind == MediaKind.AUDIO ? p.audioMuted : p.videoMuted;
        if (current == muted) {
            return t; // already so: nothing to do
        }
        if (kind == MediaKind.AUDIO) {
            p.audioMuted = muted;
        } else {
            p.videoMuted = muted;
        }
        t.media(new MediaAction.MuteStream(p.id, kind, muted));
        ServerMessage note = new ServerMessage.Muted(p.id, kind, muted);
        if (p.connection != null) {
            t.send(p.id, note);
        }
        toViewersOf(p, note, t);
        return t.event(new RoomEvent.MediaMuted(p.id, p.role, kind, muted, host.id, now));
    }

    /**
     * The participant's staff account was changed or removed (its token no longer stands): if it is still on
     * {@code connection}, the connection is closed with {@link ErrorCode#ROOM_SESSION_ENDED} and the participant leaves
     * ({@code LEFT}: its place is not held, and it may join again with a new token if its account still lets it).
     * A participant on another connection by now (joined again with a fresh token) is left alone.
     */
    public Transition sessionEnded(String participantId, ConnectionId connection) {
        Objects.requireNonNull(connection, "connection");
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        Member m = members.get(participantId);
        if (ended || m == null || !connection.equals(m.connection)) {
            return t.build();
        }
        t.close(connection, ErrorCode.ROOM_SESSION_ENDED);
        m.connection = null;
        drop(m, LeaveReason.LEFT, now, t);
        return t.build();
    }

    /** The participant's connection was lost; its place is held for the reconnect grace. */
    public Transition connectionLost(String participantId, ConnectionId connection) {
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        Member m = members.get(participantId);
        if (ended || m == null || !Objects.equals(m.connection, connection)) {
            return t.build(); // unknown, or a connection already replaced: nothing to do
        }
        m.connection = null;
        m.disconnectedAt = now;
        ServerMessage gone = new ServerMessage.ParticipantConnection(m.id, false);
        if (m.admitted) {
            toViewersOf(m, gone, t);
        } else {
            toLobbyWatchers(gone, t);
        }
        return t.build();
    }

    /** The media layer reports that a participant's feed started or stopped. */
    public Transition publishing(String participantId, boolean publishing) {
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        Member m = members.get(participantId);
        if (!ended && m != null && !m.admitted) {
            lobbyPublishing.reported(m.id, publishing); // told to nobody until admission
            return holdAhead(t).build();
        }
        if (ended || m == null || !m.admitted || m.publishing == publishing) {
            return t.build();
        }
        setPublishing(m, publishing, now, t);
        return holdAhead(t).build();
    }

    private void setPublishing(Member m, boolean publishing, Instant now, Transition.Builder t) {
        m.publishing = publishing;
        toViewersOf(m, new ServerMessage.ParticipantPublishing(m.id, publishing), t);
        t.event(publishing ? new RoomEvent.PublishingStarted(m.id, m.role, m.displayName, now)
                : new RoomEvent.PublishingStopped(m.id, m.role, now));
    }

    /**
     * The media node was lost (everything on it is gone): every feed stopped. The room stays open;
     * call {@link #mediaNodeRestored()} when the node is back and the media room made again.
     */
    public Transition mediaNodeLost(String reason) {
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        if (ended) {
            return t.build();
        }
        for (Member m : members.values()) {
            if (m.publishing) {
                setPublishing(m, false, now, t);
            }
        }
        lobbyPublishing.nodeLost();
        held.clear();
        return t.event(new RoomEvent.MediaNodeLost(reason == null ? "" : reason, now)).build();
    }

    /**
     * The media node is back and the media room was made again: every connected participant in the
     * session is told to publish and subscribe again ({@link ServerMessage.MediaRestarted}); those
     * within their reconnect grace do so when they come back (a resume starts the media afresh).
     */
    public Transition mediaNodeRestored() {
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        if (ended) {
            return t.build();
        }
        for (Member m : members.values()) {
            if (m.connection != null && m.admitted) {
                t.send(m.id, new ServerMessage.MediaRestarted());
            } else if (m.connection != null) {
                t.send(m.id, LobbyPublishing.invitation()); // its endpoint is gone with the node: publish again
            }
        }
        return t.event(new RoomEvent.MediaNodeRestored(now)).build();
    }

    /**
     * The host's current (previous) session is expected to end at {@code expectedEnd} (null: the
     * host is free). Waiting participants get their new estimate.
     */
    public Transition hostBusyUntil(Instant expectedEnd) {
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        hostBusyUntil = expectedEnd;
        if (!ended) {
            updateLobby(now, t);
        }
        return t.build();
    }

    /** Ends the session from outside (booking closed, server shutting down). Idempotent. */
    public Transition end(EndReason reason) {
        Objects.requireNonNull(reason, "reason");
        Transition.Builder t = new Transition.Builder();
        Instant now = sweep(t);
        if (ended) {
            return t.build();
        }
        return endSession(reason, now, t).build();
    }

    /** Removes participants whose reconnect grace has run out. */
    public Transition tick() {
        Transition.Builder t = new Transition.Builder();
        sweep(t);
        return t.build();
    }

    // ================================================================== internals

    private Instant sweep(Transition.Builder t) {
        Instant now = clock.instant();
        if (ended) {
            return now;
        }
        List<Member> expired = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.connection == null && !now.isBefore(m.graceEnd(settings))) {
                expired.add(m);
            }
        }
        for (Member m : expired) {
            drop(m, LeaveReason.TIMED_OUT, now, t);
        }
        return now;
    }

    /** Takes a participant out of the room and tells those who saw it. */
    private void drop(Member m, LeaveReason reason, Instant now, Transition.Builder t) {
        members.remove(m.id);
        links.forget(m.id, now, t);
        if (m.publishing) {
            m.publishing = false;
            t.event(new RoomEvent.PublishingStopped(m.id, m.role, now));
        }
        ServerMessage left = new ServerMessage.ParticipantLeft(m.id, reason);
        if (m.admitted) {
            toViewersOf(m, left, t);
            if (m.role != Role.OBSERVER) {
                t.media(new MediaAction.StopPublishing(m.id, reason == LeaveReason.REMOVED));
            }
            t.media(new MediaAction.StopForwardingTo(m.id));
        } else {
            toLobbyWatchers(left, t);
            updateLobby(now, t);
            lobbyPublishing.leftLobby(m.id, reason == LeaveReason.REMOVED).forEach(t::media);
        }
        held.forget(m.id);
        holdAhead(t); // the others' connections no longer hold its feed, nor it theirs
        t.event(new RoomEvent.ParticipantLeft(m.id, m.role, reason, now));
    }

    private Transition.Builder endSession(EndReason reason, Instant now, Transition.Builder t) {
        ended = true;
        ServerMessage endedMessage = new ServerMessage.Ended(reason);
        for (Member m : members.values()) {
            if (m.publishing) {
                m.publishing = false;
                t.event(new RoomEvent.PublishingStopped(m.id, m.role, now));
            }
            if (m.connection != null) {
                t.send(m.id, endedMessage);
                t.close(m.connection, null);
            }
        }
        members.clear();
        lobbyPublishing.clear();
        held.clear();
        links.endAll(now, t);
        t.media(new MediaAction.CloseMediaRoom());
        t.event(new RoomEvent.SessionEnded(reason, now));
        return t;
    }

    /** The paused subscriptions held ahead for the admission, as they are to be now ({@link HeldSubscriptions}). */
    private Transition.Builder holdAhead(Transition.Builder t) {
        if (ended) {
            return t;
        }
        List<HeldSubscriptions.Party> parties = new ArrayList<>();
        for (Member m : members.values()) {
            parties.add(new HeldSubscriptions.Party(m.id, m.role, m.admitted,
                    m.admitted ? m.publishing : lobbyPublishing.isUp(m.id)));
        }
        return held.reconcile(parties, t);
    }

    /** The publishers held paused on the participant's receiving connection, as last decided (tests, diagnostics). */
    public List<String> heldFor(String participantId) {
        return held.held(participantId);
    }

    private ServerMessage.Joined joined(Member m, boolean resumed) {
        if (!m.admitted) {
            LobbyStatus status = lobbyStatus(m, clock.instant());
            m.lastLobbyStatus = status;
            return new ServerMessage.Joined(m.info(), List.of(), List.of(), status, resumed);
        }
        return new ServerMessage.Joined(m.info(), visibleTo(m), seesLobby(m) ? waiting() : List.of(), null, resumed);
    }

    /** Whether {@code viewer} may know of {@code subject} in the session. */
    private static boolean canSee(Member viewer, Member subject) {
        if (!viewer.admitted || !subject.admitted) {
            return false;
        }
        return !(viewer.role == Role.PETITIONER && subject.role == Role.OBSERVER);
    }

    private static boolean seesLobby(Member viewer) {
        return viewer.admitted && viewer.role != Role.PETITIONER;
    }

    private List<ParticipantInfo> visibleTo(Member viewer) {
        List<ParticipantInfo> out = new ArrayList<>();
        for (Member m : members.values()) {
            if (m != viewer && canSee(viewer, m)) {
                out.add(m.info());
            }
        }
        return out;
    }

    private List<ParticipantInfo> waiting() {
        List<ParticipantInfo> out = new ArrayList<>();
        for (Member m : lobbyInOrder()) {
            out.add(m.info());
        }
        return out;
    }

    private List<Member> lobbyInOrder() {
        List<Member> lobby = new ArrayList<>();
        for (Member m : members.values()) {
            if (!m.admitted) {
                lobby.add(m);
            }
        }
        lobby.sort((a, b) -> Long.compare(a.lobbyOrder, b.lobbyOrder));
        return lobby;
    }

    /** Sends a message about {@code subject} to every connected participant who may see it. */
    private Transition.Builder toViewersOf(Member subject, ServerMessage message, Transition.Builder t) {
        for (Member m : members.values()) {
            if (m != subject && m.connection != null && canSee(m, subject)) {
                t.send(m.id, message);
            }
        }
        return t;
    }

    /** The connected hosts other than {@code m} (who see everyone's link). */
    private List<String> connectedHostsBut(Member m) {
        List<String> out = new ArrayList<>();
        for (Member h : members.values()) {
            if (h != m && h.role == Role.HOST && h.connection != null) {
                out.add(h.id);
            }
        }
        return out;
    }

    private void toLobbyWatchers(ServerMessage message, Transition.Builder t) {
        for (Member m : members.values()) {
            if (m.connection != null && seesLobby(m)) {
                t.send(m.id, message);
            }
        }
    }

    private LobbyStatus lobbyStatus(Member m, Instant now) {
        int position = lobbyInOrder().indexOf(m) + 1;
        long wait = 0;
        if (hostBusyUntil != null && hostBusyUntil.isAfter(now)) {
            Duration overrun = Duration.between(now, hostBusyUntil);
            wait = overrun.getSeconds() + (overrun.getNano() > 0 ? 1 : 0);
        }
        wait += (position - 1) * settings.lobbyTurnEstimate().getSeconds();
        return new LobbyStatus(position, wait);
    }

    /** Tells each waiting participant its place and wait when they changed. */
    private Transition.Builder updateLobby(Instant now, Transition.Builder t) {
        for (Member m : lobbyInOrder()) {
            LobbyStatus status = lobbyStatus(m, now);
            if (!status.equals(m.lastLobbyStatus) && m.connection != null) {
                m.lastLobbyStatus = status;
                t.send(m.id, new ServerMessage.Lobby(status));
            }
        }
        return t;
    }

    private static final class Member {
        final String id;
        final Role role;
        String displayName;
        boolean admitted;
        long lobbyOrder;
        LobbyStatus lastLobbyStatus;
        ConnectionId connection;
        Instant disconnectedAt;
        boolean publishing;
        boolean audioMuted;
        boolean videoMuted;

        Member(String id, String displayName, Role role) {
            this.id = id;
            this.displayName = displayName;
            this.role = role;
        }

        Instant graceEnd(RoomSettings settings) {
            return disconnectedAt == null ? Instant.MAX : disconnectedAt.plus(settings.reconnectGrace());
        }

        ParticipantInfo info() {
            return new ParticipantInfo(id, displayName, role, connection != null, publishing, audioMuted, videoMuted);
        }

        MemberView view() {
            return new MemberView(info(), !admitted);
        }
    }
}
