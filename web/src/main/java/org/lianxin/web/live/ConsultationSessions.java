package org.lianxin.web.live;

import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.live.RoomEventListener;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.SessionKind;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Consultations follow their rooms: the end of the room by its host (or from outside) ends the
 * consultation; a server shutdown leaves it OPEN (its room reopens on the next token).
 */
@Component
class ConsultationSessions implements RoomEventListener {
    private static final Logger log = LoggerFactory.getLogger(ConsultationSessions.class);

    private final Consultations consultations;
    private final SystemActor system;

    ConsultationSessions(Consultations consultations, SystemActor system) {
        this.consultations = consultations;
        this.system = system;
    }

    @Override
    public void onRoomEvent(String roomId, SessionRef session, RoomEvent event) {
        if (session.kind() != SessionKind.CONSULTATION || !(event instanceof RoomEvent.SessionEnded ended)) {
            return;
        }
        if (ended.reason() == ServerMessage.EndReason.SERVER) {
            log.info("consultation {}: room {} closed by the server; consultation left open", session.id(), roomId);
            return;
        }
        try (var mdc = MDC.putCloseable("consultation", session.id())) {
            Consultation c = consultations.end(system.get(), Long.parseLong(session.id()));
            log.info("consultation {}: room {} ended ({}): {}", c.id(), roomId, ended.reason(), c.state());
        } catch (NumberFormatException e) {
            log.warn("room {}: session id {} is not a consultation id", roomId, session.id());
        } catch (SchedulerException e) {
            log.warn("consultation {}: could not end it after its room ended: {} ({})", session.id(), e.getMessage(),
                    e.rule());
        }
    }
}
