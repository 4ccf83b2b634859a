package org.lianxin.web.reception;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.live.LiveRoomListener;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The lobby's estimated wait: while the host is still in another session (a booking of theirs
 * IN_SESSION), a petitioner waiting in the lobby of the next one is told when the host is expected
 * free — that session's scheduled end, or, once that is past, now plus the room's turn estimate.
 * Fed when the petitioner enters the lobby, and again for the host's waiting rooms whenever one of
 * the host's sessions starts or ends (after {@link BookingSessions} changed the booking's state).
 */
@Component
@Order(BookingSessions.ORDER + 1)
class LobbyWaits implements LiveRoomListener {
    private static final Logger log = LoggerFactory.getLogger(LobbyWaits.class);

    private final Bookings bookings;
    private final SystemActor system;
    private final ObjectProvider<LiveRooms> rooms; // LiveRooms delivers our events: looked up late
    private final Clock clock;

    LobbyWaits(Bookings bookings, SystemActor system, ObjectProvider<LiveRooms> rooms, Clock clock) {
        this.bookings = bookings;
        this.system = system;
        this.rooms = rooms;
        this.clock = clock;
    }

    @Override
    public void onRoomEvent(RoomSubject subject, RoomEvent event) {
        if (!(subject instanceof RoomSubject.Reception reception)) {
            return; // a consultation has no lobby of petitioners
        }
        long bookingId = reception.bookingId();
        try {
            event.accept(new Refresh(bookingId));
        } catch (SchedulerException e) {
            log.warn("booking {}: could not update the lobby wait: {} ({})", bookingId, e.getMessage(), e.rule());
        }
    }

    /** Which lobbies each room event refreshes. */
    private final class Refresh implements RoomEvent.Visitor<Void> {
        private final long bookingId;

        Refresh(long bookingId) {
            this.bookingId = bookingId;
        }

        @Override
        public Void participantEntered(RoomEvent.ParticipantEntered e) {
            if (e.role() == Role.PETITIONER && e.inLobby()) {
                refresh(bookingId, bookingId);
            }
            return null;
        }

        @Override
        public Void participantAdmitted(RoomEvent.ParticipantAdmitted e) {
            if (e.role() == Role.PETITIONER) {
                refreshHostsLobbies(bookingId, null); // this session now keeps the host busy
            }
            return null;
        }

        @Override
        public Void sessionEnded(RoomEvent.SessionEnded e) {
            refreshHostsLobbies(bookingId, bookingId); // this session no longer keeps the host busy
            return null;
        }

        // the host's time does not change with the rest

        @Override
        public Void participantLeft(RoomEvent.ParticipantLeft e) {
            return null;
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
            return null;
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

    /** The host's other bookings waiting (CHECKED_IN) are told the host's new wait. */
    private void refreshHostsLobbies(long bookingId, Long ignore) {
        Booking changed = bookings.get(system.get(), bookingId);
        for (Booking waiting : bookings.list(system.get(), new BookingQuery(null, changed.officialId(), null,
                null, BookingState.CHECKED_IN, null, null))) {
            if (waiting.id() != bookingId) {
                refresh(waiting.id(), ignore);
            }
        }
    }

    /** Tells the booking's room when its host is expected free, leaving out the session {@code ignore}. */
    private void refresh(long bookingId, Long ignore) {
        LiveRooms live = rooms.getObject();
        String roomId = RoomSubject.reception(bookingId).roomId();
        if (!live.isOpen(roomId)) {
            return;
        }
        Booking b = bookings.get(system.get(), bookingId);
        Instant now = clock.instant();
        Optional<Booking> busy = bookings.list(system.get(), new BookingQuery(null, b.officialId(), null, null,
                        BookingState.IN_SESSION, null, null)).stream()
                .filter(o -> o.id() != bookingId && (ignore == null || o.id() != ignore)).findFirst();
        Instant until = busy.map(o -> o.end().isAfter(now) ? o.end()
                : now.plus(live.settings().lobbyTurnEstimate())).orElse(null);
        live.hostBusyUntil(roomId, until);
        log.info("booking {}: host busy until {} (booking {})", bookingId, until, busy.map(Booking::id).orElse(null));
    }
}
