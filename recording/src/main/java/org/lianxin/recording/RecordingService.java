package org.lianxin.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.capture.ClosedSegment;
import org.lianxin.recording.capture.SegmentDuration;
import org.lianxin.recording.capture.TrackCapture;
import org.lianxin.recording.capture.TrackSpec;
import org.lianxin.recording.compose.ComposeInput;
import org.lianxin.recording.compose.ComposeResult;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.compose.LiveComposition;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.SegmentUploader;
import org.lianxin.recording.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records live sessions: told what happens in a room (publishers come and go, the media server is
 * lost and back, the session ends), it captures each publisher into segments, chains and uploads
 * them as they close, keeps the timeline, writes the manifest at the end and has the composed
 * review file made. After a crash, {@link #recover()} puts every closed segment into storage,
 * marks the recording INTERRUPTED with the gap and writes its manifest.
 *
 * <p>Thread-safe; calls about one room are expected in order (the live rooms' event thread).
 */
public final class RecordingService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingService.class);
    private static final String MKV = "video/x-matroska";

    /** What a recording is of. */
    public record Subject(Recording.Kind kind, String roomId, Long bookingId, Long consultationId, Long caseId,
                          long officeId) {
        public Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(roomId, "roomId");
        }
    }

    /** The media server as the recorder needs it (the live rooms carry it out). */
    public interface MediaControl {
        /**
         * Forward the participant's audio and video as RTP to {@code host}: audio (Opus) to {@code audioPort} with
         * payload type {@code audioPayloadType}, video (VP8) to {@code videoPort} with {@code videoPayloadType}.
         */
        CompletableFuture<Void> forward(String roomId, String participantId, String host, int audioPort,
                                        int audioPayloadType, int videoPort, int videoPayloadType);

        CompletableFuture<Void> stopForward(String roomId, String participantId);

        CompletableFuture<Void> requestKeyframe(String roomId, String participantId);
    }

    /**
     * @param instanceId   this server's stable name: it recovers the recordings it left unfinished
     * @param spoolDir     local folder for segments not yet in storage (mirrors object keys)
     * @param rtpHost      the address the media server forwards RTP to (this host as it sees it)
     * @param bindHost     where the recorder listens for RTP
     * @param uploadWait   how long the end of a session waits for its segments to reach storage
     * @param liveCompositions how many recordings this server composes while they are made (the rest,
     *                     and all when 0, are composed after their end)
     */
    public record Settings(String instanceId, Path spoolDir, String rtpHost, String bindHost, CaptureSettings capture,
                           Duration receptionRetention, Duration consultationRetention, boolean compose,
                           Duration uploadWait, int liveCompositions) {
        public Settings {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(spoolDir, "spoolDir");
            Objects.requireNonNull(rtpHost, "rtpHost");
            Objects.requireNonNull(bindHost, "bindHost");
            Objects.requireNonNull(capture, "capture");
            Objects.requireNonNull(receptionRetention, "receptionRetention");
            Objects.requireNonNull(consultationRetention, "consultationRetention");
            Objects.requireNonNull(uploadWait, "uploadWait");
            if (liveCompositions < 0) {
                throw new IllegalArgumentException("liveCompositions must not be negative: " + liveCompositions);
            }
        }
    }

    public enum DeleteResult { DELETED, NOT_FOUND, LEGAL_HOLD, RETENTION_NOT_REACHED, NOT_ENDED }

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final SegmentUploader uploader;
    private final Composer composer;
    private final Settings settings;
    private final MediaControl media;
    private final Clock clock;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final ExecutorService composing;
    /** recordings composed while they are made, by id */
    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    private final ExecutorService storingLive;
    private final java.util.concurrent.atomic.AtomicLong composedLive = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closing;

    /**
     * A composition following a recording as it is made: segments are hard-linked into {@code dir}
     * (the spool's copies go once uploaded), the composed file is made there too.
     */
    private record Live(LiveComposition composition, Path dir, Instant origin) {
    }

    /** A track counts as known to the live composition this long after its capture started. */
    private static final long LIVE_KNOWN_MARGIN_MS = 2_000;

    public RecordingService(RecordingCatalog catalog, ObjectStore store, SegmentUploader uploader, Composer composer,
                            Settings settings, MediaControl media, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.media = Objects.requireNonNull(media, "media");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.composing = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "recording-compose");
            t.setDaemon(true);
            return t;
        });
        this.storingLive = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "recording-compose-store");
            t.setDaemon(true);
            return t;
        });
    }

    // ================================================================== one room's recording

    /** A recording being made in a room. Guarded by itself. */
    private final class Active {
        final long id;
        final Subject subject;
        boolean capturing;
        int series;
        Instant mediaLostAt;
        int nextParticipantNumber;
        final Map<String, Integer> participantNumbers = new HashMap<>();
        /** participants publishing now (known even before capture starts) */
        final Map<String, Publisher> publishing = new LinkedHashMap<>();
        final Map<String, Track> tracks = new HashMap<>();

        Active(Recording r, Subject subject) {
            this.id = r.id();
            this.subject = subject;
            this.series = r.series();
        }

        /** Track ids used so far (a participant publishing again in the same series gets -2, -3, …). */
        final Set<String> usedTrackIds = new java.util.HashSet<>();
        /** Whether a track was opened in the current series (a media-server loss then starts the next). */
        boolean seriesUsed;

        String trackId(String participantId) {
            int n = participantNumbers.computeIfAbsent(participantId, p -> ++nextParticipantNumber);
            String base = "s" + series + "-p" + n;
            String id = base;
            for (int k = 2; usedTrackIds.contains(id); k++) {
                id = base + "-" + k;
            }
            usedTrackIds.add(id);
            seriesUsed = true;
            return id;
        }
    }

    private record Publisher(String participantId, String displayName, String role) {
    }

    private record Track(String trackId, String participantId, TrackCapture capture) {
    }

    /** The room's open recording, made if there is none. */
    private Active prepare(Subject subject) {
        return active.computeIfAbsent(subject.roomId(), room -> {
            Recording r = catalog.openInRoom(room).orElseGet(() -> catalog.create(new RecordingCatalog.NewRecording(
                    subject.kind(), room, subject.bookingId(), subject.consultationId(), subject.caseId(),
                    subject.officeId(), settings.instanceId(), clock.instant())));
            log.info("recording {} prepared for room {} ({})", r.id(), room, subject.kind());
            Active a = new Active(r, subject);
            for (RecordingCatalog.Track t : catalog.tracks(r.id())) { // a recording taken over after a restart
                a.usedTrackIds.add(t.trackId());
                a.participantNumbers.putIfAbsent(t.participantId(), ++a.nextParticipantNumber);
            }
            return a;
        });
    }

    /** The room's open recording, made (PENDING) if there is none. */
    public Recording open(Subject subject) {
        return catalog.find(prepare(subject).id).orElseThrow();
    }

    /** The recording open in the room, if any. */
    public Optional<Recording> current(String roomId) {
        Active a = active.get(roomId);
        return a == null ? Optional.empty() : catalog.find(a.id);
    }

    /** The terminal showed the recording notice (consent), before the recording starts. */
    public void noticeShown(Subject subject, String by, Instant at) {
        Active a = prepare(subject);
        catalog.addEvent(a.id, new Manifest.TimelineEntry(at, "RECORDING_NOTICE", null, null, "shown at the terminal, by " + by));
    }

    /**
     * Something happened in a room: appended to the timeline of its recording (made if the room is
     * recorded: receptions always; consultations only while their host has recording on).
     */
    public void event(Subject subject, Manifest.TimelineEntry entry) {
        Active a = subject.kind() == Recording.Kind.RECEPTION ? prepare(subject) : active.get(subject.roomId());
        if (a != null) {
            catalog.addEvent(a.id, entry);
        }
    }

    /** Starts capturing the room (the session began: the petitioner was admitted, or recording was turned on). */
    public void start(Subject subject, Instant at) {
        Active a = prepare(subject);
        synchronized (a) {
            if (a.capturing) {
                return;
            }
            a.capturing = true;
            catalog.markRecording(a.id, at);
            catalog.addEvent(a.id, new Manifest.TimelineEntry(at, "RECORDING_STARTED", null, null, null));
            log.info("recording {}: capturing room {}", a.id, subject.roomId());
            startLiveComposition(a.id);
            for (Publisher p : new ArrayList<>(a.publishing.values())) {
                openTrack(a, p, at);
            }
        }
    }

    /** A consultation's host turns recording on or off; returns whether it is on now. */
    public boolean setRecording(Subject subject, boolean on, String by) {
        Instant now = clock.instant();
        if (on) {
            Active a = prepare(subject);
            catalog.addEvent(a.id, new Manifest.TimelineEntry(now, "RECORDING_ON", null, null, "by " + by));
            start(subject, now);
            return true;
        }
        Active a = active.get(subject.roomId());
        if (a != null) {
            catalog.addEvent(a.id, new Manifest.TimelineEntry(now, "RECORDING_OFF", null, null, "by " + by));
            finish(subject.roomId(), now, Recording.Status.COMPLETED, null);
        }
        return false;
    }

    /** Whether the room is being captured now. */
    public boolean isCapturing(String roomId) {
        Active a = active.get(roomId);
        if (a == null) {
            return false;
        }
        synchronized (a) {
            return a.capturing;
        }
    }

    /** A participant's media are up at the media server: captured (now, or when capture starts). */
    public void publishingStarted(Subject subject, String participantId, String displayName, String role, Instant at) {
        Active a = subject.kind() == Recording.Kind.RECEPTION ? prepare(subject) : active.get(subject.roomId());
        if (a == null) {
            return;
        }
        synchronized (a) {
            Publisher p = new Publisher(participantId, displayName, role);
            a.publishing.put(participantId, p);
            if (a.capturing && !a.tracks.containsKey(participantId)) {
                openTrack(a, p, at);
            }
        }
    }

    /** A participant stopped publishing (left, removed, hung up): its track is closed. */
    public void publishingStopped(String roomId, String participantId, Instant at) {
        Active a = active.get(roomId);
        if (a == null) {
            return;
        }
        Track t;
        synchronized (a) {
            a.publishing.remove(participantId);
            t = a.tracks.remove(participantId);
        }
        if (t != null) {
            closeTrack(a, t, at, true);
        }
    }

    /** The media server was lost: every track ends; publishers re-joining start a new series. */
    public void mediaLost(String roomId, Instant at, String reason) {
        Active a = active.get(roomId);
        if (a == null) {
            return;
        }
        List<Track> closing;
        synchronized (a) {
            closing = new ArrayList<>(a.tracks.values());
            a.tracks.clear();
            a.publishing.clear();
            if (a.mediaLostAt == null) {
                a.mediaLostAt = at;
            }
            // publishers may have been told to stop (and their tracks closed) just before the loss
            if (a.seriesUsed) {
                a.series = catalog.nextSeries(a.id);
                a.seriesUsed = false;
            }
        }
        catalog.addEvent(a.id, new Manifest.TimelineEntry(at, "MEDIA_LOST", null, null, reason));
        for (Track t : closing) {
            closeTrack(a, t, at, false);
        }
    }

    private void openTrack(Active a, Publisher p, Instant at) {
        String trackId = a.trackId(p.participantId());
        Path spool = settings.spoolDir().resolve("recordings").resolve(Long.toString(a.id)).resolve(trackId);
        String roomId = a.subject.roomId();
        String participantId = p.participantId();
        TrackSpec spec = TrackSpec.of(trackId, spool, settings.bindHost());
        TrackCapture capture;
        try {
            Files.createDirectories(spool);
            capture = TrackCapture.open(spec, settings.capture(),
                    () -> media.requestKeyframe(roomId, participantId).exceptionally(e -> {
                        log.debug("recording {}: keyframe request for {} failed: {}", a.id, trackId, e.toString());
                        return null;
                    }),
                    segment -> segmentClosed(a.id, segment));
        } catch (IOException | RuntimeException e) {
            log.error("recording {}: could not start capturing {} in room {}", a.id, trackId, roomId, e);
            catalog.addEvent(a.id, new Manifest.TimelineEntry(at, "TRACK_FAILED", participantId, p.role(),
                    "capture could not start"));
            return;
        }
        catalog.addTrack(new RecordingCatalog.Track(a.id, trackId, participantId, p.displayName(), p.role(), a.series,
                at, null, 0));
        Live l = live.get(a.id);
        if (l != null) {
            l.composition().addTrack(trackId, p.displayName() != null ? p.displayName() : participantId,
                    nonNegative(Duration.between(l.origin(), at)));
        }
        Track t = new Track(trackId, participantId, capture);
        a.tracks.put(participantId, t);
        if (a.mediaLostAt != null) {
            catalog.addGap(a.id, new Manifest.Gap(a.mediaLostAt, at, "media server lost"));
            a.mediaLostAt = null;
        }
        log.info("recording {}: track {} of {} on RTP ports {}/{}", a.id, trackId, participantId, capture.audioPort(),
                capture.videoPort());
        media.forward(roomId, participantId, settings.rtpHost(), capture.audioPort(), spec.audioPayloadType(),
                        capture.videoPort(), spec.videoPayloadType())
                .thenCompose(v -> media.requestKeyframe(roomId, participantId))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        log.warn("recording {}: forwarding {} failed: {}", a.id, trackId, e.toString());
                        catalog.addEvent(a.id, new Manifest.TimelineEntry(clock.instant(), "TRACK_FAILED",
                                participantId, p.role(), "media server did not forward"));
                        publishingStopped(roomId, participantId, clock.instant());
                    }
                });
    }

    private void closeTrack(Active a, Track t, Instant at, boolean stopForward) {
        if (stopForward) {
            media.stopForward(a.subject.roomId(), t.participantId()).exceptionally(e -> null);
        }
        try {
            t.capture().close();
        } catch (RuntimeException e) {
            log.warn("recording {}: closing track {} failed", a.id, t.trackId(), e);
        }
        Live l = live.get(a.id);
        if (l != null) {
            l.composition().endTrack(t.trackId());
        }
        catalog.endTrack(a.id, t.trackId(), at);
    }

    /** On a capture thread: chain the segment, move it to its spool place, queue it for storage. */
    private void segmentClosed(long id, ClosedSegment s) {
        String key = Recording.segmentKey(id, s.trackId(), s.index());
        Path spooled = spoolPath(key);
        try {
            Files.createDirectories(spooled.getParent());
            Files.move(s.file(), spooled, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.error("recording {}: could not spool segment {}", id, key, e);
            return;
        }
        RecordingCatalog.Segment seg = null;
        long wait = 100;
        for (int attempt = 1; seg == null; attempt++) {
            try {
                seg = catalog.appendSegment(id, s.trackId(), s.index(), key, s.bytes(), s.sha256(), s.startedAt(),
                        s.endedAt(), s.durationMs());
            } catch (RuntimeException e) {
                if (attempt >= 8) {
                    // it stays in the spool: the end of the recording (or the next start) chains it
                    log.error("recording {}: segment {} could not be chained ({} attempts); left in the spool", id, key,
                            attempt, e);
                    return;
                }
                log.warn("recording {}: chaining segment {} failed ({}); retrying in {} ms", id, key, e.toString(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = Math.min(wait * 2, 5_000);
            }
        }
        Live l = live.get(id);
        if (l != null) { // before the upload, which removes the spooled file
            Path link = l.dir().resolve(s.trackId() + "-" + s.index() + ".mkv");
            try {
                try {
                    Files.createLink(link, spooled);
                } catch (IOException | UnsupportedOperationException notOnThisDisk) {
                    Files.copy(spooled, link, StandardCopyOption.REPLACE_EXISTING);
                }
                l.composition().addSegment(s.trackId(), link, nonNegative(Duration.between(l.origin(), s.startedAt())));
            } catch (IOException e) {
                log.warn("recording {}: segment {} not given to the live composition ({}); composed after the end",
                        id, key, e.toString());
            }
        }
        submit(seg);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void submit(RecordingCatalog.Segment seg) {
        uploader.submit(seg.key(), spoolPath(seg.key()), MKV,
                () -> catalog.markUploaded(seg.recordingId(), seg.chainIndex(), clock.instant()));
    }

    private Path spoolPath(String key) {
        return settings.spoolDir().resolve(key);
    }

    // ================================================================== the end

    /** The session ended: tracks close, their last segments go to storage, the manifest is written. */
    public Optional<Recording> finish(String roomId, Instant at, Recording.Status status, String gapReason) {
        Active a = active.remove(roomId);
        if (a == null) {
            return Optional.empty();
        }
        List<Track> closing;
        synchronized (a) {
            closing = new ArrayList<>(a.tracks.values());
            a.tracks.clear();
            a.capturing = false;
        }
        closing.parallelStream().forEach(t -> closeTrack(a, t, at, true));
        if (gapReason != null) {
            catalog.addGap(a.id, new Manifest.Gap(at, at, gapReason));
        }
        catalog.addEvent(a.id, new Manifest.TimelineEntry(at, "RECORDING_ENDED", null, null, status.name()));
        return Optional.of(writeManifest(a.id, status, at));
    }

    private Recording writeManifest(long id, Recording.Status requested, Instant endedAt) {
        int chained = catalog.segments(id).size();
        adoptSpooledSegments(id); // closed segments whose chaining failed (database busy) are not left out
        for (RecordingCatalog.Segment s : catalog.segments(id)) {
            if (s.chainIndex() >= chained) {
                submit(s);
            }
        }
        Recording r = catalog.find(id).orElseThrow();
        List<RecordingCatalog.Segment> segments = catalog.segments(id);
        Recording.Status status = segments.isEmpty() && requested == Recording.Status.COMPLETED
                ? Recording.Status.EMPTY : requested;
        Manifest m = manifest(r, status, endedAt, segments);
        byte[] bytes = ManifestCodec.write(m);
        String key = Manifest.key(id);
        Duration retention = r.kind() == Recording.Kind.RECEPTION
                ? settings.receptionRetention() : settings.consultationRetention();
        catalog.finish(id, status, endedAt, key, HashChain.sha256Hex(bytes), endedAt.plus(retention));
        Path spooled = spoolPath(key);
        try {
            Files.createDirectories(spooled.getParent());
            Files.write(spooled, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the manifest of recording " + id, e);
        }
        boolean composeIt = settings.compose() && !segments.isEmpty();
        Live l = live.remove(id);
        CompletableFuture<Void> manifestStored = new CompletableFuture<>();
        if (composeIt && l != null && followedAll(id, l, segments)) {
            catalog.composed(id, Recording.ComposedState.RUNNING, 0, null, null, null);
            finishLive(id, l, Duration.between(l.origin(), r.endedAt() != null ? r.endedAt() : endedAt), manifestStored);
        } else {
            if (l != null) {
                l.composition().cancel();
                deleteTree(l.dir());
            }
            if (composeIt) {
                catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
                manifestStored.thenRun(() -> requestCompose(id));
            }
        }
        uploader.submit(key, spooled, "application/json", () -> {
            log.info("recording {}: {} with {} segments, manifest in storage", id, status, segments.size());
            manifestStored.complete(null);
        });
        return catalog.find(id).orElseThrow();
    }

    private Manifest manifest(Recording r, Recording.Status status, Instant endedAt,
                              List<RecordingCatalog.Segment> segments) {
        List<RecordingCatalog.Track> tracks = catalog.tracks(r.id());
        Map<String, Manifest.Participant> participants = new LinkedHashMap<>();
        for (RecordingCatalog.Track t : tracks) {
            participants.putIfAbsent(t.participantId(),
                    new Manifest.Participant(t.participantId(), t.displayName(), t.role()));
        }
        Map<String, Long> perTrack = segments.stream()
                .collect(Collectors.groupingBy(RecordingCatalog.Segment::trackId, Collectors.counting()));
        String head = segments.isEmpty() ? HashChain.GENESIS : segments.get(segments.size() - 1).chain();
        return new Manifest(Manifest.FORMAT, r.id(), r.kind().name(), r.bookingId(), r.consultationId(), r.caseId(),
                r.roomId(), r.officeId(), status.name(), r.startedAt(), endedAt,
                List.copyOf(participants.values()),
                tracks.stream().map(t -> new Manifest.Track(t.trackId(), t.participantId(), t.series(), t.startedAt(),
                        t.endedAt(), perTrack.getOrDefault(t.trackId(), 0L).intValue())).toList(),
                segments.stream().map(s -> new Manifest.Segment(s.chainIndex(), s.trackId(), s.trackIndex(), s.key(),
                        s.bytes(), s.sha256(), s.chain(), s.startedAt(), s.endedAt(), s.durationMs())).toList(),
                catalog.gaps(r.id()), catalog.timeline(r.id()), head);
    }

    // ================================================================== after a crash

    /**
     * Run once at start, before rooms open: recordings this instance left unfinished are closed as
     * INTERRUPTED (or EMPTY) with the gap from their last segment to now; segments closed before the
     * crash but not yet in storage (or not yet in the chain) are chained and uploaded. Composed files
     * that were queued or being made are composed again; what live compositions left is deleted.
     *
     * @return how many recordings were recovered
     */
    public int recover() {
        Instant now = clock.instant();
        List<Recording> composeAgain = settings.compose() ? catalog.composingLeft(settings.instanceId()) : List.of();
        cleanLiveCompositions();
        List<Recording> unfinished = catalog.unfinished(settings.instanceId()).stream()
                .filter(r -> !active.containsKey(r.roomId())).toList();
        for (Recording r : unfinished) {
            adoptSpooledSegments(r.id());
        }
        // segments first, so that each manifest reaches storage after the segments it lists
        Set<Long> mine = unfinished.stream().map(Recording::id).collect(Collectors.toSet());
        for (RecordingCatalog.Segment s : catalog.notUploaded()) {
            if (Files.exists(spoolPath(s.key()))) {
                submit(s);
            } else if (!mine.contains(s.recordingId())) {
                continue; // another node's, in its spool
            } else if (store.stat(s.key()).isPresent()) {
                catalog.markUploaded(s.recordingId(), s.chainIndex(), now);
            } else {
                log.error("recording {}: segment {} is neither spooled nor stored", s.recordingId(), s.key());
            }
        }
        for (Recording r : unfinished) {
            List<RecordingCatalog.Segment> segments = catalog.segments(r.id());
            Instant lastEnd = segments.stream().map(RecordingCatalog.Segment::endedAt).max(Comparator.naturalOrder())
                    .orElse(r.startedAt() != null ? r.startedAt() : r.createdAt());
            for (RecordingCatalog.Track t : catalog.tracks(r.id())) {
                if (t.endedAt() == null) {
                    catalog.endTrack(r.id(), t.trackId(), lastEnd);
                }
            }
            Recording.Status status;
            if (segments.isEmpty() && r.status() == Recording.Status.PENDING) {
                status = Recording.Status.EMPTY;
            } else {
                status = Recording.Status.INTERRUPTED;
                catalog.addGap(r.id(), new Manifest.Gap(lastEnd, now, "recording server stopped unexpectedly"));
            }
            catalog.addEvent(r.id(), new Manifest.TimelineEntry(now, "RECOVERED", null, null, status.name()));
            writeManifest(r.id(), status, now);
            log.warn("recording {} of room {} was left unfinished: now {} with {} segments", r.id(), r.roomId(), status,
                    segments.size());
        }
        cleanPartials();
        for (Recording r : composeAgain) {
            log.warn("recording {}: its composed file was {} when this server stopped; composing it again", r.id(),
                    r.composedState());
            requestCompose(r.id());
        }
        return unfinished.size();
    }

    /** Live compositions a crash or shutdown left on disk (none is running at start). */
    private void cleanLiveCompositions() {
        Path root = settings.spoolDir().resolve("live-compose");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || !live.containsKey(Long.parseLong(name))) {
                    deleteTree(d);
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("could not clean the live compositions' folder", e);
        }
    }

    /** Segments a crash left in the spool between closing and chaining: chained now, in track order. */
    private void adoptSpooledSegments(long id) {
        Path dir = settings.spoolDir().resolve("recordings").resolve(Long.toString(id));
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> known = catalog.segments(id).stream().map(RecordingCatalog.Segment::key)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        // a closed segment is <index>.mkv once moved to its spool place, or still the capture's
        // <trackId>-<index>.mkv if the crash came between its close and that move
        java.util.regex.Pattern closed = java.util.regex.Pattern.compile("(?:.+-)?(\\d{6})\\.mkv");
        List<Path> files;
        files = null;
        for (int attempt = 1; files == null; attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(p -> closed.matcher(p.getFileName().toString()).matches()).sorted().toList();
            } catch (UncheckedIOException vanished) {
                // the uploader deletes uploaded files from the spool meanwhile: walk again
                if (attempt >= 5) {
                    log.error("recording {}: could not read the spool", id, vanished);
                    return;
                }
            } catch (IOException e) {
                log.error("recording {}: could not read the spool", id, e);
                return;
            }
        }
        for (Path f : files) {
            java.util.regex.Matcher m = closed.matcher(f.getFileName().toString());
            m.matches();
            String trackId = f.getParent().getFileName().toString();
            int index = Integer.parseInt(m.group(1));
            String key = Recording.segmentKey(id, trackId, index);
            if (known.contains(key)) {
                continue;
            }
            try {
                Path target = spoolPath(key);
                if (!f.equals(target)) {
                    Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                // its end is when it was written; its length is what its header says (0 if it says nothing)
                Instant modified = Files.getLastModifiedTime(target).toInstant();
                long durationMs = Math.max(0, SegmentDuration.millis(target));
                catalog.appendSegment(id, trackId, index, key, Files.size(target), HashChain.sha256Hex(target),
                        modified.minusMillis(durationMs), modified, durationMs);
                known.add(key);
                log.warn("recording {}: segment {} closed before the crash added to the chain", id, key);
            } catch (IOException e) {
                log.error("recording {}: could not adopt {}", id, f, e);
            }
        }
    }

    private void cleanPartials() {
        Path root = settings.spoolDir().resolve("recordings");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
                log.warn("dropping the open segment a crash cut short: {}", settings.spoolDir().relativize(p));
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) { // (the uploader may delete files meanwhile)
            log.warn("could not clean the spool", e);
        }
    }

    // ================================================================== post-production

    /**
     * Starts composing a recording while it is made, if composing is on, a live composition is free
     * on this server, and the recording is new (one taken over after a restart is composed after
     * its end, from storage).
     */
    private synchronized void startLiveComposition(long id) {
        if (!settings.compose() || closing || live.size() >= settings.liveCompositions() || live.containsKey(id)
                || !catalog.segments(id).isEmpty()) {
            return;
        }
        Recording r = catalog.find(id).orElse(null);
        if (r == null || r.startedAt() == null) {
            return;
        }
        Instant origin = r.startedAt();
        Path dir = settings.spoolDir().resolve("live-compose").resolve(Long.toString(id));
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            long originMs = origin.toEpochMilli();
            LiveComposition c = composer.startLive(dir.resolve("composed.mp4"),
                    () -> (clock.millis() - originMs - LIVE_KNOWN_MARGIN_MS) * 1_000, Long.toString(id));
            live.put(id, new Live(c, dir, origin));
            log.info("recording {}: composing while it is made ({} of {} live compositions)", id, live.size(),
                    settings.liveCompositions());
        } catch (IOException | RuntimeException e) {
            log.warn("recording {}: cannot compose while it is made ({}); composed after the end", id, e.toString());
            deleteTree(dir);
        }
    }

    /** Whether the live composition got every segment of the recording, in order. */
    private boolean followedAll(long id, Live l, List<RecordingCatalog.Segment> segments) {
        Map<String, List<Path>> followed = l.composition().segments();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        segments.stream().sorted(Comparator.comparingInt(RecordingCatalog.Segment::trackIndex))
                .forEach(s -> expected.computeIfAbsent(s.trackId(), k -> new ArrayList<>())
                        .add(s.trackId() + "-" + s.trackIndex() + ".mkv"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            List<String> got = followed.getOrDefault(e.getKey(), List.of()).stream()
                    .map(p -> p.getFileName().toString()).toList();
            if (!got.equals(e.getValue())) {
                log.warn("recording {}: the live composition has {} of track {}, the recording {}; composing again from storage",
                        id, got, e.getKey(), e.getValue());
                return false;
            }
        }
        return true;
    }

    /** The recording ended: the live composition composes its last stretch; the file goes to storage. */
    private void finishLive(long id, Live l, Duration total, CompletableFuture<Void> manifestStored) {
        int[] last = {0};
        l.composition().finish(total, percent -> {
            if (percent != last[0] && percent < 100) {
                last[0] = percent;
                catalog.composed(id, Recording.ComposedState.RUNNING, percent, null, null, null);
            }
        }).whenCompleteAsync((result, error) -> {
            try {
                if (error != null) {
                    throw error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                }
                String key = Recording.composedKey(id);
                putWithRetry(key, result.file(), "video/mp4");
                deleteTree(l.dir());
                composedLive.incrementAndGet();
                catalog.composed(id, Recording.ComposedState.DONE, 100, key, result.bytes(), null);
                log.info("recording {}: composed review file ready ({} bytes, {} ms after the end; composed while "
                        + "recording)", id, result.bytes(), result.took().toMillis());
            } catch (Throwable e) {
                if (closing) { // composed again at the next start (recover)
                    catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
                } else {
                    log.warn("recording {}: the live composition failed ({}); composing again from storage", id,
                            e.toString());
                    catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
                    manifestStored.thenRun(() -> requestCompose(id));
                }
            } finally {
                deleteTree(l.dir());
            }
        }, storingLive);
    }

    /** How many composed review files this service made while their sessions ran. */
    public long composedWhileRecording() {
        return composedLive.get();
    }

    /** Queues (again) the composed review file of an ended recording. */
    public void requestCompose(long id) {
        catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
        try {
            composing.execute(() -> compose(id));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.info("recording {}: composing queued for the next start (this server is stopping)", id);
        }
    }

    private void compose(long id) {
        Recording r = catalog.find(id).orElse(null);
        if (r == null || r.status() == Recording.Status.DELETED) {
            return;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("lianxin-compose-" + id + "-");
            catalog.composed(id, Recording.ComposedState.RUNNING, 0, null, null, null);
            List<ComposeInput> inputs = new ArrayList<>();
            Instant origin = r.startedAt() != null ? r.startedAt() : r.createdAt();
            Map<String, List<RecordingCatalog.Segment>> byTrack = new LinkedHashMap<>();
            for (RecordingCatalog.Segment s : catalog.segments(id)) {
                byTrack.computeIfAbsent(s.trackId(), k -> new ArrayList<>()).add(s);
            }
            Map<String, RecordingCatalog.Track> tracks = catalog.tracks(id).stream()
                    .collect(Collectors.toMap(RecordingCatalog.Track::trackId, t -> t));
            for (Map.Entry<String, List<RecordingCatalog.Segment>> e : byTrack.entrySet()) {
                List<RecordingCatalog.Segment> segs = new ArrayList<>(e.getValue());
                segs.sort(Comparator.comparingInt(RecordingCatalog.Segment::trackIndex));
                List<Path> files = new ArrayList<>();
                for (RecordingCatalog.Segment s : segs) {
                    Path f = work.resolve(e.getKey() + "-" + s.trackIndex() + ".mkv");
                    try (InputStream in = store.get(s.key())) {
                        Files.copy(in, f);
                    }
                    files.add(f);
                }
                RecordingCatalog.Track t = tracks.get(e.getKey());
                String label = t == null ? e.getKey() : (t.displayName() != null ? t.displayName() : t.participantId());
                Instant trackStart = segs.get(0).startedAt();
                Duration offset = Duration.between(origin, trackStart);
                inputs.add(new ComposeInput(label, files, offset.isNegative() ? Duration.ZERO : offset));
            }
            Instant end = r.endedAt() != null ? r.endedAt() : clock.instant();
            Duration total = Duration.between(origin, end);
            Path out = work.resolve("composed.mp4");
            int[] last = {-1};
            ComposeResult result = composer.compose(inputs, total, out, percent -> {
                if (percent != last[0]) {
                    last[0] = percent;
                    catalog.composed(id, Recording.ComposedState.RUNNING, percent, null, null, null);
                }
            });
            String key = Recording.composedKey(id);
            putWithRetry(key, result.file(), "video/mp4");
            catalog.composed(id, Recording.ComposedState.DONE, 100, key, result.bytes(), null);
            log.info("recording {}: composed review file ready ({} bytes, took {} ms)", id, result.bytes(),
                    result.took().toMillis());
        } catch (Exception e) {
            if (closing) { // composed again at the next start (recover)
                log.info("recording {}: composing stopped by the shutdown; composed again at the next start", id);
                catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
                return;
            }
            log.error("recording {}: composing failed", id, e);
            catalog.composed(id, Recording.ComposedState.FAILED, 0, null, null,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            deleteTree(work);
        }
    }

    private void putWithRetry(String key, Path file, String contentType) throws InterruptedException {
        long wait = 500;
        while (true) {
            try {
                store.put(key, file, contentType);
                return;
            } catch (StorageException e) {
                if (!e.unavailable()) {
                    throw e;
                }
                log.warn("storage unavailable for {}; retrying in {} ms", key, wait);
                Thread.sleep(wait);
                wait = Math.min(wait * 2, 10_000);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }

    // ================================================================== retention

    /** Deletes an ended recording's media if its retention has passed and it is not on hold. */
    public DeleteResult delete(long id, String by) {
        Recording r = catalog.find(id).orElse(null);
        if (r == null || r.status() == Recording.Status.DELETED) {
            return DeleteResult.NOT_FOUND;
        }
        if (!r.ended()) {
            return DeleteResult.NOT_ENDED;
        }
        if (r.legalHold()) {
            return DeleteResult.LEGAL_HOLD;
        }
        if (r.retentionUntil() != null && clock.instant().isBefore(r.retentionUntil())) {
            return DeleteResult.RETENTION_NOT_REACHED;
        }
        if (!catalog.markDeleted(id, by, clock.instant())) {
            return DeleteResult.LEGAL_HOLD; // put on hold meanwhile
        }
        for (RecordingCatalog.Segment s : catalog.segments(id)) {
            store.delete(s.key());
        }
        store.delete(Recording.composedKey(id));
        log.info("recording {}: media deleted by {} (retention passed)", id, by);
        return DeleteResult.DELETED;
    }

    /** Deletes every recording whose retention has passed (a daily job); returns how many. */
    public int deleteExpired() {
        int n = 0;
        for (Recording r : catalog.expired(clock.instant())) {
            if (delete(r.id(), "retention") == DeleteResult.DELETED) {
                n++;
            }
        }
        return n;
    }

    // ================================================================== lifecycle

    /**
     * Tests only: stops every capture where it is, as a crash would (open segments stay cut short in
     * the spool), without ending any recording or writing anything more.
     */
    void abandon() {
        for (Active a : active.values()) {
            synchronized (a) {
                for (Track t : a.tracks.values()) {
                    t.capture().abort();
                }
                a.tracks.clear();
            }
        }
        active.clear();
        closing = true;
        for (Live l : live.values()) {
            l.composition().cancel();
        }
        live.clear();
        composing.shutdownNow();
        storingLive.shutdownNow();
    }

    /** Ends every recording (reason: server shutdown) and stops post-production. */
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
        closing = true;
        for (Live l : live.values()) {
            l.composition().cancel();
        }
        composing.shutdownNow();
        storingLive.shutdownNow();
        try {
            composing.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
