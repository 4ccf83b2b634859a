package org.lianxin.web.live;

import org.lianxin.scheduler.ScheduleEvent.BookingClosed;
import org.lianxin.scheduler.ScheduleEvent.ConsultationEnded;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rooms follow the schedule: a booking cancelled or marked no-show, or a consultation ended — by
 * any path, as the scheduler tells it after commit (republished by {@code SchedulerConfiguration})
 * — ends its open room (participants get {@code ended}, reason SCHEDULE).
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
        if (rooms.isOpen(roomId) && rooms.end(roomId, ServerMessage.EndReason.SCHEDULE)) {
            log.info("booking {}: {}, room {} ended", closed.bookingId(), closed.state(), roomId);
        }
    }

    @EventListener
    void consultationEnded(ConsultationEnded ended) {
        String roomId = LiveSessions.consultationRoomIdOf(ended.consultationId());
        // also told when the room's own end ended the consultation: that room is ended already
        if (rooms.isOpen(roomId) && rooms.end(roomId, ServerMessage.EndReason.SCHEDULE)) {
            log.info("consultation {}: ended, room {} ended", ended.consultationId(), roomId);
        }
    }
}
