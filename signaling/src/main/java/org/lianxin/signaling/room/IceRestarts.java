package org.lianxin.signaling.room;

import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.token.Role;

/**
 * Whether an admitted participant may restart ICE on one of its peer connections (the media path
 * failed while its signaling connection lives), and what the media layer must do then. A pure rule:
 * facts in, the transition's refusal or media action out.
 *
 * <p>The publisher connection: only for a participant that publishes now (after a failed or lost
 * feed, and for observers, there is nothing to restart: the page publishes anew). The subscriber
 * connection: the media layer knows whether there is one (it refuses with
 * {@link ErrorCode#MEDIA_ICE_RESTART_FAILED} if not).
 */
final class IceRestarts {

    private IceRestarts() {
    }

    static Transition.Builder decide(String participantId, Role role, boolean publishing, ClientMessage.RestartIce r,
                                     Transition.Builder t) {
        if (r.target() == PeerConnectionKind.PUBLISHER) {
            if (role == Role.OBSERVER) {
                return t.refuse(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE, "observers receive only");
            }
            if (!publishing) {
                return t.refuse(ErrorCode.MEDIA_NOTHING_TO_RESTART, "not publishing: publish again instead");
            }
        }
        return t.media(new MediaAction.RestartIce(participantId, r.target(), r.sdp()));
    }
}
