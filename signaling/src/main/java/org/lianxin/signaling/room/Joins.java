package org.lianxin.signaling.room;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.LobbyStatus;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionKind;
import org.lianxin.signaling.token.SessionRef;

/**
 * The {@link Room}'s rules for a join with a verified grant: who is refused, who enters the session or the lobby, and
 * who resumes a held place (or replaces its own older connection). Pure; used only by its room.
 */
final class Joins {

    private final String roomId;
    private final SessionRef session;
    private final Clock clock;
    private final Roster roster;
    private final Set<String> removed;

    Joins(String roomId, SessionRef session, Clock clock, Roster roster, Set<String> removed) {
        this.roomId = roomId;
        this.session = session;
        this.clock = clock;
        this.roster = roster;
        this.removed = removed;
    }

    /** A join in a room that has not ended (the caller swept it at {@code now}). */
    Transition.Builder join(JoinGrant grant, ConnectionId connection, Instant now, Transition.Builder t) {
        if (!grant.roomId().equals(roomId)) {
            return t.refuse(ErrorCode.TOKEN_WRONG_ROOM, "token is for another room");
        }
        if (!grant.session().equals(session)) {
            return t.refuse(ErrorCode.ROOM_SESSION_MISMATCH, "token is for another session");
        }
        if (grant.role() == Role.PETITIONER && session.kind() == SessionKind.CONSULTATION) {
            return t.refuse(ErrorCode.ROOM_ROLE_NOT_IN_SESSION, "a consultation has no petitioner");
        }
        if (removed.contains(grant.participantId())) {
            return t.refuse(ErrorCode.ROOM_PARTICIPANT_REMOVED, "removed from this session");
        }
        if (roster.onConnection(connection)) {
            return t.refuse(ErrorCode.ROOM_ALREADY_JOINED, "this connection already joined");
        }
        Member existing = roster.get(grant.participantId());
        if (existing != null) {
            if (existing.role != grant.role()) {
                return t.refuse(ErrorCode.ROOM_ROLE_CONFLICT, "already here with another role");
            }
            return resume(existing, grant, connection, t);
        }

        Member m = new Member(grant.participantId(), grant.displayName(), grant.role());
        m.connection = connection;
        m.admitted = grant.role() != Role.PETITIONER;
        roster.enter(m);
        t.send(m.id, joined(m, false));
        if (!m.admitted) {
            t.send(m.id, LobbyPublishing.invitation());
        }
        if (m.admitted) {
            roster.toViewersOf(m, new ServerMessage.ParticipantJoined(m.info()), t);
        } else {
            m.lastLobbyStatus = roster.lobbyStatus(m, now);
            roster.toLobbyWatchers(new ServerMessage.ParticipantWaiting(m.info()), t);
        }
        return t.event(new RoomEvent.ParticipantEntered(m.id, m.role, !m.admitted, now));
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
            roster.toThoseWhoSee(m, new ServerMessage.ParticipantConnection(m.id, true), t);
        }
        return t;
    }

    private ServerMessage.Joined joined(Member m, boolean resumed) {
        if (!m.admitted) {
            LobbyStatus status = roster.lobbyStatus(m, clock.instant());
            m.lastLobbyStatus = status;
            return new ServerMessage.Joined(m.info(), List.of(), List.of(), status, resumed);
        }
        return new ServerMessage.Joined(m.info(), roster.visibleTo(m), Roster.seesLobby(m) ? roster.waiting() : List.of(),
                null, resumed);
    }
}
