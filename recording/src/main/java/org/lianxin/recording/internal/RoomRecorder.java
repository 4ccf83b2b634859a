package org.lianxin.recording.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingEndedException;
import org.lianxin.recording.RecordingMedia;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.capture.TrackCapture;
import org.lianxin.recording.internal.RoomCaptures.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room's recording while it is made: who publishes, whether the room is captured, one track (a
 * {@link TrackCapture}) per publisher while it is, and the series (a new one after the media server was lost).
 *
 * <p>A publisher known before capturing starts (a reception's leader and its petitioner in the lobby) gets its capture
 * made ready at once: listening on its UDP ports, with no forward and nothing in the catalog (the lobby's media are
 * neither forwarded nor recorded). The start then only asks the media server to forward to it: opening a capture
 * (FFmpeg, ports, spool) took 0.1–0.6 s per track on a loaded machine, and every packet the media server had before the
 * forward was lost to the recording. A petitioner's lobby feed is not told to the recording before the admission
 * ({@code LobbyPublishing} raises its {@code PublishingStarted} after {@code ParticipantAdmitted}), so its capture is
 * made ready when it enters the lobby ({@link #prepare}) and forwarded to when its publishing is told, before the
 * catalog's writes.
 *
 * <p>Side effects: captures opened and closed (UDP ports, files in the spool), the media server asked to forward RTP
 * and for keyframes, tracks, gaps and events written to the catalog, the live composition told of tracks; closed
 * segments go to the {@link SegmentChain}. Guarded by itself; calls about one room come in order.
 */
public final class RoomRecorder {

    private static final Logger log = LoggerFactory.getLogger(RoomRecorder.class);
    /** The timeline entry of a takeover: another application instance records the room from then on. */
    public static final String TAKEN_OVER = "TAKEN_OVER";

    /** What every room's recorder works with. */
    public record Context(RecordingCatalog catalog, RecordingMedia media, Spool spool,
                          SegmentChain chain, CompositionQueue compositions, CaptureSettings capture,
                          String bindHost, String rtpHost, Clock clock) {
        public Context {
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(spool, "spool");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(compositions, "compositions");
            Objects.requireNonNull(capture, "capture");
            Objects.requireNonNull(bindHost, "bindHost");
            Objects.requireNonNull(rtpHost, "rtpHost");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private record Publisher(String participantId, String displayName, String role) {
    }

    private final long id;
    private final RecordingService.Subject subject;
    private final Context ctx;
    private final TrackNames names;
    private boolean capturing;
    private Instant mediaLostAt;
    /** Why nothing was recorded since {@link #mediaLostAt}: the gap's reason once a track opens again. */
    private String mediaLostReason = "media server lost";
    /** participants publishing now (known even before capture starts) */
    private final Map<String, Publisher> publishing = new LinkedHashMap<>();
    private final Map<String, Track> tracks = new HashMap<>();
    /** Opens, forwards to and throws away the tracks' captures; keeps those made ready before capturing starts. */
    private final RoomCaptures captures;

    /** The recorder of recording {@code r} (with the tracks it already has, if taken over after a restart). */
    public RoomRecorder(Recording r, RecordingService.Subject subject, List<RecordingCatalog.Track> known,
                        Context ctx) {
        this.id = r.id();
        this.subject = Objects.requireNonNull(subject, "subject");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.names = new TrackNames(r.series());
        this.captures = new RoomCaptures(id, subject, ctx);
        for (RecordingCatalog.Track t : known) {
            names.known(t.trackId(), t.participantId());
        }
    }

    public long id() {
        return id;
    }

    /**
     * Starts capturing (once): the recording is RECORDING, every publisher gets a track.
     *
     * @throws RecordingEndedException when another instance ended the recording (issue 14): nothing started
     */
    public synchronized void start(Instant at) {
        if (capturing) {
            return;
        }
        ctx.catalog().markRecording(id, at);
        capturing = true;
        // the ready captures are forwarded to first: every write below would be media the forward missed
        Map<String, CompletableFuture<Void>> forwarding = new HashMap<>();
        for (Publisher p : publishing.values()) {
            CompletableFuture<Void> f = forwardIfReady(p.participantId());
            if (f != null) {
                forwarding.put(p.participantId(), f);
            }
        }
        ctx.catalog().addEvent(id, new Manifest.TimelineEntry(at, "RECORDING_STARTED", null, null, null));
        log.info("recording {}: capturing room {} ({} of {} publishers forwarded to ready captures)", id,
                subject.roomId(), forwarding.size(), publishing.size());
        ctx.compositions().recordingStarted(id);
        for (Publisher p : new ArrayList<>(publishing.values())) {
            openTrack(p, at, forwarding.get(p.participantId()));
        }
    }

    public synchronized boolean isCapturing() {
        return capturing;
    }

    /**
     * A participant's media are up: captured now, or when capture starts (its capture made ready now, forwarded to
     * then).
     */
    public synchronized void publishingStarted(String participantId, String displayName, String role, Instant at) {
        Publisher p = new Publisher(participantId, displayName, role);
        publishing.put(participantId, p);
        if (capturing && !tracks.containsKey(participantId)) {
            openTrack(p, at, forwardIfReady(participantId)); // the forward first: the catalog's writes come after
        } else {
            prepare(participantId);
        }
    }

    /**
     * A participant who will publish once capturing starts (a petitioner waiting in the lobby, its feed told to nobody
     * until the admission): its capture made ready now, nothing forwarded to it.
     */
    public synchronized void prepare(String participantId) {
        if (!capturing && !captures.isReady(participantId) && !tracks.containsKey(participantId)) {
            captures.makeReady(participantId, names.peek(participantId));
        }
    }

    /** The forward to the participant's ready capture, asked for now; null if it has none (or one of another name). */
    private CompletableFuture<Void> forwardIfReady(String participantId) {
        return captures.forwardIfReady(participantId, names.peek(participantId));
    }

    /**
     * A participant stopped publishing: its track is closed.
     *
     * @throws RecordingEndedException when another instance ended the recording (issue 14): the capture is closed, its
     *                                 end not written
     */
    public void publishingStopped(String participantId, Instant at) {
        Track t;
        Track unused;
        synchronized (this) {
            publishing.remove(participantId);
            t = tracks.remove(participantId);
            unused = captures.takeReady(participantId);
        }
        captures.discard(unused);
        if (t != null && !closeTrack(t, at, true)) {
            throw new RecordingEndedException(id, "the end of track " + t.trackId());
        }
    }

    /**
     * The media server was lost: every track ends; publishers coming back start a new series.
     *
     * @throws RecordingEndedException when another instance ended the recording (issue 14): every capture is closed,
     *                                 nothing written
     */
    public void mediaLost(Instant at, String reason) {
        List<Track> closing;
        RecordingEndedException refused = null;
        synchronized (this) {
            closing = new ArrayList<>(tracks.values());
            tracks.clear();
            publishing.clear();
            captures.discardReady();
            if (mediaLostAt == null) {
                mediaLostAt = at;
            }
            // publishers may have been told to stop (and their tracks closed) just before the loss
            if (names.seriesUsed()) {
                try {
                    names.newSeries(ctx.catalog().nextSeries(id));
                } catch (RecordingEndedException e) { // its captures still close, below
                    refused = e;
                }
            }
        }
        boolean open = refused == null;
        try {
            if (open) {
                ctx.catalog().addEvent(id, new Manifest.TimelineEntry(at, "MEDIA_LOST", null, null, reason));
            }
        } finally {
            for (Track t : closing) {
                open &= closeTrack(t, at, false);
            }
        }
        if (refused != null) {
            throw refused;
        }
        if (!open) {
            throw new RecordingEndedException(id, "the end of its tracks");
        }
    }

    /**
     * Recording {@code r} (this recorder's, as it was opened) is recorded by instance {@code here} from now on. If
     * another instance was making it, that one was lost and {@code here} owns the room now (issue 14): {@link
     * #takenOver} when it was capturing; not capturing yet, it was only opened there (the kiosk's notice reached
     * another instance) and is adopted as it is.
     *
     * @throws RecordingEndedException when another instance ended it meanwhile (this recorder is not to be used)
     */
    public void adopt(Recording r, String here, Instant at) {
        ctx.catalog().takeOver(id, here).ifPresent(from -> {
            if (r.status() == Recording.Status.RECORDING) {
                takenOver(from, here, true, at);
            } else {
                log.info("recording {} of room {}: opened by {}, not capturing yet; recorded here", id,
                        subject.roomId(), from);
            }
        });
    }

    /**
     * This instance took the room over from instance {@code from}, which was lost while making the recording (issue
     * 14): the tracks {@code from} left open end where their last segment ended, a new series starts (as after a media
     * server's loss), the takeover goes into the timeline, and when the recording was capturing it goes on capturing
     * here — the room's publishers get tracks of the new series as soon as they publish here (new forwards to this
     * instance's recorder); the time between {@code from}'s last segment and the first new track is a gap. What
     * {@code from} had not closed (its open segments) is lost here; {@code from} adds it when it starts again, if the
     * recording is still open ({@link CrashRecovery}).
     *
     * @throws RecordingEndedException when another instance ended the recording meanwhile (issue 14)
     */
    private void takenOver(String from, String to, boolean wasCapturing, Instant at) {
        List<RecordingCatalog.Segment> segments = ctx.catalog().segments(id);
        Instant lastMedia = segments.stream().map(RecordingCatalog.Segment::endedAt)
                .max(Instant::compareTo).orElse(at);
        for (RecordingCatalog.Track t : ctx.catalog().tracks(id)) {
            if (t.endedAt() == null) {
                Instant end = segments.stream().filter(s -> s.trackId().equals(t.trackId()))
                        .map(RecordingCatalog.Segment::endedAt).max(Instant::compareTo).orElse(t.startedAt());
                ctx.catalog().endTrack(id, t.trackId(), end);
            }
        }
        synchronized (this) {
            captures.discardReady(); // named in the series that ends
            if (!ctx.catalog().tracks(id).isEmpty()) {
                names.newSeries(ctx.catalog().nextSeries(id));
            }
            capturing = wasCapturing;
            if (wasCapturing) {
                mediaLostAt = lastMedia.isAfter(at) ? at : lastMedia;
                mediaLostReason = "application instance " + from + " lost; taken over by " + to;
            }
        }
        ctx.catalog().addEvent(id, new Manifest.TimelineEntry(at, TAKEN_OVER, null, null,
                "from " + from + " to " + to + (wasCapturing ? "; series " + names.series() : "")));
        log.warn("recording {}: room {} taken over from lost instance {}; {}", id, subject.roomId(), from,
                wasCapturing ? "capturing goes on here in series " + names.series() : "not capturing yet");
    }

    /** The session ended: capturing stops, every track closes (their last segments are delivered). */
    public void stop(Instant at) {
        List<Track> closing;
        synchronized (this) {
            closing = new ArrayList<>(tracks.values());
            tracks.clear();
            capturing = false;
            captures.discardReady();
        }
        closing.parallelStream().forEach(t -> closeTrack(t, at, true));
    }

    /** As a crash would: every capture stops where it is (open segments stay cut short in the spool). */
    public synchronized void abort() {
        for (Track t : tracks.values()) {
            t.capture().abort();
        }
        tracks.clear();
        captures.discardReady();
    }

    /**
     * Opens the participant's track: its capture (the one made ready, if it has the track's name), its row, the
     * forward to it.
     *
     * @param forwarding the forward to its ready capture, asked for already ({@link #start}); null: asked for here
     */
    private void openTrack(Publisher p, Instant at, CompletableFuture<Void> forwarding) {
        String trackId = names.next(p.participantId());
        String roomId = subject.roomId();
        String participantId = p.participantId();
        RecordingMedia media = ctx.media();
        Track prepared = captures.takeReady(participantId);
        TrackCapture capture = null;
        if (prepared != null && prepared.trackId().equals(trackId)
                && (forwarding != null || prepared.capture().isRunning())) {
            capture = prepared.capture();
        } else {
            captures.discard(prepared);
            try {
                capture = captures.open(trackId, participantId);
            } catch (IOException | RuntimeException e) {
                log.error("recording {}: could not start capturing {} in room {}", id, trackId, roomId, e);
                ctx.catalog().addEvent(id, new Manifest.TimelineEntry(at, "TRACK_FAILED", participantId, p.role(),
                        "capture could not start"));
                return;
            }
        }

        try {
            ctx.catalog().addTrack(new RecordingCatalog.Track(id, trackId, participantId, p.displayName(), p.role(),
                    names.series(), at, null, 0));
        } catch (RuntimeException e) { // (another instance ended the recording: RecordingEndedException)
            if (forwarding != null) {
                media.stopForward(roomId, participantId).exceptionally(x -> null);
            }
            capture.close();
            throw e;
        }
        ctx.compositions().trackStarted(id, trackId, p.displayName() != null ? p.displayName() : participantId, at);
        tracks.put(participantId, new Track(trackId, participantId, capture));
        if (mediaLostAt != null) {
            ctx.catalog().addGap(id, new Manifest.Gap(mediaLostAt, at, mediaLostReason));
            mediaLostAt = null;
            mediaLostReason = "media server lost";
        }
        log.info("recording {}: track {} of {} on RTP ports {}/{}", id, trackId, participantId, capture.audioPort(),
                capture.videoPort());
        (forwarding != null ? forwarding : captures.forward(new Track(trackId, participantId, capture)))
                .thenCompose(v -> {
                    log.info("recording {}: track {} forwarded", id, trackId);
                    return media.requestKeyframe(roomId, participantId);
                })
                .whenComplete((v, e) -> {
                    if (e != null) {
                        log.warn("recording {}: forwarding {} failed: {}", id, trackId, e.toString());
                        Instant now = ctx.clock().instant();
                        ctx.catalog().addEvent(id, new Manifest.TimelineEntry(now, "TRACK_FAILED", participantId,
                                p.role(), "media server did not forward"));
                        publishingStopped(participantId, now);
                    }
                });
    }

    /**
     * Closes the track's capture and writes its end.
     *
     * @return false when the catalog refused its end: another instance ended the recording (issue 14)
     */
    private boolean closeTrack(Track t, Instant at, boolean stopForward) {
        log.info("recording {}: closing track {} (end at {}; last packet at {})", id, t.trackId(), at,
                t.capture().stats().lastPacketAt());
        if (stopForward) {
            ctx.media().stopForward(subject.roomId(), t.participantId()).exceptionally(e -> null);
        }
        try {
            t.capture().close();
        } catch (RuntimeException e) {
            log.warn("recording {}: closing track {} failed", id, t.trackId(), e);
        }
        ctx.compositions().trackEnded(id, t.trackId());
        try {
            ctx.catalog().endTrack(id, t.trackId(), at);
            return true;
        } catch (RecordingEndedException e) {
            log.info("recording {}: track {} closed; its end not written, another instance ended the recording", id,
                    t.trackId());
            return false;
        }
    }
}
