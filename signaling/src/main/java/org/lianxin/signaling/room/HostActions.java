package org.lianxin.signaling.room;

import java.time.Instant;
import java.util.Set;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.Role;

/**
 * What the HOST of a {@link Room} may do: admit from the lobby, mute and unmute, remove, end. The caller checked the
 * role. Pure; used only by its room, whose departures, end and held subscriptions it calls back.
 */
final class HostActions {

    private final Room room;
    private final Roster roster;
    private final LobbyPublishing lobbyPublishing;
    private final HeldSubscriptions held;
    private final Set<String> removed;

    HostActions(Room room, Roster roster, LobbyPublishing lobbyPublishing, HeldSubscriptions held,
                Set<String> removed) {
        this.room = room;
        this.roster = roster;
        this.lobbyPublishing = lobbyPublishing;
        this.held = held;
        this.removed = removed;
    }

    Transition.Builder act(Member host, ClientMessage message, Instant now, Transition.Builder t) {
        if (message instanceof ClientMessage.End) {
            return room.endSession(EndReason.HOST, now, t);
        }
        if (message instanceof ClientMessage.Admit a) {
            return admit(a, now, t);
        }
        if (message instanceof ClientMessage.Mute mu) {
            return setMuted(host, mu.participantId(), mu.kind(), true, now, t);
        }
        if (message instanceof ClientMessage.Unmute un) {
            return setMuted(host, un.participantId(), un.kind(), false, now, t);
        }
        return remove((ClientMessage.Remove) message, now, t);
    }

    private Transition.Builder admit(ClientMessage.Admit a, Instant now, Transition.Builder t) {
        Member p = roster.get(a.participantId());
        if (p == null || p.admitted) {
            return t.refuse(ErrorCode.ROOM_PARTICIPANT_UNKNOWN, "nobody waiting with that id");
        }
        p.admitted = true;
        p.lobbyOrder = 0;
        p.lastLobbyStatus = null;
        p.publishing = lobbyPublishing.admitted(p.id); // its feed, up already, is shown from now on
        if (p.connection != null) {
            t.send(p.id, new ServerMessage.Admitted(roster.visibleTo(p)));
        }
        roster.toViewersOf(p, new ServerMessage.ParticipantJoined(p.info()), t);
        t.event(new RoomEvent.ParticipantAdmitted(p.id, p.role, now));
        if (p.publishing) {
            t.event(new RoomEvent.PublishingStarted(p.id, p.role, p.displayName, now));
        }
        held.admitted(p.id, t); // what was held for it is sent from now on
        room.holdAhead(t);
        return roster.updateLobby(now, t);
    }

    private Transition.Builder remove(ClientMessage.Remove r, Instant now, Transition.Builder t) {
        Member p = roster.get(r.participantId());
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
        room.drop(p, LeaveReason.REMOVED, now, t);
        return t;
    }

    private Transition.Builder setMuted(Member host, String participantId, MediaKind kind, boolean muted, Instant now,
                                        Transition.Builder t) {
        Member p = roster.get(participantId);
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
        roster.toViewersOf(p, note, t);
        return t.event(new RoomEvent.MediaMuted(p.id, p.role, kind, muted, host.id, now));
    }
}
