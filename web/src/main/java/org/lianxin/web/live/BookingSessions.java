package org.lianxin.web.live;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.live.RoomEventListener;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionKind;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Bookings follow their rooms: the first admission of the petitioner starts the session
 * (CHECKED_IN → IN_SESSION), the end of the session by the host or the schedule completes it
 * (IN_SESSION → COMPLETED); a server shutdown leaves it as it is. These
 * transitions are made by the system actor: the room already checked who may admit and end.
 */
@Component
class BookingSessions implements RoomEventListener {
    private static final Logger log = LoggerFactory.getLogger(BookingSessions.class);

    private final Bookings bookings;
    private final SystemActor systemActor;

    BookingSessions(Bookings bookings, SystemActor systemActor) {
        this.bookings = bookings;
        this.systemActor = systemActor;
    }

    @Override
    public void onRoomEvent(String roomId, SessionRef session, RoomEvent event) {
        if (session.kind() != SessionKind.RECEPTION) {
            return;
        }
        long bookingId;
        try {
            bookingId = Long.parseLong(session.id());
        } catch (NumberFormatException e) {
            log.warn("room {}: session id {} is not a booking id", roomId, session.id());
            return;
        }
        try (var mdc = MDC.putCloseable("booking", Long.toString(bookingId))) {
            if (event instanceof RoomEvent.ParticipantAdmitted a && a.role() == Role.PETITIONER) {
                Booking b = bookings.get(system(), bookingId);
                if (b.state() == BookingState.CHECKED_IN) {
                    bookings.startSession(system(), bookingId);
                    log.info("booking {}: petitioner admitted in room {}: IN_SESSION", bookingId, roomId);
                }
            } else if (event instanceof RoomEvent.SessionEnded ended) {
                if (ended.reason() == ServerMessage.EndReason.SERVER) {
                    // a shutdown is no end of the reception: the booking stays as it is, the room reopens
                    log.info("booking {}: room {} closed by the server; booking left as it is", bookingId, roomId);
                    return;
                }
                Booking b = bookings.get(system(), bookingId);
                if (b.state() == BookingState.IN_SESSION) {
                    bookings.complete(system(), bookingId);
                    log.info("booking {}: session in room {} ended ({}): COMPLETED", bookingId, roomId, ended.reason());
                } else {
                    log.info("booking {}: room {} ended ({}) with the booking {}", bookingId, roomId, ended.reason(),
                            b.state());
                }
            }
        } catch (SchedulerException e) {
            log.warn("booking {}: could not follow room event {}: {} ({})", bookingId, event.getClass().getSimpleName(),
                    e.getMessage(), e.rule());
        }
    }

    private Actor system() {
        return systemActor.get();
    }
}
