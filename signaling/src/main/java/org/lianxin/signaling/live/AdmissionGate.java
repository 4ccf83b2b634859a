package org.lianxin.signaling.live;

import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * What must be written before a participant waiting in a room's lobby is admitted (issue 14: an admission the
 * database cannot record is refused, not half-done): for a reception, the booking's start of the session. Asked when
 * the room's HOST admits someone who is waiting, on the host's connection thread and never under the room's lock; if
 * it throws, the admission does not happen and the host is told {@code ROOM_ADMISSION_NOT_RECORDED} (the petitioner
 * keeps waiting and can be admitted again). What the room's listeners do after the admission (recording, lobby
 * figures) follows as before.
 */
@FunctionalInterface
public interface AdmissionGate {
    /** Writes nothing (one instance without a database, tests). */
    AdmissionGate OPEN = (session, roomId, participantId, role) -> {
    };

    /**
     * Records that {@code participantId} ({@code role}) is being admitted into room {@code roomId} of {@code session}.
     *
     * @throws RuntimeException if it could not be recorded (the admission is refused)
     */
    void admitting(SessionRef session, String roomId, String participantId, Role role);
}
