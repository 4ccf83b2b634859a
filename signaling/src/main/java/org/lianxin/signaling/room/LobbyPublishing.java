package org.lianxin.signaling.room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;

/**
 * Publishing to nobody while waiting in the lobby, so that the host's admission is only
 * subscriptions: a waiting participant may open its publisher endpoint on the media node (publish
 * and trickle for it), and nothing else. The endpoint is invisible until admission: its feed is not
 * shown as publishing to anyone, a subscribe naming it is refused, no {@link RoomEvent.PublishingStarted}
 * is raised (so nothing records or forwards it). At admission a feed that is up is revealed at once
 * (shown as publishing, {@link RoomEvent.PublishingStarted} after {@link RoomEvent.ParticipantAdmitted});
 * a participant who leaves the lobby otherwise (denied, left, timed out) has its endpoint closed.
 *
 * <p>Part of {@link Room}'s state: pure, not thread-safe, called under the room's lock.
 */
final class LobbyPublishing {

    /** Waiting participants who asked to publish (their endpoint may exist on the node). */
    private final Set<String> asked = new HashSet<>();
    /** Waiting participants who made their receiving connection (a subscriber endpoint that carries nothing). */
    private final Set<String> receiving = new HashSet<>();
    /** Waiting participants whose feed the media layer reports up. */
    private final Set<String> up = new HashSet<>();

    /** What a waiting participant is told right after it joins (or resumes, or the node is back): publish now. */
    static ServerMessage invitation() {
        return new ServerMessage.PrepareMedia();
    }

    /**
     * Whether a waiting participant may send this message: its own publisher's offer and candidates, and the
     * making of its receiving connection, which carries nothing until admission ({@link ReceivingConnection}).
     */
    static boolean allowedWhileWaiting(ClientMessage message) {
        if (message instanceof ClientMessage.Publish || ReceivingConnection.allowedWhileWaiting(message)) {
            return true;
        }
        return message instanceof ClientMessage.Trickle tr && tr.target() == PeerConnectionKind.PUBLISHER;
    }

    /** The waiting participant's publish: its endpoint will exist on the node until it is admitted or leaves. */
    void asked(String participantId) {
        asked.add(participantId);
    }

    /** The waiting participant made its receiving connection: closed with its publisher if it leaves the lobby. */
    void askedReceiving(String participantId) {
        receiving.add(participantId);
    }

    /** The media layer's report on a waiting participant's feed (told to nobody). */
    void reported(String participantId, boolean publishing) {
        if (publishing) {
            up.add(participantId);
        } else {
            up.remove(participantId);
        }
    }

    /** Whether the waiting participant's feed is up (for diagnostics and tests). */
    boolean isUp(String participantId) {
        return up.contains(participantId);
    }

    /** The participant was admitted: whether its feed is up already (then it publishes from now on). */
    boolean admitted(String participantId) {
        asked.remove(participantId);
        receiving.remove(participantId);
        return up.remove(participantId);
    }

    /** The participant left the lobby without admission: its endpoints are closed if it asked for them. */
    List<MediaAction> leftLobby(String participantId, boolean removedByHost) {
        up.remove(participantId);
        List<MediaAction> close = new ArrayList<>();
        if (asked.remove(participantId)) {
            close.add(new MediaAction.StopPublishing(participantId, removedByHost));
        }
        if (receiving.remove(participantId)) {
            close.add(new MediaAction.StopForwardingTo(participantId));
        }
        return close;
    }

    /** The media node was lost: no feed is up; those who asked are told to publish again when it is back. */
    void nodeLost() {
        up.clear();
    }

    /** The session ended: the media room and every endpoint on it are closed. */
    void clear() {
        asked.clear();
        receiving.clear();
        up.clear();
    }
}
