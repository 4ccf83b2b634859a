package org.lianxin.web.recording;

import java.time.Clock;
import org.lianxin.recording.Recording;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.ScheduleEvent.BookingClosed;
import org.lianxin.scheduler.ScheduleEvent.ConsultationEnded;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.web.live.RoomSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Recordings follow the schedule: a booking closed (cancelled, marked no-show, ended as interrupted) or a consultation
 * ended — by any path, as the scheduler tells it after commit — ends the session's recording. If its room is open,
 * the room's own end does it ({@link RecordingRoomEvents}: the feature that owns the room ends it, and its
 * {@code SessionEnded} ends the recording with the rest of the room's timeline); else the recording still open for
 * the session ends here (a consultation whose host turned recording on before anyone joined; a reception whose
 * recording only the kiosk's notice opened): COMPLETED (EMPTY without media), INTERRUPTED for a booking ended as
 * interrupted.
 *
 * <p>Told first ({@link Order}), before the features that end the session's room, so that "open" is read before
 * they end it.
 */
@Component
class RecordingScheduleEnds {
    private static final Logger log = LoggerFactory.getLogger(RecordingScheduleEnds.class);

    private final LiveRooms rooms;
    private final RecordingRoomEvents roomEvents;
    private final Clock clock;

    RecordingScheduleEnds(LiveRooms rooms, RecordingRoomEvents roomEvents, Clock clock) {
        this.rooms = rooms;
        this.roomEvents = roomEvents;
        this.clock = clock;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void bookingClosed(BookingClosed closed) {
        Recording.Status status = closed.state() == BookingState.INTERRUPTED ? Recording.Status.INTERRUPTED
                : Recording.Status.COMPLETED;
        sessionClosed(RoomSubject.reception(closed.bookingId()), status, "booking " + closed.state());
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void consultationEnded(ConsultationEnded ended) {
        sessionClosed(RoomSubject.consultation(ended.consultationId()), Recording.Status.COMPLETED,
                "consultation ended");
    }

    private void sessionClosed(RoomSubject subject, Recording.Status status, String why) {
        try {
            if (rooms.isOpen(subject.roomId())) {
                log.debug("room {}: {}; the recording ends with the room", subject.roomId(), why);
                return;
            }
            roomEvents.sessionClosedWithoutRoom(subject, status, why, clock.instant());
        } catch (RuntimeException e) { // never into the scheduler's after-commit call (the change has committed)
            log.error("room {}: {}, but its recording could not be told to end", subject.roomId(), why, e);
        }
    }
}
