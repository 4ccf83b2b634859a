package org.lianxin.web.live;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.live.RoomEventListener;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionKind;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The lobby's estimated wait: while the host is still in another session (a booking of theirs
 * IN_SESSION), a petitioner waiting in the lobby of the next one is told when the host is expected
 * free — that session's scheduled end, or, once that is past, now plus the room's turn estimate.
 * Fed when the petitioner enters the lobby, and again for the host's waiting rooms whenever one of
 * the host's sessions starts or ends.
 */
@Component
class LobbyWaits implements RoomEventListener {
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
    public void onRoomEvent(String roomId, SessionRef session, RoomEvent event) {
        if (session.kind() != SessionKind.RECEPTION) {
            return;
        }
        long bookingId;
        try {
            bookingId = Long.parseLong(session.id());
        } catch (NumberFormatException e) {
            return;
        }
        try {
            if (event instanceof RoomEvent.ParticipantEntered e && e.role() == Role.PETITIONER && e.inLobby()) {
                refresh(bookingId, bookingId);
            } else if (event instanceof RoomEvent.SessionEnded
                    || event instanceof RoomEvent.ParticipantAdmitted a && a.role() == Role.PETITIONER) {
                Booking changed = bookings.get(system.get(), bookingId);
                Long ignore = event instanceof RoomEvent.SessionEnded ? bookingId : null;
                for (Booking waiting : bookings.list(system.get(), new BookingQuery(null, changed.officialId(), null,
                        null, BookingState.CHECKED_IN, null, null))) {
                    if (waiting.id() != bookingId) {
                        refresh(waiting.id(), ignore);
                    }
                }
            }
        } catch (SchedulerException e) {
            log.warn("booking {}: could not update the lobby wait: {} ({})", bookingId, e.getMessage(), e.rule());
        }
    }

    /** Tells the booking's room when its host is expected free, leaving out the session {@code ignore}. */
    private void refresh(long bookingId, Long ignore) {
        LiveRooms live = rooms.getObject();
        String roomId = LiveSessions.roomIdOf(bookingId);
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
