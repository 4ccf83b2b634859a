package org.lianxin.signaling.room;

import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.token.Role;

/**
 * The receiving connection made ahead ({@link ClientMessage.PrepareReceive}), so that a subscription — above all the
 * host's admission — only adds streams to a connection whose ICE and DTLS are done. A pure rule: facts in, the
 * transition's refusal or media action out.
 *
 * <p>The connection carries the participant's OWN feed, which the media layer tells the node not to send: it
 * receives nothing of anyone. So a waiting participant may make it, answer its offer and trickle for it without
 * learning or seeing anything ({@link LobbyPublishing}); subscribing to others stays refused until admission.
 * An observer has no feed of its own and subscribes the usual way.
 */
final class ReceivingConnection {

    private ReceivingConnection() {
    }

    /** Whether a waiting participant may send this message: its receiving connection's request, answer, candidates. */
    static boolean allowedWhileWaiting(ClientMessage message) {
        if (message instanceof ClientMessage.PrepareReceive || message instanceof ClientMessage.Answer) {
            return true;
        }
        return message instanceof ClientMessage.Trickle tr && tr.target() == PeerConnectionKind.SUBSCRIBER;
    }

    /**
     * A participant asks for its receiving connection.
     *
     * @param lobby the lobby's state if the participant waits there (its connection is closed if it leaves it), else
     *              null
     */
    static Transition.Builder decide(String participantId, Role role, LobbyPublishing lobby, Transition.Builder t) {
        if (role == Role.OBSERVER) {
            return t.refuse(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE, "observers have no feed of their own: subscribe");
        }
        if (lobby != null) {
            lobby.askedReceiving(participantId);
        }
        return t.media(new MediaAction.PrepareReceiving(participantId));
    }
}
