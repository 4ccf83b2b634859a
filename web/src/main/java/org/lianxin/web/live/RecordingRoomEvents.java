package org.lianxin.web.live;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.live.RoomEventListener;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionKind;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Recordings follow their rooms: every room event goes into the recording's timeline; receptions
 * are captured from the petitioner's admission, consultations while recording is on (set when the
 * consultation was made, or by its host); publishers are captured while they publish; the end of
 * the session ends the recording. Runs on a thread of its own, in the rooms' order, so that
 * opening and closing captures never holds up the other listeners.
 */
@Component
class RecordingRoomEvents implements RoomEventListener, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RecordingRoomEvents.class);

    private final RecordingService recordings;
    private final RecordingCatalog catalog;
    private final Bookings bookings;
    private final Consultations consultations;
    private final SystemActor system;
    private final Map<String, RecordingService.Subject> subjects = new ConcurrentHashMap<>();
    private volatile ExecutorService worker = newWorker();
    private volatile boolean running;

    RecordingRoomEvents(RecordingService recordings, RecordingCatalog catalog, Bookings bookings,
                        Consultations consultations, SystemActor system) {
        this.recordings = recordings;
        this.catalog = catalog;
        this.bookings = bookings;
        this.consultations = consultations;
        this.system = system;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "recording-room-events");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onRoomEvent(String roomId, SessionRef session, RoomEvent event) {
        worker.execute(() -> {
            try (var mdc = MDC.putCloseable("room", roomId)) {
                handle(roomId, session, event);
            } catch (RuntimeException e) {
                log.error("room {}: recording could not follow {}", roomId, event.getClass().getSimpleName(), e);
            }
        });
    }

    private void handle(String roomId, SessionRef session, RoomEvent event) {
        RecordingService.Subject subject = subject(roomId, session);
        if (subject == null) {
            return;
        }
        Instant at = event.at();
        if (event instanceof RoomEvent.ParticipantEntered e) {
            if (subject.kind() == Recording.Kind.RECEPTION && e.role() == Role.PETITIONER) {
                copyCheckIn(subject, subject.bookingId()); // the kiosk checks in after the host opened the room
            }
            timeline(subject, at, "JOINED", e.participantId(), e.role(), e.inLobby() ? "waiting in the lobby" : null);
        } else if (event instanceof RoomEvent.ParticipantAdmitted e) {
            timeline(subject, at, "ADMITTED", e.participantId(), e.role(), null);
            if (subject.kind() == Recording.Kind.RECEPTION && e.role() == Role.PETITIONER) {
                copyCheckIn(subject, subject.bookingId());
                recordings.start(subject, at);
            }
        } else if (event instanceof RoomEvent.PublishingStarted e) {
            timeline(subject, at, "PUBLISHING", e.participantId(), e.role(), null);
            recordings.publishingStarted(subject, e.participantId(), e.displayName(), e.role().name(), at);
        } else if (event instanceof RoomEvent.PublishingStopped e) {
            timeline(subject, at, "STOPPED_PUBLISHING", e.participantId(), e.role(), null);
            recordings.publishingStopped(roomId, e.participantId(), at);
        } else if (event instanceof RoomEvent.MediaMuted e) {
            timeline(subject, at, e.muted() ? "MUTED" : "UNMUTED", e.participantId(), e.role(),
                    e.kind().name().toLowerCase(java.util.Locale.ROOT) + " by " + e.byParticipantId());
        } else if (event instanceof RoomEvent.ParticipantLeft e) {
            timeline(subject, at, "LEFT", e.participantId(), e.role(), e.reason().name());
            recordings.publishingStopped(roomId, e.participantId(), at);
        } else if (event instanceof RoomEvent.MediaNodeLost e) {
            recordings.mediaLost(roomId, at, e.reason());
        } else if (event instanceof RoomEvent.MediaNodeRestored) {
            timeline(subject, at, "MEDIA_RESTORED", null, null, null);
        } else if (event instanceof RoomEvent.SessionEnded e) {
            timeline(subject, at, "ENDED", null, null, e.reason().name());
            boolean shutdown = e.reason() == ServerMessage.EndReason.SERVER;
            recordings.finish(roomId, at, shutdown ? Recording.Status.INTERRUPTED : Recording.Status.COMPLETED,
                    shutdown ? "recording server shut down" : null);
            subjects.remove(roomId);
        }
    }

    private void timeline(RecordingService.Subject subject, Instant at, String type, String participantId, Role role,
                          String detail) {
        recordings.event(subject, new Manifest.TimelineEntry(at, type, participantId, role == null ? null : role.name(),
                detail));
    }

    /** What the room is about (looked up once per room); null if it cannot be recorded. */
    private RecordingService.Subject subject(String roomId, SessionRef session) {
        RecordingService.Subject known = subjects.get(roomId);
        if (known != null) {
            return known;
        }
        try {
            long id = Long.parseLong(session.id());
            RecordingService.Subject s;
            if (session.kind() == SessionKind.RECEPTION) {
                Booking b = bookings.get(system.get(), id);
                s = new RecordingService.Subject(Recording.Kind.RECEPTION, roomId, id, null, b.caseId(),
                        b.terminalOfficeId());
                subjects.put(roomId, s);
                copyCheckIn(s, id);
            } else {
                Consultation c = consultations.get(system.get(), id);
                s = new RecordingService.Subject(Recording.Kind.CONSULTATION, roomId, null, id, c.caseId(),
                        c.hostOfficeId());
                subjects.put(roomId, s);
                if (c.recording()) {
                    recordings.setRecording(s, true, "consultation settings");
                }
            }
            return s;
        } catch (NumberFormatException | SchedulerException e) {
            log.warn("room {}: no recording, the session {} {} could not be looked up: {}", roomId, session.kind(),
                    session.id(), e.getMessage());
            return null;
        }
    }

    /** The booking's check-in goes first into the reception's timeline. */
    private void copyCheckIn(RecordingService.Subject s, long bookingId) {
        Recording r = recordings.open(s);
        if (catalog.timeline(r.id()).stream().anyMatch(e -> e.type().equals("CHECKED_IN"))) {
            return;
        }
        for (BookingEvent e : bookings.history(system.get(), bookingId)) {
            if (e.kind().equals("CHECKED_IN")) {
                catalog.addEvent(r.id(), new Manifest.TimelineEntry(e.at(), "CHECKED_IN", null, null, "by " + e.actor()));
            }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        if (worker.isShutdown()) {
            worker = newWorker();
        }
        running = true;
    }

    /** After the live rooms ended their sessions: the recordings' end is carried out before they close. */
    @Override
    public void stop() {
        running = false;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(20, TimeUnit.SECONDS)) {
                log.warn("recording: room events still pending at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 500;
    }
}
