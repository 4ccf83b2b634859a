package org.lianxin.signaling.room;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
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

    private final Roster members;
    private final Set<String> removed = new HashSet<>();
    private final LobbyPublishing lobbyPublishing = new LobbyPublishing();
    private final HeldSubscriptions held = new HeldSubscriptions();
    private final LinkQualityRule links = new LinkQualityRule();
    private final Joins joins;
    private final HostActions hostActions;
    private final MediaRequests mediaRequests;
    private boolean ended;

    public Room(String roomId, SessionRef session, RoomSettings settings, Clock clock) {
        this.roomId = Objects.requireNonNull(roomId, "roomId");
        this.session = Objects.requireNonNull(session, "session");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.members = new Roster(settings);
        this.joins = new Joins(roomId, session, clock, members, removed);
        this.hostActions = new HostActions(this, members, lobbyPublishing, held, removed);
        this.mediaRequests = new MediaRequests(this, members, lobbyPublishing, held);
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
        return members.views();
    }

    public Optional<MemberView> member(String participantId) {
        return Optional.ofNullable(members.get(participantId)).map(Member::view);
    }

    /** Whether a join of this participant would resume a held place (for the token's resume check). */
    public boolean holdsPlaceOf(String participantId) {
        Member m = members.get(participantId);
        return m != null && !ended && clock.instant().isBefore(m.graceEnd(settings));
    }

    /** The role of {@code participantId} if it waits in the lobby and {@code hostId} is an admitted HOST here. */
    public Optional<Role> waitingToBeAdmittedBy(String hostId, String participantId) {
        Member host = members.get(hostId);
        Member waiting = members.get(participantId);
        return !ended && host != null && host.role == Role.HOST && host.admitted && waiting != null && !waiting.admitted
                ? Optional.of(waiting.role) : Optional.empty();
    }

    /** When {@link #tick()} should next run (the earliest end of a reconnect grace), if ever. */
    public Optional<Instant> nextDeadline() {
        return members.nextDeadline();
    }

    /** A participant as the room holds it. */
    public record MemberView(ParticipantInfo info, boolean inLobby) {
        /** Its place (role, admission, mutes), for a successor instance to hold (issue 14). */
        public HeldPlace place() {
            return new HeldPlace(info.id(), info.displayName(), info.role(), !inLobby, info.audioMuted(),
                    info.videoMuted());
        }
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
            if (members.contains(p.participantId())) {
                continue;
            }
            Member m = new Member(p.participantId(), p.displayName(), p.role());
            m.admitted = p.admitted() || p.role() != Role.PETITIONER;
            m.audioMuted = p.audioMuted();
            m.videoMuted = p.videoMuted();
            m.disconnectedAt = now;
            members.enter(m);
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
        return joins.join(grant, connection, now, t).build();
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
            return links.report(m.id, m.role, lr.stats(), members.connectedHostsBut(m), now, t).build();
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
            return hostActions.act(m, message, now, t).build();
        }
        return mediaRequests.handle(m, message, t).build();
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
            members.toViewersOf(m, gone, t);
        } else {
            members.toLobbyWatchers(gone, t);
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
        members.toViewersOf(m, new ServerMessage.ParticipantPublishing(m.id, publishing), t);
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
        for (Member m : members.all()) {
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
        for (Member m : members.all()) {
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
        members.hostBusyUntil(expectedEnd);
        if (!ended) {
            members.updateLobby(now, t);
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
        for (Member m : members.expired(now)) {
            drop(m, LeaveReason.TIMED_OUT, now, t);
        }
        return now;
    }

    /** Takes a participant out of the room and tells those who saw it. */
    void drop(Member m, LeaveReason reason, Instant now, Transition.Builder t) {
        members.remove(m);
        links.forget(m.id, now, t);
        if (m.publishing) {
            m.publishing = false;
            t.event(new RoomEvent.PublishingStopped(m.id, m.role, now));
        }
        ServerMessage left = new ServerMessage.ParticipantLeft(m.id, reason);
        if (m.admitted) {
            members.toViewersOf(m, left, t);
            if (m.role != Role.OBSERVER) {
                t.media(new MediaAction.StopPublishing(m.id, reason == LeaveReason.REMOVED));
            }
            t.media(new MediaAction.StopForwardingTo(m.id));
        } else {
            members.toLobbyWatchers(left, t);
            members.updateLobby(now, t);
            lobbyPublishing.leftLobby(m.id, reason == LeaveReason.REMOVED).forEach(t::media);
        }
        held.forget(m.id);
        holdAhead(t); // the others' connections no longer hold its feed, nor it theirs
        t.event(new RoomEvent.ParticipantLeft(m.id, m.role, reason, now));
    }

    Transition.Builder endSession(EndReason reason, Instant now, Transition.Builder t) {
        ended = true;
        ServerMessage endedMessage = new ServerMessage.Ended(reason);
        for (Member m : members.all()) {
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
    Transition.Builder holdAhead(Transition.Builder t) {
        if (ended) {
            return t;
        }
        List<HeldSubscriptions.Party> parties = new ArrayList<>();
        for (Member m : members.all()) {
            parties.add(new HeldSubscriptions.Party(m.id, m.role, m.admitted,
                    m.admitted ? m.publishing : lobbyPublishing.isUp(m.id)));
        }
        return held.reconcile(parties, t);
    }

    /** The publishers held paused on the participant's receiving connection, as last decided (tests, diagnostics). */
    public List<String> heldFor(String participantId) {
        return held.held(participantId);
    }
}
