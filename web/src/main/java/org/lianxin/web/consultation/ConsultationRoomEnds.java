package org.lianxin.web.consultation;

import org.lianxin.scheduler.ScheduleEvent.ConsultationEnded;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.web.live.RoomSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Consultation rooms follow the schedule: a consultation ended — by any path, as the scheduler tells it after
 * commit (republished by {@code config.SchedulerConfiguration}) — ends its open room (participants get
 * {@code ended}, reason SCHEDULE).
 */
@Component
class ConsultationRoomEnds {
    private static final Logger log = LoggerFactory.getLogger(ConsultationRoomEnds.class);

    private final LiveRooms rooms;

    ConsultationRoomEnds(LiveRooms rooms) {
        this.rooms = rooms;
    }

    @EventListener
    void consultationEnded(ConsultationEnded ended) {
        String roomId = RoomSubject.consultation(ended.consultationId()).roomId();
        // also told when the room's own end ended the consultation: that room is ended already
        if (rooms.isOpen(roomId) && rooms.end(roomId, ServerMessage.EndReason.SCHEDULE)) {
            log.info("consultation {}: ended, room {} ended", ended.consultationId(), roomId);
        }
    }
}
