package org.lianxin.web.consultation;

import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.RoomEvent;
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
 * Consultations follow their rooms: the end of the room by its host (or from outside) ends the
 * consultation; a server shutdown leaves it OPEN (its room reopens on the next token).
 */
@Component
@Order(0) // before live.PlacedRooms gives the room's lease up after its end
class ConsultationSessions implements LiveRoomListener {
    private static final Logger log = LoggerFactory.getLogger(ConsultationSessions.class);

    private final Consultations consultations;
    private final SystemActor system;
    private final RoomPlacement placement;

    ConsultationSessions(Consultations consultations, SystemActor system, RoomPlacement placement) {
        this.consultations = consultations;
        this.system = system;
        this.placement = placement;
    }

    @Override
    public void onRoomEvent(RoomSubject subject, RoomEvent event) {
        if (subject instanceof RoomSubject.Consultation consultation) {
            event.accept(new Follow(consultation));
        } // a reception's booking follows its room in reception.BookingSessions
    }

    /** What each room event does to the consultation: only the end of the session ends it. */
    private final class Follow implements RoomEvent.Visitor<Void> {
        private final RoomSubject.Consultation subject;

        Follow(RoomSubject.Consultation subject) {
            this.subject = subject;
        }

        @Override
        public Void sessionEnded(RoomEvent.SessionEnded ended) {
            long id = subject.consultationId();
            if (ended.reason() == ServerMessage.EndReason.SERVER) {
                log.info("consultation {}: room {} closed by the server; consultation left open", id,
                        subject.roomId());
                return null;
            }
            try (var mdc = MDC.putCloseable("consultation", Long.toString(id))) {
                // fenced: in the write's transaction, this instance must still own the room with its epoch
                Consultation c = placement.fenced(subject.roomId(), () -> consultations.end(system.get(), id));
                log.info("consultation {}: room {} ended ({}): {}", c.id(), subject.roomId(), ended.reason(),
                        c.state());
            } catch (SchedulerException e) {
                log.warn("consultation {}: could not end it after its room ended: {} ({})", id, e.getMessage(),
                        e.rule());
            } catch (LeaseLostException e) {
                log.warn("consultation {}: not ended: this instance no longer owns room {} ({})", id,
                        subject.roomId(), e.rule());
            }
            return null;
        }

        @Override
        public Void participantEntered(RoomEvent.ParticipantEntered e) {
            return null;
        }

        @Override
        public Void participantAdmitted(RoomEvent.ParticipantAdmitted e) {
            return null;
        }

        @Override
        public Void participantLeft(RoomEvent.ParticipantLeft e) {
            return null; // the host may come back; only the end of the session ends the consultation
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
}
