package org.lianxin.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.internal.CompositionQueue;
import org.lianxin.recording.internal.CrashRecovery;
import org.lianxin.recording.internal.ManifestWriter;
import org.lianxin.recording.internal.RecordingEnd;
import org.lianxin.recording.internal.Retention;
import org.lianxin.recording.internal.RoomRecorder;
import org.lianxin.recording.internal.SegmentChain;
import org.lianxin.recording.internal.Spool;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.SegmentUploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records live sessions: told what happens in a room (publishers come and go, the media server is
 * lost and back, the session ends), it captures each publisher into segments, chains and uploads
 * them as they close, keeps the timeline, writes the manifest at the end and has the composed
 * review file made. After a crash, {@link #recover()} puts every segment the crash left into
 * storage, marks the recording INTERRUPTED with the gap and writes its manifest.
 *
 * <p>This class is the module's API; the work is done in {@code internal}: one {@code RoomRecorder} per recorded
 * room (tracks, captures, forwarding, series), the {@code SegmentChain} (spool, hash chain, upload), {@code
 * RecordingEnd} with the {@code ManifestWriter}, the {@code CompositionQueue} (review files, live and after the end),
 * {@code CrashRecovery}, {@code Retention}, all over the {@code Spool} folder.
 *
 * <p>Thread-safe; calls about one room are expected in order (the live rooms' event thread).
 */
public final class RecordingService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingService.class);

    /** What a recording is of. */
    public record Subject(Recording.Kind kind, String roomId, Long bookingId, Long consultationId, Long caseId,
                          long officeId) {
        public Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(roomId, "roomId");
        }
    }

    public enum DeleteResult { DELETED, NOT_FOUND, LEGAL_HOLD, RETENTION_NOT_REACHED, NOT_ENDED }

    private final RecordingCatalog catalog;
    private final SegmentUploader uploader;
    private final RecordingSettings settings;
    private final Clock clock;
    private final RoomRecorder.Context rooms;
    private final CompositionQueue compositions;
    private final RecordingEnd end;
    private final CrashRecovery recovery;
    private final Retention retention;
    private final Map<String, RoomRecorder> active = new ConcurrentHashMap<>();
    /** Recordings this instance opened for a consultation's switch while no instance had the room (ended at a stop). */
    private final Set<Long> switchedOnHere = ConcurrentHashMap.newKeySet();

    public RecordingService(RecordingCatalog catalog, ObjectStore store, SegmentUploader uploader, Composer composer,
                            RecordingSettings settings, RecordingMedia media, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(store, "store");
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(composer, "composer");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(media, "media");
        this.clock = Objects.requireNonNull(clock, "clock");
        Spool spool = new Spool(settings.spoolDir());
        SegmentChain chain = new SegmentChain(catalog, spool, uploader, clock);
        this.compositions = new CompositionQueue(catalog, store, uploader, composer, spool, clock, settings.compose(),
                settings.liveCompositions(), settings.composeOnNodes());
        this.end = new RecordingEnd(catalog, chain, new ManifestWriter(catalog, spool, uploader,
                settings.receptionRetention(), settings.consultationRetention()), compositions);
        this.recovery = new CrashRecovery(catalog, store, spool, chain, end, compositions, settings.instanceId(),
                settings.compose(), clock);
        this.retention = new Retention(catalog, store, clock);
        this.rooms = new RoomRecorder.Context(catalog, media, spool, chain, compositions, settings.capture(),
                settings.bindHost(), settings.rtpHost(), clock);
    }

    // ================================================================== one room's recording

    /**
     * The room's open recording, made if there is none, recorded here. The takeover of a room (issue 14) needs no call
     * of its own: the first call about the room on its new owner (its first room event, in the room's order) comes
     * here, and the room's open recording, if a lost instance was making it, moves here and goes on in a new series
     * with the takeover in its timeline (the gap in between listed); each publisher's {@link #publishingStarted} then
     * opens its track here with a new forward to this instance's recorder.
     */
    private RoomRecorder prepare(Subject subject) {
        try {
            return active.computeIfAbsent(subject.roomId(), room -> recorder(subject));
        } catch (RecordingEndedException e) { // another instance ended it as this one took it over: the room's next one
            log.warn("recording {} of room {}: ended by another instance as this one took it over", e.recordingId(),
                    subject.roomId());
            return active.computeIfAbsent(subject.roomId(), room -> recorder(subject));
        }
    }

    private RoomRecorder recorder(Subject subject) {
        Recording r = catalog.openOrCreate(newRecording(subject));
        switchedOnHere.remove(r.id()); // recorded here from now on
        log.info("recording {} prepared for room {} ({})", r.id(), subject.roomId(), subject.kind());
        RoomRecorder recorder = new RoomRecorder(r, subject, catalog.tracks(r.id()), rooms);
        recorder.adopt(r, settings.instanceId(), clock.instant());
        return recorder;
    }

    /**
     * The room's open recording without becoming its recorder: this instance's if it records the room, else the one
     * open in the catalog (another instance records it, or nobody yet), made (PENDING, this instance's until the room's
     * owner adopts it) if there is none. For what any instance may write about a room it does not own (a REST call
     * behind the load balancer): a recorder here would be a stale one, and would keep this instance from taking the
     * recording over when it takes the room over (issue 14).
     */
    private long noted(Subject subject) {
        RoomRecorder a = active.get(subject.roomId());
        if (a != null) {
            return a.id();
        }
        return catalog.openOrCreate(newRecording(subject)).id();
    }

    private RecordingCatalog.NewRecording newRecording(Subject subject) {
        return new RecordingCatalog.NewRecording(subject.kind(), subject.roomId(), subject.bookingId(),
                subject.consultationId(), subject.caseId(), subject.officeId(), settings.instanceId(), clock.instant());
    }

    /** The room's recorder if the room is recorded: receptions always; consultations only while recording is on. */
    private RoomRecorder recorded(Subject subject) {
        return subject.kind() == Recording.Kind.RECEPTION ? prepare(subject) : active.get(subject.roomId());
    }

    /** The room's open recording, made (PENDING) if there is none; recorded here (call on the room's owner only). */
    public Recording open(Subject subject) {
        return catalog.find(prepare(subject).id()).orElseThrow();
    }

    /**
     * The recording open in the room, if any: the one recorded here, else one that nothing captured yet (PENDING: only
     * the kiosk's notice opened it), which {@link #finish} ends too.
     */
    public Optional<Recording> current(String roomId) {
        RoomRecorder a = active.get(roomId);
        if (a != null) {
            return catalog.find(a.id());
        }
        return catalog.openInRoom(roomId).filter(r -> r.status() == Recording.Status.PENDING);
    }

    /**
     * The terminal showed the recording notice (consent), before the recording starts. Any instance may be told (a
     * REST call goes to any behind the load balancer): the notice goes into the room's open recording (made if there
     * is none) without this instance becoming the room's recorder.
     */
    public void noticeShown(Subject subject, String by, Instant at) {
        note(subject, new Manifest.TimelineEntry(at, "RECORDING_NOTICE", null, null, "shown at the terminal, by " + by));
    }

    /** Notes {@code entry} in the room's open recording ({@link #noted}); if that one just ended, in the next one. */
    private long note(Subject subject, Manifest.TimelineEntry entry) {
        long id = noted(subject);
        try {
            catalog.addEvent(id, entry);
            return id;
        } catch (RecordingEndedException e) { // ended by another instance since it was read (issue 14)
            endedElsewhere(subject.roomId(), e);
            long next = noted(subject);
            catalog.addEvent(next, entry);
            return next;
        }
    }

    /**
     * Something happened in a room: appended to the timeline of its recording (made if the room is
     * recorded: receptions always; consultations only while their host has recording on).
     */
    public void event(Subject subject, Manifest.TimelineEntry entry) {
        withRecorder(() -> recorded(subject), subject.roomId(), a -> catalog.addEvent(a.id(), entry));
    }

    /**
     * {@code call} on the room's {@code recorder} (none: nothing to do); the recorder is dropped here if another
     * instance ended its recording ({@link #endedElsewhere}).
     */
    private void withRecorder(Supplier<RoomRecorder> recorder, String roomId, Consumer<RoomRecorder> call) {
        try {
            RoomRecorder a = recorder.get();
            if (a != null) {
                call.accept(a);
            }
        } catch (RecordingEndedException e) {
            endedElsewhere(roomId, e);
        }
    }

    /**
     * The recording this instance records in the room was ended by another instance (issue 14: an "off" of the
     * consultation's switch through an instance without the room as this one adopted it; or this one was taken for
     * lost): its recorder here is dropped — what it still captures stays in the spool (added to the ended recording at
     * the next start) — so that the room's next recording is a new one.
     */
    private void endedElsewhere(String roomId, RecordingEndedException e) {
        RoomRecorder a = active.get(roomId);
        if (a != null && a.id() == e.recordingId() && active.remove(roomId, a)) {
            log.warn("recording {} of room {}: ended by another instance; not recorded here any more", a.id(), roomId);
            a.stop(clock.instant());
        }
    }

    /** Starts capturing the room (the session began: the petitioner was admitted, or recording was turned on). */
    public void start(Subject subject, Instant at) {
        try {
            prepare(subject).start(at);
        } catch (RecordingEndedException e) { // ended by another instance: the room's next recording starts
            endedElsewhere(subject.roomId(), e);
            prepare(subject).start(at);
        }
    }

    /**
     * A consultation's host turns recording on or off; returns whether it is on now. Call on the room's owner only
     * (this instance becomes the room's recorder); elsewhere {@link #switchedWithoutRoom}.
     */
    public boolean setRecording(Subject subject, boolean on, String by) {
        Instant now = clock.instant();
        if (on) {
            RoomRecorder a = prepare(subject);
            try {
                catalog.addEvent(a.id(), new Manifest.TimelineEntry(now, "RECORDING_ON", null, null, "by " + by));
                a.start(now);
                return true;
            } catch (RecordingEndedException e) { // switched off through another instance meanwhile (issue 14)
                endedElsewhere(subject.roomId(), e);
                return false;
            }
        }
        RoomRecorder a = active.get(subject.roomId());
        if (a != null) {
            try {
                catalog.addEvent(a.id(), new Manifest.TimelineEntry(now, "RECORDING_OFF", null, null, "by " + by));
                finish(subject.roomId(), now, Recording.Status.COMPLETED, null);
            } catch (RecordingEndedException e) { // switched off through another instance, which ended it (issue 14)
                endedElsewhere(subject.roomId(), e);
            }
        }
        return false;
    }

    /**
     * A consultation's host switched recording while no instance owns the room (nobody is in it): noted in the room's
     * open recording without this instance becoming its recorder — whichever instance opens the room records it then,
     * following the consultation's switch (issue 14: the switch's REST call reaches any instance). On: the room's open
     * recording (PENDING, made if there is none) notes it; off: one only noted so far ends.
     */
    public void switchedWithoutRoom(Subject subject, boolean on, String by) {
        Instant now = clock.instant();
        if (on) {
            switchedOnHere.add(note(subject, new Manifest.TimelineEntry(now, "RECORDING_ON", null, null, "by " + by)));
            return;
        }
        current(subject.roomId()).ifPresent(r -> {
            try {
                catalog.addEvent(r.id(), new Manifest.TimelineEntry(now, "RECORDING_OFF", null, null, "by " + by));
                finish(subject.roomId(), now, Recording.Status.COMPLETED, null);
            } catch (RecordingEndedException e) { // its owner ended it meanwhile (it followed the same switch)
                log.info("recording {}: ended by its owner meanwhile; the switch's off is carried out", r.id());
            }
        });
    }

    /** Whether the room is being captured now. */
    public boolean isCapturing(String roomId) {
        RoomRecorder a = active.get(roomId);
        return a != null && a.isCapturing();
    }

    /** A participant's media are up at the media server: captured (now, or when capture starts). */
    public void publishingStarted(Subject subject, String participantId, String displayName, String role, Instant at) {
        withRecorder(() -> recorded(subject), subject.roomId(),
                a -> a.publishingStarted(participantId, displayName, role, at));
    }

    /**
     * A participant waits in the lobby to be admitted and then recorded (a reception's petitioner): its capture is made
     * ready now (listening; nothing forwarded, nothing recorded), so that its track starts with the admission.
     */
    public void waitingToPublish(Subject subject, String participantId) {
        withRecorder(() -> recorded(subject), subject.roomId(), a -> a.prepare(participantId));
    }

    /** A participant stopped publishing (left, removed, hung up): its track is closed. */
    public void publishingStopped(String roomId, String participantId, Instant at) {
        withRecorder(() -> active.get(roomId), roomId, a -> a.publishingStopped(participantId, at));
    }

    /** The media server was lost: every track ends; publishers re-joining start a new series. */
    public void mediaLost(String roomId, Instant at, String reason) {
        withRecorder(() -> active.get(roomId), roomId, a -> a.mediaLost(at, reason));
    }

    /**
     * Another instance took the room over while this one still recorded it (this one paused, or lost its lock's
     * connection): capturing stops here, the tracks close (what they captured is chained: media of the room), and the
     * recording is left to the other instance — not ended, no manifest.
     */
    public void letGo(String roomId, Instant at) {
        RoomRecorder a = active.remove(roomId);
        if (a != null) {
            log.warn("recording {}: room {} is owned by another instance now; capturing stops here", a.id(), roomId);
            a.stop(at);
        }
    }

    /**
     * The session ended: tracks close, their last segments go to storage, the manifest is written. Empty when there is
     * no open recording, or another instance ended it meanwhile (issue 14: this one was taken for lost).
     */
    public Optional<Recording> finish(String roomId, Instant at, Recording.Status status, String gapReason) {
        RoomRecorder a = active.remove(roomId);
        if (a == null) { // one only a notice or a switch opened (nothing captured): ended as well, from any instance
            return current(roomId).flatMap(r -> {
                switchedOnHere.remove(r.id());
                return ended(r.id(), at, status, gapReason);
            });
        }
        a.stop(at);
        return ended(a.id(), at, status, gapReason);
    }

    private Optional<Recording> ended(long id, Instant at, Recording.Status status, String gapReason) {
        try {
            if (gapReason != null) {
                catalog.addGap(id, new Manifest.Gap(at, at, gapReason));
            }
            catalog.addEvent(id, new Manifest.TimelineEntry(at, "RECORDING_ENDED", null, null, status.name()));
            return Optional.of(end.end(id, status, at));
        } catch (RecordingEndedException e) {
            log.warn("recording {}: not ended here as {}, another instance ended it (this one was taken for lost)", id,
                    status);
            return Optional.empty();
        }
    }

    // ================================================================== after a crash, review files, retention

    /**
     * Run once at start, before rooms open: recordings this instance left unfinished are closed as
     * INTERRUPTED (or EMPTY) with the gap from their last media to now; segments a crash left in the
     * spool (closed, or the open one up to its last cluster) are chained and everything spooled is
     * uploaded. Composed files that were queued or being made are stored or composed again.
     *
     * @return how many recordings were recovered
     */
    public int recover() {
        return recovery.recover(active::containsKey);
    }

    /**
     * A recording another instance was making when it was lost, whose room nobody took within the reconnect grace
     * (issue 14; found by the application's cluster-wide job): ended here as INTERRUPTED (EMPTY if nothing was
     * captured) with {@code reason} as its gap and in its timeline, its manifest listing what was chained. A recording
     * this instance records is left alone. The segments the lost instance still holds are added to it when that
     * instance starts again ({@link #recover()}); if it was only paused, its writes to the ended recording are refused.
     *
     * @return the recording as ended here; empty if it is recorded here or had ended already
     */
    public Optional<Recording> endLost(long id, String reason) {
        if (active.values().stream().anyMatch(a -> a.id() == id)) {
            return Optional.empty();
        }
        return recovery.endLost(id, reason);
    }

    /** How many composed review files this service made while their sessions ran. */
    public long composedWhileRecording() {
        return compositions.composedWhileRecording();
    }

    /** Queues (again) the composed review file of an ended recording. */
    public void requestCompose(long id) {
        compositions.requestCompose(id);
    }

    /** Deletes an ended recording's media if its retention has passed and it is not on hold. */
    public DeleteResult delete(long id, String by) {
        return retention.delete(id, by);
    }

    /** Deletes every recording whose retention has passed (a daily job); returns how many. */
    public int deleteExpired() {
        return retention.deleteExpired();
    }

    // ================================================================== lifecycle

    /**
     * Tests only: stops every capture where it is, as a crash would (open segments stay cut short in
     * the spool), without ending any recording or writing anything more.
     */
    void abandon() {
        for (RoomRecorder a : active.values()) {
            a.abort();
        }
        active.clear();
        compositions.abandon();
    }

    /**
     * Ends every recording (reason: server shutdown), waits up to {@link RecordingSettings#uploadWait()} for what they
     * queued to reach storage, and stops post-production.
     */
    @Override
    public void close() {
        Instant now = clock.instant();
        for (String room : new ArrayList<>(active.keySet())) {
            try {
                finish(room, now, Recording.Status.INTERRUPTED, "recording server shut down");
            } catch (RuntimeException e) {
                log.warn("recording of room {} could not be finished at shutdown", room, e);
            }
        }
        // switched on here with no room, and no instance recorded them since: ended as a recorder here would have been
        for (Recording r : catalog.unfinished(settings.instanceId())) {
            if (switchedOnHere.contains(r.id()) && r.status() == Recording.Status.PENDING && !active.containsKey(r.roomId())) {
                try {
                    finish(r.roomId(), now, Recording.Status.INTERRUPTED, "recording server shut down");
                } catch (RuntimeException e) {
                    log.warn("recording {} of room {} could not be finished at shutdown", r.id(), r.roomId(), e);
                }
            }
        }
        compositions.close();
        try {
            if (!uploader.awaitIdle(settings.uploadWait())) {
                log.info("recording: {} file(s) not in storage {} s after the end; they stay in the spool for the "
                        + "next start", uploader.pending(), settings.uploadWait().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
