package org.lianxin.signaling.live;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.token.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A host's admission of someone waiting, recorded through the rooms' {@link AdmissionGate} before the room admits
 * (issue 14: an admission the database cannot record is refused with {@code ROOM_ADMISSION_NOT_RECORDED}, the
 * petitioner keeps waiting, no admission event). The gate writes to the database on the host's connection thread,
 * outside the room's lock; meanwhile the streams held for the admission are already sent (issue 10:
 * {@link MediaSession#admitting}, the publishers' keyframes on their way during the write) — the pages are told
 * whose they are, and the recording starts, only once the room admits. Whatever the outcome,
 * {@link MediaSession#admissionSettled} then pauses again what the admission did not take.
 *
 * <p>Part of {@link LiveRoom}; takes the room's lock for each read of the room and each media step.
 */
final class AdmissionRecording {

    private static final Logger log = LoggerFactory.getLogger(AdmissionRecording.class);

    /** What became of an admission message before the room sees it. */
    enum Outcome {
        /** Not an admission from the lobby (or no gate): the room handles the message as it is. */
        NOT_GATED,
        /** Recorded: the room admits (then call {@link MediaSession#admissionSettled}). */
        RECORDED,
        /** Not recorded: refused, the host told; the room does not see the message. */
        REFUSED
    }

    private final String roomId;
    private final ReentrantLock lock;
    private final Room room;
    private final MediaSession media;
    private final RoomConnections connections;

    AdmissionRecording(String roomId, ReentrantLock lock, Room room, MediaSession media, RoomConnections connections) {
        this.roomId = roomId;
        this.lock = lock;
        this.room = room;
        this.media = media;
        this.connections = connections;
    }

    /** Records {@code admit} by {@code hostId} through {@code gate} if it admits someone waiting. Without the lock. */
    Outcome record(String hostId, ClientMessage.Admit admit, String correlation, AdmissionGate gate) {
        if (gate == AdmissionGate.OPEN) {
            return Outcome.NOT_GATED;
        }
        String admitted = admit.participantId();
        Optional<Role> waiting;
        lock.lock();
        try {
            waiting = room.waitingToBeAdmittedBy(hostId, admitted);
            if (waiting.isPresent()) {
                media.admitting(admitted); // the held streams go out while the database writes
            }
        } finally {
            lock.unlock();
        }
        if (waiting.isEmpty()) {
            return Outcome.NOT_GATED;
        }
        long started = System.nanoTime();
        try (var mdc = MDC.putCloseable("room", roomId)) {
            gate.admitting(room.session(), roomId, admitted, waiting.get());
            log.info("room {}: admission of {} recorded in {} ms", roomId, admitted,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
            return Outcome.RECORDED;
        } catch (RuntimeException e) {
            log.warn("room {}: admission of {} refused, it could not be recorded: {}", roomId, admitted, e.toString());
            lock.lock();
            try {
                media.admissionSettled(admitted); // nothing admitted: what was sent early is paused again
            } finally {
                lock.unlock();
            }
            ErrorCode code = ErrorCode.ROOM_ADMISSION_NOT_RECORDED;
            connections.send(hostId, new ServerMessage.Failure(code, code.defaultMessage(), correlation));
            return Outcome.REFUSED;
        }
    }
}
