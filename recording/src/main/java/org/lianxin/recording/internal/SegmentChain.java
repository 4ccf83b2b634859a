package org.lianxin.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lianxin.backoff.Backoff;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingEndedException;
import org.lianxin.recording.capture.ClosedSegment;
import org.lianxin.recording.capture.SegmentDuration;
import org.lianxin.recording.capture.SegmentSalvage;
import org.lianxin.recording.storage.SegmentUploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts closed segments into their recording's hash chain and on their way to storage. A segment a capture closed is
 * moved to its place in the spool, appended to the chain in the catalog (retried with a {@link Backoff} while the
 * database refuses; after the last attempt it stays in the spool, and the end of the recording or the next start
 * chains it), shown to whoever follows the recording (its live composition) and queued for upload. Segments a crash
 * left in the spool are chained by {@link #adoptLeftovers}.
 */
public final class SegmentChain {

    private static final Logger log = LoggerFactory.getLogger(SegmentChain.class);
    static final String MKV = "video/x-matroska";

    /** Told of a segment once it is chained, before its upload (which deletes the spooled file). */
    @FunctionalInterface
    interface Listener {
        void chained(RecordingCatalog.Segment segment, Path spooled);
    }

    /** How the chaining thread waits between attempts (a test passes one that does not sleep). */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final RecordingCatalog catalog;
    private final Spool spool;
    private final SegmentUploader uploader;
    private final Clock clock;
    private final Backoff backoff;
    private final int attempts;
    private final Pause pause;

    public SegmentChain(RecordingCatalog catalog, Spool spool, SegmentUploader uploader, Clock clock) {
        this(catalog, spool, uploader, clock, Backoff.ofMillis(100, 5_000), 8, Thread::sleep);
    }

    SegmentChain(RecordingCatalog catalog, Spool spool, SegmentUploader uploader, Clock clock, Backoff backoff,
                 int attempts, Pause pause) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.attempts = attempts;
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** On a capture thread: spool, chain, tell {@code listener}, queue for storage. */
    void segmentClosed(long id, ClosedSegment s, Listener listener) {
        String key = Recording.segmentKey(id, s.trackId(), s.index());
        Path spooled;
        try {
            spooled = spool.take(key, s.file());
        } catch (IOException e) {
            log.error("recording {}: could not spool segment {}", id, key, e);
            return;
        }
        Optional<RecordingCatalog.Segment> seg = append(id, s, key);
        if (seg.isEmpty()) {
            return;
        }
        listener.chained(seg.get(), spooled);
        upload(seg.get());
    }

    /** Appends to the chain; retries with back-off; empty (left in the spool) after the last attempt. */
    Optional<RecordingCatalog.Segment> append(long id, ClosedSegment s, String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(catalog.appendSegment(id, s.trackId(), s.index(), key, s.bytes(), s.sha256(),
                        s.startedAt(), s.endedAt(), s.durationMs()));
            } catch (RecordingEndedException e) { // ended by another instance (issue 14): recovered at the next start
                log.warn("recording {}: segment {} not chained, the recording has ended (another instance ended it);"
                        + " left in the spool, added to it at this instance's next start", id, key);
                return Optional.empty();
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    log.error("recording {}: segment {} could not be chained ({} attempts); left in the spool", id,
                            key, attempt, e);
                    return Optional.empty();
                }
                long wait = backoff.millis(attempt - 1);
                log.warn("recording {}: chaining segment {} failed ({}); retrying in {} ms", id, key, e.toString(),
                        wait);
                try {
                    pause.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** Queues a chained segment's spooled file for storage; the catalog marks it uploaded once stored. */
    void upload(RecordingCatalog.Segment seg) {
        uploader.submit(seg.key(), spool.pathOf(seg.key()), MKV,
                () -> catalog.markUploaded(seg.recordingId(), seg.chainIndex(), clock.instant()));
    }

    /**
     * Chains the segments of recording {@code id} still in the spool and not in the chain, in track order: closed
     * ones a crash (or a database that kept refusing) left between their close and their chaining, at the length
     * their header says and ending when they were written; and, when {@code salvageCutShort} (at start, when no
     * capture runs), the open segments a crash cut short, made complete ({@link SegmentSalvage}) at their real
     * length, continuing their track's previous segment. Not uploaded: the caller queues them.
     *
     * @return the segments added to the chain
     * @throws org.lianxin.recording.RecordingEndedException when the recording has ended (see the overload)
     */
    List<RecordingCatalog.Segment> adoptLeftovers(long id, boolean salvageCutShort) {
        return adoptLeftovers(id, salvageCutShort, false);
    }

    /**
     * As {@link #adoptLeftovers(long, boolean)}; with {@code afterEnd}, also into a recording that has ended (another
     * instance ended it while this one was lost, issue 14: {@link RecordingCatalog#appendRecoveredSegment}).
     */
    List<RecordingCatalog.Segment> adoptLeftovers(long id, boolean salvageCutShort, boolean afterEnd) {
        List<Spool.Leftover> leftovers = spool.leftovers(id);
        if (leftovers.isEmpty()) {
            return List.of();
        }
        List<RecordingCatalog.Segment> chain = new ArrayList<>(catalog.segments(id));
        Set<String> known = new HashSet<>();
        chain.forEach(s -> known.add(s.key()));
        List<RecordingCatalog.Segment> added = new ArrayList<>();
        for (Spool.Leftover l : leftovers) {
            String key = Recording.segmentKey(id, l.trackId(), l.index());
            if (known.contains(key) || l.cutShort() && !salvageCutShort) {
                continue;
            }
            try {
                RecordingCatalog.Segment seg = l.cutShort() ? salvaged(id, l, key, chain, afterEnd)
                        : closed(id, l, key, afterEnd);
                if (seg != null) {
                    known.add(key);
                    chain.add(seg);
                    added.add(seg);
                }
            } catch (IOException e) {
                log.error("recording {}: could not adopt {}", id, l.file(), e);
            }
        }
        return added;
    }

    private RecordingCatalog.Segment closed(long id, Spool.Leftover l, String key, boolean afterEnd)
            throws IOException {
        Path target = spool.pathOf(key);
        if (!l.file().equals(target)) {
            target = spool.take(key, l.file());
        }
        // its end is when it was written; its length is what its header says (0 if it says nothing)
        Instant modified = Files.getLastModifiedTime(target).toInstant();
        long durationMs = Math.max(0, SegmentDuration.millis(target));
        RecordingCatalog.Segment seg = append(afterEnd, id, l.trackId(), l.index(), key, Files.size(target),
                HashChain.sha256Hex(target), modified.minusMillis(durationMs), modified, durationMs);
        log.warn("recording {}: segment {} closed before the crash added to the chain", id, key);
        return seg;
    }

    private RecordingCatalog.Segment salvaged(long id, Spool.Leftover l, String key,
                                              List<RecordingCatalog.Segment> chain, boolean afterEnd)
            throws IOException {
        Instant written = Files.getLastModifiedTime(l.file()).toInstant();
        Optional<SegmentSalvage.Salvaged> s = spool.salvage(l, key);
        if (s.isEmpty()) {
            return null;
        }
        long durationMs = s.get().durationMs();
        // it continues its track's segment before it; without one, it ends about when it was last written
        Instant start = chain.stream().filter(c -> c.trackId().equals(l.trackId()) && c.trackIndex() == l.index() - 1)
                .map(RecordingCatalog.Segment::endedAt).findFirst().orElse(written.minusMillis(durationMs));
        Path file = s.get().file();
        RecordingCatalog.Segment seg = append(afterEnd, id, l.trackId(), l.index(), key, Files.size(file),
                HashChain.sha256Hex(file), start, start.plusMillis(durationMs), durationMs);
        log.warn("recording {}: the open segment {} a crash cut short kept with {} ms of media", id, key, durationMs);
        return seg;
    }

    private RecordingCatalog.Segment append(boolean afterEnd, long id, String trackId, int index, String key,
                                            long bytes, String sha256, Instant start, Instant end, long durationMs) {
        return afterEnd
                ? catalog.appendRecoveredSegment(id, trackId, index, key, bytes, sha256, start, end, durationMs)
                : catalog.appendSegment(id, trackId, index, key, bytes, sha256, start, end, durationMs);
    }
}
