package org.lianxin.web.live;

import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.web.bookings.BookingClosed;
import org.lianxin.web.consultations.ConsultationEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rooms follow the schedule: a booking cancelled or marked no-show, or a consultation ended
 * through the API, ends its open room (participants get {@code ended}, reason SCHEDULE).
 */
@Component
class ScheduleRoomEnds {
    private static final Logger log = LoggerFactory.getLogger(ScheduleRoomEnds.class);

    private final LiveRooms rooms;

    ScheduleRoomEnds(LiveRooms rooms) {
        this.rooms = rooms;
    }

    @EventListener
    void bookingClosed(BookingClosed closed) {
        String roomId = LiveSessions.roomIdOf(closed.bookingId());
        if (rooms.end(roomId, ServerMessage.EndReason.SCHEDULE)) {
            log.info("booking {}: {}, room {} ended", closed.bookingId(), closed.state(), roomId);
        }
    }

    @EventListener
    void consultationEnded(ConsultationEnded ended) {
        String roomId = LiveSessions.consultationRoomIdOf(ended.consultationId());
        if (rooms.end(roomId, ServerMessage.EndReason.SCHEDULE)) {
            log.info("consultation {}: ended, room {} ended", ended.consultationId(), roomId);
        }
    }
}
