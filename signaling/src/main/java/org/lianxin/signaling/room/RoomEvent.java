package org.lianxin.signaling.room;

import java.time.Instant;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.Role;

/**
 * What happened in the room, for those outside the browser protocol: bookings (the first
 * admitted petitioner → IN_SESSION; {@link SessionEnded} → COMPLETED), the recording's timeline,
 * the audit log.
 */
public sealed interface RoomEvent {

    Instant at();

    /** A participant entered for the first time (into the lobby, or straight into the session). */
    record ParticipantEntered(String participantId, Role role, boolean inLobby, Instant at) implements RoomEvent {
    }

    /** The host admitted a waiting participant. */
    record ParticipantAdmitted(String participantId, Role role, Instant at) implements RoomEvent {
    }

    /** A participant left, was removed, or did not come back within the grace period. */
    record ParticipantLeft(String participantId, Role role, LeaveReason reason, Instant at) implements RoomEvent {
    }

    /** The session ended. */
    record SessionEnded(EndReason reason, Instant at) implements RoomEvent {
    }

    /**
     * The participant's publisher peer connection is up on the media node: its feed can be
     * subscribed to and forwarded (a recorder starts its tracks here, e.g. with
     * {@code LiveRooms.forward}). Seen again after every re-publish (a reconnect, a media node restart).
     */
    record PublishingStarted(String participantId, Role role, String displayName, Instant at) implements RoomEvent {
    }

    /**
     * The participant's feed stopped: it stopped publishing, left, was removed, timed out, the
     * session ended, or the media node was lost. Its forwarders are gone with it.
     */
    record PublishingStopped(String participantId, Role role, Instant at) implements RoomEvent {
    }

    /**
     * The host muted or unmuted one medium of a participant server-side (the node stops relaying it
     * to everyone, forwarders included).
     *
     * @param byParticipantId the host who did it
     */
    record MediaMuted(String participantId, Role role, MediaKind kind, boolean muted, String byParticipantId,
            Instant at) implements RoomEvent {
    }

    /**
     * The connection to the media node was lost: every feed stopped ({@link PublishingStopped} for
     * each came before this); the room stays open and recovers when the node is back.
     *
     * @param reason a short technical reason (no secrets)
     */
    record MediaNodeLost(String reason, Instant at) implements RoomEvent {
    }

    /**
     * The media node is back and the room's media room was made again; the participants were told to
     * publish and subscribe again ({@link PublishingStarted} follows for each who does).
     */
    record MediaNodeRestored(Instant at) implements RoomEvent {
    }
}
