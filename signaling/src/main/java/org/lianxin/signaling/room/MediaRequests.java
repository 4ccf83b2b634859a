package org.lianxin.signaling.room;

import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.token.Role;

/**
 * A joined participant's media messages to its {@link Room} (publish, receive, subscribe, answer, trickle, ICE
 * restart): nothing from the lobby but its own publisher, to nobody until admitted; observers receive only. Pure; used
 * only by its room.
 */
final class MediaRequests {

    private final Room room;
    private final Roster roster;
    private final LobbyPublishing lobbyPublishing;
    private final HeldSubscriptions held;

    MediaRequests(Room room, Roster roster, LobbyPublishing lobbyPublishing, HeldSubscriptions held) {
        this.room = room;
        this.roster = roster;
        this.lobbyPublishing = lobbyPublishing;
        this.held = held;
    }

    Transition.Builder handle(Member m, ClientMessage message, Transition.Builder t) {
        // Media: nothing to the lobby; from it only its own publisher, to nobody until admitted.
        if (!m.admitted && !LobbyPublishing.allowedWhileWaiting(message)) {
            return t.refuse(ErrorCode.ROOM_IN_LOBBY, "wait until the host admits you");
        }
        if (message instanceof ClientMessage.Publish p) {
            if (m.role == Role.OBSERVER) {
                return t.refuse(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE, "observers receive only");
            }
            if (!m.admitted) {
                lobbyPublishing.asked(m.id);
            }
            return t.media(new MediaAction.StartPublishing(m.id, p.sdp()));
        }
        if (message instanceof ClientMessage.PrepareReceive) {
            ReceivingConnection.decide(m.id, m.role, m.admitted ? null : lobbyPublishing, t);
            if (m.role != Role.OBSERVER) {
                held.prepared(m.id); // its new connection holds nothing yet
            }
            return room.holdAhead(t);
        }
        if (message instanceof ClientMessage.Subscribe s) {
            for (String target : s.participants()) {
                Member p = roster.get(target);
                if (p == null || p == m || !p.admitted || !Roster.canSee(m, p)) {
                    return t.refuse(ErrorCode.ROOM_PARTICIPANT_UNKNOWN, "no such participant: " + target);
                }
                if (!p.publishing) {
                    return t.refuse(ErrorCode.MEDIA_NOT_PUBLISHING, "not publishing: " + target);
                }
            }
            return t.media(new MediaAction.Subscribe(m.id, s.participants()));
        }
        if (message instanceof ClientMessage.Answer a) {
            return t.media(new MediaAction.StartReceiving(m.id, a.sdp()));
        }
        if (message instanceof ClientMessage.Trickle tr) {
            return t.media(new MediaAction.Trickle(m.id, tr.target(), tr.candidate()));
        }
        if (message instanceof ClientMessage.RestartIce r) {
            return IceRestarts.decide(m.id, m.role, m.publishing, r, t);
        }
        throw new IllegalArgumentException("unhandled message " + message.getClass().getSimpleName());
    }
}
