package org.lianxin.web.reception;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.live.AdmissionGate;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.cluster.LeaseLostException;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.live.LiveRoomListener;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Bookings follow their rooms: the first admission of the petitioner starts the session
 * (CHECKED_IN → IN_SESSION), the end of the session by the host or the schedule completes it
 * (IN_SESSION → COMPLETED); a server shutdown leaves it as it is (and if nobody continues it, {@link
 * InterruptedSessions} ends it after its slot). These transitions are made by the system actor:
 * the room already checked who may admit and end. First of the listeners: {@link LobbyWaits} reads the state it
 * changed.
 *
 * <p>The session starts <em>before</em> the admission, as the room's {@link AdmissionGate} (issue 14): an admission
 * whose start cannot be written — the database unreachable, or this instance no longer the room's owner — is refused
 * ({@code ROOM_ADMISSION_NOT_RECORDED}) and the petitioner keeps waiting, instead of a reception that runs while its
 * booking never leaves CHECKED_IN. The admission's event then finds the booking IN_SESSION already. (The live rooms
 * take it as their gate: {@code live.LiveConfiguration}.)
 */
@Component
@Order(BookingSessions.ORDER)
class BookingSessions implements LiveRoomListener, AdmissionGate {
    private static final Logger log = LoggerFactory.getLogger(BookingSessions.class);
    static final int ORDER = 0;

    private final Bookings bookings;
    private final SystemActor systemActor;
    private final RoomPlacement placement;

    BookingSessions(Bookings bookings, SystemActor systemActor, RoomPlacement placement) {
        this.bookings = bookings;
        this.systemActor = systemActor;
        this.placement = placement;
    }

    /**
     * A petitioner is about to be admitted: the booking starts its session now, fenced by the room's placement. A
     * booking not CHECKED_IN (in session already — a petitioner admitted again after a reconnect) is left as it is; a
     * failure to read or write it refuses the admission.
     */
    @Override
    public void admitting(SessionRef session, String roomId, String participantId, Role role) {
        if (role != Role.PETITIONER
                || !(RoomSubject.of(roomId, session).orElse(null) instanceof RoomSubject.Reception reception)) {
            return; // a consultation, or a room this application did not open for a booking (not followed either)
        }
        long bookingId = reception.bookingId();
        try (var mdc = MDC.putCloseable("booking", Long.toString(bookingId))) {
            startSession(bookingId, roomId);
        } catch (SchedulerException e) {
            // a rule of the booking's, not the database: the admission goes on as before (the booking as it is)
            log.warn("booking {}: session not started at the admission in room {}: {} ({})", bookingId, roomId,
                    e.getMessage(), e.rule());
        } catch (RuntimeException e) {
            log.warn("booking {}: admission in room {} refused, its session's start could not be written: {}",
                    bookingId, roomId, e.toString());
            throw e;
        }
    }

    private void startSession(long bookingId, String roomId) {
        // fenced: in the write's transaction, this instance must still own the room with its epoch
        placement.fenced(roomId, () -> {
            Booking b = bookings.get(system(), bookingId);
            if (b.state() == BookingState.CHECKED_IN) {
                bookings.startSession(system(), bookingId);
                log.info("booking {}: petitioner admitted in room {}: IN_SESSION", bookingId, roomId);
            }
            return null;
        });
    }

    @Override
    public void onRoomEvent(RoomSubject subject, RoomEvent event) {
        if (!(subject instanceof RoomSubject.Reception reception)) {
            return; // a consultation has no booking (consultation.ConsultationSessions)
        }
        long bookingId = reception.bookingId();
        try (var mdc = MDC.putCloseable("booking", Long.toString(bookingId))) {
            event.accept(new Follow(reception));
        } catch (SchedulerException e) {
            log.warn("booking {}: could not follow room event {}: {} ({})", bookingId, event.getClass().getSimpleName(),
                    e.getMessage(), e.rule());
        } catch (LeaseLostException e) {
            log.warn("booking {}: room event {} not followed: this instance no longer owns room {} ({})", bookingId,
                    event.getClass().getSimpleName(), reception.roomId(), e.rule());
        }
    }

    /** What each room event does to the booking. */
    private final class Follow implements RoomEvent.Visitor<Void> {
        private final long bookingId;
        private final String roomId;

        Follow(RoomSubject.Reception reception) {
            this.bookingId = reception.bookingId();
            this.roomId = reception.roomId();
        }

        @Override
        public Void participantAdmitted(RoomEvent.ParticipantAdmitted e) {
            if (e.role() == Role.PETITIONER) {
                startSession(bookingId, roomId); // done by the gate already, unless the room has none
            }
            return null;
        }

        @Override
        public Void sessionEnded(RoomEvent.SessionEnded ended) {
            if (ended.reason() == ServerMessage.EndReason.SERVER) {
                // a shutdown is no end of the reception: the booking stays as it is, the room reopens
                log.info("booking {}: room {} closed by the server; booking left as it is", bookingId, roomId);
                return null;
            }
            return placement.fenced(roomId, () -> {
                Booking b = bookings.get(system(), bookingId);
                if (b.state() == BookingState.IN_SESSION) {
                    bookings.complete(system(), bookingId);
                    log.info("booking {}: session in room {} ended ({}): COMPLETED", bookingId, roomId,
                            ended.reason());
                } else {
                    log.info("booking {}: room {} ended ({}) with the booking {}", bookingId, roomId, ended.reason(),
                            b.state());
                }
                return null;
            });
        }

        // the booking's state does not follow the rest

        @Override
        public Void participantEntered(RoomEvent.ParticipantEntered e) {
            return null;
        }

        @Override
        public Void participantLeft(RoomEvent.ParticipantLeft e) {
            return null; // a petitioner who left may come back; only the end of the session completes it
        }

        @Override
        public Void publishingStarted(RoomEvent.PublishingStarted e) {
            return null;
        }

        @Override
        public Void publishingStopped(RoomEvent.PublishingStopped e) {
            return null;
        }

        @Override
        public Void mediaMuted(RoomEvent.MediaMuted e) {
            return null;
        }

        @Override
        public Void mediaNodeLost(RoomEvent.MediaNodeLost e) {
            return null; // the room stays open and recovers
        }

        @Override
        public Void mediaNodeRestored(RoomEvent.MediaNodeRestored e) {
            return null;
        }

        @Override
        public Void badLinkPeriod(RoomEvent.BadLinkPeriod e) {
            return null;
        }
    }

    private Actor system() {
        return systemActor.get();
    }
}
