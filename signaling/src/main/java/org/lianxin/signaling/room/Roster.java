package org.lianxin.signaling.room;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lianxin.signaling.protocol.LobbyStatus;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.token.Role;

/**
 * The members of a {@link Room} and who may see whom: the session's visibility rules (a petitioner never sees an
 * observer; the lobby is seen by the admitted non-petitioners), the lobby's order and each waiting participant's
 * position and estimated wait. Pure, not thread-safe: used only by its room, under the room's caller's lock.
 */
final class Roster {

    private final RoomSettings settings;
    /** In order of first entry. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private long lobbySequence;
    private Instant hostBusyUntil;

    Roster(RoomSettings settings) {
        this.settings = settings;
    }

    Member get(String participantId) {
        return members.get(participantId);
    }

    boolean contains(String participantId) {
        return members.containsKey(participantId);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    Collection<Member> all() {
        return members.values();
    }

    /** Adds a member; one not admitted takes the last place in the lobby. */
    void enter(Member m) {
        if (!m.admitted) {
            m.lobbyOrder = ++lobbySequence;
        }
        members.put(m.id, m);
    }

    void remove(Member m) {
        members.remove(m.id);
    }

    void clear() {
        members.clear();
    }

    /** Whether a member is on this connection. */
    boolean onConnection(ConnectionId connection) {
        for (Member m : members.values()) {
            if (connection.equals(m.connection)) {
                return true;
            }
        }
        return false;
    }

    List<Room.MemberView> views() {
        List<Room.MemberView> out = new ArrayList<>();
        for (Member m : members.values()) {
            out.add(m.view());
        }
        return out;
    }

    /** The earliest end of a reconnect grace, if anyone is disconnected. */
    Optional<Instant> nextDeadline() {
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

    /** The disconnected members whose reconnect grace has run out at {@code now}. */
    List<Member> expired(Instant now) {
        List<Member> expired = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.connection == null && !now.isBefore(m.graceEnd(settings))) {
                expired.add(m);
            }
        }
        return expired;
    }

    void hostBusyUntil(Instant expectedEnd) {
        hostBusyUntil = expectedEnd;
    }

    /** Whether {@code viewer} may know of {@code subject} in the session. */
    static boolean canSee(Member viewer, Member subject) {
        if (!viewer.admitted || !subject.admitted) {
            return false;
        }
        return !(viewer.role == Role.PETITIONER && subject.role == Role.OBSERVER);
    }

    static boolean seesLobby(Member viewer) {
        return viewer.admitted && viewer.role != Role.PETITIONER;
    }

    List<ParticipantInfo> visibleTo(Member viewer) {
        List<ParticipantInfo> out = new ArrayList<>();
        for (Member m : members.values()) {
            if (m != viewer && canSee(viewer, m)) {
                out.add(m.info());
            }
        }
        return out;
    }

    List<ParticipantInfo> waiting() {
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
    Transition.Builder toViewersOf(Member subject, ServerMessage message, Transition.Builder t) {
        for (Member m : members.values()) {
            if (m != subject && m.connection != null && canSee(m, subject)) {
                t.send(m.id, message);
            }
        }
        return t;
    }

    /** The connected hosts other than {@code m} (who see everyone's link). */
    List<String> connectedHostsBut(Member m) {
        List<String> out = new ArrayList<>();
        for (Member h : members.values()) {
            if (h != m && h.role == Role.HOST && h.connection != null) {
                out.add(h.id);
            }
        }
        return out;
    }

    void toLobbyWatchers(ServerMessage message, Transition.Builder t) {
        for (Member m : members.values()) {
            if (m.connection != null && seesLobby(m)) {
                t.send(m.id, message);
            }
        }
    }

    /** To those who see {@code m}: to its viewers if it is admitted, else to those who see the lobby. */
    void toThoseWhoSee(Member m, ServerMessage message, Transition.Builder t) {
        if (m.admitted) {
            toViewersOf(m, message, t);
        } else {
            toLobbyWatchers(message, t);
        }
    }

    LobbyStatus lobbyStatus(Member m, Instant now) {
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
    Transition.Builder updateLobby(Instant now, Transition.Builder t) {
        for (Member m : lobbyInOrder()) {
            LobbyStatus status = lobbyStatus(m, now);
            if (!status.equals(m.lastLobbyStatus) && m.connection != null) {
                m.lastLobbyStatus = status;
                t.send(m.id, new ServerMessage.Lobby(status));
            }
        }
        return t;
    }
}
