package org.lianxin.recording.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingEndedException;
import org.lianxin.recording.storage.SegmentUploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a recording in the catalog and writes its manifest: the final status (EMPTY when nothing was recorded), the
 * manifest built from the catalog (participants, tracks, the hash-chained segments, gaps, timeline), the catalog row
 * finished with the manifest's SHA-256 and the retention, the manifest spooled and queued for storage — after the
 * segments it lists, which were queued before it.
 */
public final class ManifestWriter {

    private static final Logger log = LoggerFactory.getLogger(ManifestWriter.class);

    /**
     * @param recording the recording as the catalog holds it after the end
     * @param segments  the segments the manifest lists
     * @param stored    completes when the manifest is in storage
     */
    record Written(Recording recording, List<RecordingCatalog.Segment> segments, CompletableFuture<Void> stored) {
    }

    private final RecordingCatalog catalog;
    private final Spool spool;
    private final SegmentUploader uploader;
    private final Duration receptionRetention;
    private final Duration consultationRetention;

    public ManifestWriter(RecordingCatalog catalog, Spool spool, SegmentUploader uploader, Duration receptionRetention,
                          Duration consultationRetention) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        this.receptionRetention = Objects.requireNonNull(receptionRetention, "receptionRetention");
        this.consultationRetention = Objects.requireNonNull(consultationRetention, "consultationRetention");
    }

    /** How often a manifest is built again when segments were chained while it was being built. */
    private static final int WRITE_ATTEMPTS = 5;

    /**
     * Finishes recording {@code id} as {@code requested} (EMPTY instead of COMPLETED when it has no segment). The
     * catalog ends it only if no segment was chained since the manifest was built (then built again).
     *
     * @throws RecordingEndedException when it has ended already (another instance ended it): nothing written
     */
    Written write(long id, Recording.Status requested, Instant endedAt) {
        for (int attempt = 1; ; attempt++) {
            Recording r = catalog.find(id).orElseThrow();
            if (r.ended()) {
                throw new RecordingEndedException(id, "its end as " + requested);
            }
            List<RecordingCatalog.Segment> segments = catalog.segments(id);
            Recording.Status status = segments.isEmpty() && requested == Recording.Status.COMPLETED
                    ? Recording.Status.EMPTY : requested;
            Manifest m = manifest(r, status, endedAt, catalog.tracks(id), segments, catalog.gaps(id),
                    catalog.timeline(id));
            byte[] bytes = ManifestCodec.write(m);
            Duration retention = r.kind() == Recording.Kind.RECEPTION ? receptionRetention : consultationRetention;
            if (catalog.finish(id, status, endedAt, Manifest.key(id), HashChain.sha256Hex(bytes),
                    endedAt.plus(retention), m.chainHead())) {
                return new Written(catalog.find(id).orElseThrow(), segments, store(id, bytes,
                        status + " with " + segments.size() + " segments"));
            }
            if (attempt == WRITE_ATTEMPTS) {
                throw new IllegalStateException("recording " + id + ": its chain kept moving while its manifest was"
                        + " written (" + attempt + " attempts)");
            }
            log.info("recording {}: a segment was chained while its manifest was written; written again", id);
        }
    }

    /**
     * Writes the manifest of an ended recording again, after segments its lost instance left in its spool were added
     * to it (issue 14): same status and end, the segments and timeline as the catalog holds them now; its new SHA-256
     * recorded in the catalog, the file queued for storage after those segments.
     *
     * @return completes when it is stored; empty if the catalog refused (not ended, or its chain moved on)
     */
    Optional<CompletableFuture<Void>> rewrite(long id) {
        Recording r = catalog.find(id).orElseThrow();
        List<RecordingCatalog.Segment> segments = catalog.segments(id);
        Manifest m = manifest(r, r.status(), r.endedAt(), catalog.tracks(id), segments, catalog.gaps(id),
                catalog.timeline(id));
        byte[] bytes = ManifestCodec.write(m);
        if (!catalog.manifestRewritten(id, HashChain.sha256Hex(bytes), m.chainHead())) {
            log.warn("recording {}: its manifest was not written again (no longer ended as {}, or its chain moved on)",
                    id, r.status());
            return Optional.empty();
        }
        return Optional.of(store(id, bytes, r.status() + ", written again with " + segments.size() + " segments"));
    }

    private CompletableFuture<Void> store(long id, byte[] bytes, String what) {
        String key = Manifest.key(id);
        Path spooled;
        try {
            spooled = spool.write(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the manifest of recording " + id, e);
        }
        CompletableFuture<Void> stored = new CompletableFuture<>();
        uploader.submit(key, spooled, "application/json", () -> {
            log.info("recording {}: {}, manifest in storage", id, what);
            stored.complete(null);
        });
        return stored;
    }

    /**
     * Queues again a manifest a stop or crash left in the spool before it reached storage.
     *
     * @return completes when it is stored; empty if none waits
     */
    Optional<CompletableFuture<Void>> uploadWaiting(long id) {
        String key = Manifest.key(id);
        return spool.waiting(key).map(file -> {
            CompletableFuture<Void> stored = new CompletableFuture<>();
            uploader.submit(key, file, "application/json", () -> {
                log.info("recording {}: manifest left in the spool by the last run now in storage", id);
                stored.complete(null);
            });
            return stored;
        });
    }

    /** The manifest of {@code r} ended as {@code status} at {@code endedAt}, from what the catalog holds of it. */
    static Manifest manifest(Recording r, Recording.Status status, Instant endedAt, List<RecordingCatalog.Track> tracks,
                             List<RecordingCatalog.Segment> segments, List<Manifest.Gap> gaps,
                             List<Manifest.TimelineEntry> timeline) {
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
                gaps, timeline, head);
    }
}
