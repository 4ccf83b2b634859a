package org.lianxin.signaling.room;

import java.time.Instant;
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
}
