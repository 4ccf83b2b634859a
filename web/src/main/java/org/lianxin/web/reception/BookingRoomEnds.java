package org.lianxin.web.reception;

import org.lianxin.scheduler.ScheduleEvent.BookingClosed;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.web.live.RoomSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reception rooms follow the schedule: a booking closed before its session ran to its end — cancelled, marked
 * no-show or ended as interrupted, by any path, as the scheduler tells it after commit (republished by
 * {@code config.SchedulerConfiguration}) — ends its open room (participants get {@code ended}, reason SCHEDULE).
 */
@Component
class BookingRoomEnds {
    private static final Logger log = LoggerFactory.getLogger(BookingRoomEnds.class);

    private final LiveRooms rooms;

    BookingRoomEnds(LiveRooms rooms) {
        this.rooms = rooms;
    }

    @EventListener
    void bookingClosed(BookingClosed closed) {
        String roomId = RoomSubject.reception(closed.bookingId()).roomId();
        if (rooms.isOpen(roomId) && rooms.end(roomId, ServerMessage.EndReason.SCHEDULE)) {
            log.info("booking {}: {}, room {} ended", closed.bookingId(), closed.state(), roomId);
        }
    }
}
