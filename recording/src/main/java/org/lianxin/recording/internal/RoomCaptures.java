package org.lianxin.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.lianxin.recording.RecordingMedia;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.capture.TrackCapture;
import org.lianxin.recording.capture.TrackSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captures of one recording's tracks: opened (FFmpeg listening on UDP ports, a folder in the spool), forwarded to by
 * the media server, thrown away unused; and those made ready before capturing starts for a participant expected to
 * publish (listening, nothing forwarded to them, nothing in the catalog: the lobby's media are neither forwarded nor
 * recorded), so that the start only asks for the forward.
 *
 * <p>Not thread-safe: its {@link RoomRecorder} guards it; {@link #discard} may run outside that guard.
 */
final class RoomCaptures {
    private static final Logger log = LoggerFactory.getLogger(RoomCaptures.class);

    /** A participant's track under a name, with its capture. */
    record Track(String trackId, String participantId, TrackCapture capture) {
    }

    private final long id;
    private final RecordingService.Subject subject;
    private final RoomRecorder.Context ctx;
    /** Captures made ready for publishers before capturing starts, by participant. */
    private final Map<String, Track> ready = new HashMap<>();

    RoomCaptures(long id, RecordingService.Subject subject, RoomRecorder.Context ctx) {
        this.id = id;
        this.subject = subject;
        this.ctx = ctx;
    }

    /** A capture for the participant's track {@code trackId}, listening (its folder in the spool made). */
    TrackCapture open(String trackId, String participantId) throws IOException {
        Path dir = ctx.spool().trackDir(id, trackId);
        String roomId = subject.roomId();
        RecordingMedia media = ctx.media();
        Files.createDirectories(dir);
        return TrackCapture.open(TrackSpec.of(trackId, dir, ctx.bindHost()), ctx.capture(),
                () -> media.requestKeyframe(roomId, participantId).exceptionally(e -> {
                    log.debug("recording {}: keyframe request for {} failed: {}", id, trackId, e.toString());
                    return null;
                }),
                segment -> ctx.chain().segmentClosed(id, segment, ctx.compositions().chainListener()));
    }

    /** Asks the media server to forward the participant's RTP to the capture of {@code t}. */
    CompletableFuture<Void> forward(Track t) {
        TrackSpec spec = TrackSpec.of(t.trackId(), ctx.spool().trackDir(id, t.trackId()), ctx.bindHost());
        return ctx.media().forward(subject.roomId(), t.participantId(), ctx.rtpHost(), t.capture().audioPort(),
                spec.audioPayloadType(), t.capture().videoPort(), spec.videoPayloadType());
    }

    /**
     * Makes a capture ready for the participant under {@code trackId}, the name its track will have. Failing here only
     * costs the time it would have saved: the track's capture is opened when capturing starts.
     */
    void makeReady(String participantId, String trackId) {
        try {
            ready.put(participantId, new Track(trackId, participantId, open(trackId, participantId)));
            log.debug("recording {}: capture {} of {} ready", id, trackId, participantId);
        } catch (IOException | RuntimeException e) {
            log.warn("recording {}: capture {} of {} could not be made ready ({}); opened when capturing starts", id,
                    trackId, participantId, e.toString());
        }
    }

    boolean isReady(String participantId) {
        return ready.containsKey(participantId);
    }

    /** The participant's ready capture, no longer kept here (null if none). */
    Track takeReady(String participantId) {
        return ready.remove(participantId);
    }

    /**
     * The forward to the participant's ready capture, asked for now, if it has one named {@code trackId} that still
     * runs; null otherwise.
     */
    CompletableFuture<Void> forwardIfReady(String participantId, String trackId) {
        Track r = ready.get(participantId);
        if (r != null && r.trackId().equals(trackId) && r.capture().isRunning()) {
            return forward(r);
        }
        return null;
    }

    /** Closes every capture made ready and not used (nothing was forwarded to them: they hold nothing). */
    void discardReady() {
        for (Track t : ready.values()) {
            discard(t);
        }
        ready.clear();
    }

    /** Closes an unused capture and removes its (empty) folder; nothing if null. */
    void discard(Track unused) {
        if (unused == null) {
            return;
        }
        unused.capture().close();
        try {
            Files.deleteIfExists(ctx.spool().trackDir(id, unused.trackId())); // empty: nothing arrived
        } catch (IOException e) {
            log.debug("recording {}: spool folder of unused capture {} stays: {}", id, unused.trackId(), e.toString());
        }
    }
}
