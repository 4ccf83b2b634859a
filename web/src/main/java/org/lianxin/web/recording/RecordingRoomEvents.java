package org.lianxin.web.recording;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.live.LiveRoomListener;
import org.lianxin.web.live.RoomLostHere;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Recordings follow their rooms: every room event goes into the recording's timeline; receptions are captured from
 * the petitioner's admission, consultations while recording is on (set when the consultation was made, or by its
 * host); publishers are captured while they publish; the end of the session ends the recording (INTERRUPTED when the
 * server stops, else COMPLETED). A session the schedule closes without a room to end (the booking cancelled, marked
 * no-show or interrupted, the consultation ended, while no room is open for it) ends its recording here too, in the
 * same order ({@link #sessionClosedWithoutRoom}, from {@link RecordingScheduleEnds}).
 *
 * <p>A consultation's recording switch (a REST call, on any instance behind the load balancer) is carried out by the
 * instance owning the room: told of it by {@link #consultationSwitched} when the call came here, by a notice from the
 * instance the call came through ({@link #switchNoticed}), and, as the safety net, by reading the switch of every
 * consultation it follows every {@code lianxin.recording.switch-check} ({@link #checkSwitches}); the timing and the
 * notices are {@link RecordingSwitches}'. An instance without the room never becomes its recorder (issue 14).
 *
 * <p>Runs on a thread of its own, in the rooms' order, so that opening and closing captures never holds up the other
 * listeners; it is given each event first (it only queues it), so that a room's end is queued before whatever that
 * end makes the schedule tell. Stops after the live rooms ({@link LifecyclePhases#RECORDING_ROOM_EVENTS}): the ends
 * of the sessions a stop makes are carried out before the recorder stops.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecordingRoomEvents implements LiveRoomListener, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RecordingRoomEvents.class);

    private final RecordingService recordings;
    private final RecordingCatalog catalog;
    private final Bookings bookings;
    private final Consultations consultations;
    private final SystemActor system;
    private final RoomPlacement placement;
    /** The rooms followed (from their first event to their end), with what each records; read on the worker only. */
    private final Map<String, RecordingService.Subject> followed = new ConcurrentHashMap<>();
    private volatile ExecutorService worker = newWorker();
    private volatile boolean running;
    /** A check of the switches is queued on the worker (none is queued again meanwhile). */
    private final AtomicBoolean switchCheckQueued = new AtomicBoolean();

    RecordingRoomEvents(RecordingService recordings, RecordingCatalog catalog, Bookings bookings,
                        Consultations consultations, SystemActor system, RoomPlacement placement) {
        this.placement = placement;
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
    public void onRoomEvent(RoomSubject subject, RoomEvent event) {
        String roomId = subject.roomId();
        worker.execute(() -> {
            try (var mdc = MDC.putCloseable("room", roomId)) {
                if (placement.ownedElsewhere(roomId)) { // checked right before, not in the catalog's transactions
                    log.warn("room {}: {} not recorded: another instance owns the room now", roomId,
                            event.getClass().getSimpleName());
                    return;
                }
                RecordingService.Subject recorded = followed(subject);
                if (recorded != null) {
                    event.accept(new Follow(recorded));
                }
            } catch (RuntimeException e) {
                log.error("room {}: recording could not follow {}", roomId, event.getClass().getSimpleName(), e);
            }
        });
    }

    /**
     * The schedule closed {@code subject}'s session while no room was open for it: its recording, if one is open
     * (a consultation's host turned recording on before anyone joined; the kiosk showed the recording notice, on any
     * instance), ends as {@code status} — after the events queued before, and only if the room is neither followed here
     * nor owned by another instance: such a room has its end still to come (it ended, or is ending, and its
     * {@code SessionEnded} ends the recording where the room is).
     */
    void sessionClosedWithoutRoom(RoomSubject subject, Recording.Status status, String why, Instant at) {
        String roomId = subject.roomId();
        worker.execute(() -> {
            try (var mdc = MDC.putCloseable("room", roomId)) {
                if (followed.containsKey(roomId) || placement.ownedElsewhere(roomId)) {
                    log.info("room {}: {}; the recording ends with the room", roomId, why);
                    return;
                }
                recordings.current(roomId).ifPresent(r -> {
                    catalog.addEvent(r.id(), new Manifest.TimelineEntry(at, "ENDED", null, null,
                            ServerMessage.EndReason.SCHEDULE.name()));
                    recordings.finish(roomId, at, status, null).ifPresent(done -> log.info(
                            "recording {}: {} with no room open; recording {}", done.id(), why, done.status()));
                });
            } catch (RuntimeException e) {
                log.error("room {}: recording could not end after {}", roomId, why, e);
            }
        });
    }

    /**
     * A room this instance owned was taken over by another (this one paused, or lost its lock's connection): its
     * recording, now the other instance's, is let go of here without ending it — after the events queued before.
     */
    @EventListener
    void roomLostHere(RoomLostHere lost) {
        worker.execute(() -> {
            try (var mdc = MDC.putCloseable("room", lost.roomId())) {
                followed.remove(lost.roomId());
                recordings.letGo(lost.roomId(), lost.at());
            } catch (RuntimeException e) {
                log.error("room {}: recording could not let go of the room", lost.roomId(), e);
            }
        });
    }

    /**
     * The host switched the recording of {@code subject}'s consultation on this instance (its row holds the switch
     * already): carried out here, after the events queued before, if this instance follows the room; left to the
     * instance owning the room if another does — {@code tellOwner} is run (a notice the owner follows at once,
     * {@link #switchNoticed}; its {@link #checkSwitches} is the safety net); with no room anywhere only noted in the
     * room's open recording, which whichever instance opens the room records ({@link RecordingService#switchedWithoutRoom}).
     */
    void consultationSwitched(RoomSubject.Consultation subject, String by, Runnable tellOwner) {
        String roomId = subject.roomId();
        worker.execute(() -> {
            try (var mdc = MDC.putCloseable("room", roomId)) {
                if (placement.ownedElsewhere(roomId)) {
                    log.info("room {}: recording switched through this instance; the instance owning the room is told"
                            + " and carries it out", roomId);
                    tellOwner.run();
                    return;
                }
                RecordingService.Subject here = followed.get(roomId);
                if (here != null) {
                    followSwitch(here, by);
                    return;
                }
                Consultation c = consultations.get(system.get(), subject.consultationId());
                recordings.switchedWithoutRoom(RecordingSubjects.consultation(subject, c), c.recording(), by);
            } catch (RuntimeException e) {
                log.error("room {}: the recording switch could not be carried out", roomId, e);
            }
        });
    }

    /**
     * Another instance told that the host switched {@code roomId}'s recording through it: if the room is followed here
     * (and still owned here), its switch is read and followed at once, after the events queued before.
     */
    void switchNoticed(String roomId) {
        try {
            worker.execute(() -> {
                try (var mdc = MDC.putCloseable("room", roomId)) {
                    RecordingService.Subject s = followed.get(roomId);
                    if (s != null && s.kind() == Recording.Kind.CONSULTATION && !placement.ownedElsewhere(roomId)) {
                        followSwitch(s, "the host (switched through another instance)");
                    }
                } catch (RuntimeException e) {
                    log.warn("room {}: the recording switch could not be followed: {}", roomId, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Queues {@link #checkSwitches} on the worker unless one is queued already (the poll; a notice possibly missed). */
    void checkSwitchesSoon() {
        if (switchCheckQueued.compareAndSet(false, true)) {
            try {
                worker.execute(this::checkSwitches);
            } catch (RejectedExecutionException e) {
                switchCheckQueued.set(false); // stopping
            }
        }
    }

    /**
     * On the worker, every {@code switch-check} and after a notice may have been missed: each consultation followed
     * here whose switch (its row) differs from what this instance records — the host switched it through another
     * instance — is recorded or stops.
     */
    private void checkSwitches() {
        switchCheckQueued.set(false);
        for (RecordingService.Subject s : followed.values()) {
            if (s.kind() != Recording.Kind.CONSULTATION) {
                continue;
            }
            try (var mdc = MDC.putCloseable("room", s.roomId())) {
                if (!placement.ownedElsewhere(s.roomId())) {
                    followSwitch(s, "the host (switched through another instance)");
                }
            } catch (RuntimeException e) {
                log.warn("room {}: the recording switch could not be checked: {}", s.roomId(), e.toString());
            }
        }
    }

    /** The consultation's switch as its row says now, carried out if this instance records otherwise. */
    private void followSwitch(RecordingService.Subject s, String by) {
        boolean on = consultations.get(system.get(), s.consultationId()).recording();
        if (on != recordings.isCapturing(s.roomId())) {
            recordings.setRecording(s, on, by);
        }
    }

    /** What the room records (looked up at its first event); null if it cannot be recorded. */
    private RecordingService.Subject followed(RoomSubject subject) {
        RecordingService.Subject known = followed.get(subject.roomId());
        if (known != null) {
            return known;
        }
        try {
            RecordingService.Subject s;
            if (subject instanceof RoomSubject.Reception reception) {
                s = RecordingSubjects.reception(reception, bookings.get(system.get(), reception.bookingId()));
                followed.put(subject.roomId(), s);
                copyCheckIn(s);
            } else {
                RoomSubject.Consultation consultation = (RoomSubject.Consultation) subject;
                Consultation c = consultations.get(system.get(), consultation.consultationId());
                s = RecordingSubjects.consultation(consultation, c);
                followed.put(subject.roomId(), s);
                if (c.recording()) {
                    recordings.setRecording(s, true, "consultation settings");
                }
            }
            return s;
        } catch (SchedulerException e) {
            log.warn("room {}: no recording, the session {} {} could not be looked up: {}", subject.roomId(),
                    subject.session().kind(), subject.session().id(), e.getMessage());
            return null;
        }
    }

    /** The booking's check-in goes first into the reception's timeline. */
    private void copyCheckIn(RecordingService.Subject s) {
        Recording r = recordings.open(s);
        if (catalog.timeline(r.id()).stream().anyMatch(e -> e.type().equals("CHECKED_IN"))) {
            return;
        }
        for (BookingEvent e : bookings.history(system.get(), s.bookingId())) {
            if (e.kind().equals("CHECKED_IN")) {
                catalog.addEvent(r.id(), new Manifest.TimelineEntry(e.at(), "CHECKED_IN", null, null, "by " + e.actor()));
            }
        }
    }

    /** What each room event does to the room's recording. */
    private final class Follow implements RoomEvent.Visitor<Void> {
        private final RecordingService.Subject subject;

        Follow(RecordingService.Subject subject) {
            this.subject = subject;
        }

        private boolean reception() {
            return subject.kind() == Recording.Kind.RECEPTION;
        }

        @Override
        public Void participantEntered(RoomEvent.ParticipantEntered e) {
            if (reception() && e.role() == Role.PETITIONER) {
                copyCheckIn(subject); // the kiosk checks in after the host opened the room
                if (e.inLobby()) { // its capture listens from now on, forwarded to from the admission
                    recordings.waitingToPublish(subject, e.participantId());
                }
            }
            timeline(e.at(), "JOINED", e.participantId(), e.role(), e.inLobby() ? "waiting in the lobby" : null);
            return null;
        }

        @Override
        public Void participantAdmitted(RoomEvent.ParticipantAdmitted e) {
            timeline(e.at(), "ADMITTED", e.participantId(), e.role(), null);
            if (reception() && e.role() == Role.PETITIONER) {
                copyCheckIn(subject);
                recordings.start(subject, e.at());
            }
            return null;
        }

        @Override
        public Void publishingStarted(RoomEvent.PublishingStarted e) {
            timeline(e.at(), "PUBLISHING", e.participantId(), e.role(), null);
            recordings.publishingStarted(subject, e.participantId(), e.displayName(), e.role().name(), e.at());
            return null;
        }

        @Override
        public Void publishingStopped(RoomEvent.PublishingStopped e) {
            timeline(e.at(), "STOPPED_PUBLISHING", e.participantId(), e.role(), null);
            recordings.publishingStopped(subject.roomId(), e.participantId(), e.at());
            return null;
        }

        @Override
        public Void mediaMuted(RoomEvent.MediaMuted e) {
            timeline(e.at(), e.muted() ? "MUTED" : "UNMUTED", e.participantId(), e.role(),
                    e.kind().name().toLowerCase(Locale.ROOT) + " by " + e.byParticipantId());
            return null;
        }

        @Override
        public Void participantLeft(RoomEvent.ParticipantLeft e) {
            timeline(e.at(), "LEFT", e.participantId(), e.role(), e.reason().name());
            recordings.publishingStopped(subject.roomId(), e.participantId(), e.at());
            return null;
        }

        @Override
        public Void mediaNodeLost(RoomEvent.MediaNodeLost e) {
            recordings.mediaLost(subject.roomId(), e.at(), e.reason());
            return null;
        }

        @Override
        public Void mediaNodeRestored(RoomEvent.MediaNodeRestored e) {
            timeline(e.at(), "MEDIA_RESTORED", null, null, null);
            return null;
        }

        @Override
        public Void badLinkPeriod(RoomEvent.BadLinkPeriod e) {
            timeline(e.start(), BadLinkNote.TYPE, e.participantId(), e.role(), BadLinkNote.of(e).note());
            return null;
        }

        @Override
        public Void sessionEnded(RoomEvent.SessionEnded e) {
            timeline(e.at(), "ENDED", null, null, e.reason().name());
            boolean shutdown = e.reason() == ServerMessage.EndReason.SERVER;
            recordings.finish(subject.roomId(), e.at(),
                    shutdown ? Recording.Status.INTERRUPTED : Recording.Status.COMPLETED,
                    shutdown ? "recording server shut down" : null);
            followed.remove(subject.roomId());
            return null;
        }

        private void timeline(Instant at, String type, String participantId, Role role, String detail) {
            recordings.event(subject, new Manifest.TimelineEntry(at, type, participantId,
                    role == null ? null : role.name(), detail));
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
        return LifecyclePhases.RECORDING_ROOM_EVENTS;
    }
}
