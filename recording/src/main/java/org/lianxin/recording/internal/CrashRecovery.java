package org.lianxin.recording.internal;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this server does at start, before rooms open, about what its last run left unfinished (a crash, or a stop
 * while storage was down). Recordings it was making end as INTERRUPTED (EMPTY if nothing was captured) with the gap
 * from their last media to now; the segments a crash caught are kept (closed ones chained, the open one made complete
 * up to its last cluster); every segment, manifest and composed file still in the spool goes to storage; composed
 * files that were queued or being made are stored or composed again; what can never be finished is deleted.
 */
public final class CrashRecovery {

    private static final Logger log = LoggerFactory.getLogger(CrashRecovery.class);
    static final String GAP_REASON = "recording server stopped unexpectedly";

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final Spool spool;
    private final SegmentChain chain;
    private final RecordingEnd end;
    private final CompositionQueue compositions;
    private final String instanceId;
    private final boolean compose;
    private final Clock clock;

    public CrashRecovery(RecordingCatalog catalog, ObjectStore store, Spool spool, SegmentChain chain, RecordingEnd end,
                         CompositionQueue compositions, String instanceId, boolean compose, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.spool = spool;
        this.chain = chain;
        this.end = end;
        this.compositions = compositions;
        this.instanceId = instanceId;
        this.compose = compose;
        this.clock = clock;
    }

    /**
     * @param inRoomNow whether a room id is being recorded already (its recording is not recovered)
     * @return how many recordings were recovered
     */
    public int recover(Predicate<String> inRoomNow) {
        Instant now = clock.instant();
        List<Recording> composeAgain = compose ? catalog.composingLeft(instanceId) : List.of();
        spool.deleteCompositionLeftovers(compositions::followsLive);
        List<Recording> unfinished = catalog.unfinished(instanceId).stream()
                .filter(r -> !inRoomNow.test(r.roomId())).toList();
        for (Recording r : unfinished) {
            chain.adoptLeftovers(r.id(), true);
        }
        Set<Long> unfinishedIds = unfinished.stream().map(Recording::id).collect(Collectors.toSet());
        for (Long id : spool.recordingFolders()) {
            if (!unfinishedIds.contains(id)) {
                adoptTakenOver(id, inRoomNow);
            }
        }
        // segments first, so that each manifest reaches storage after the segments it lists
        Set<Long> mine = unfinished.stream().map(Recording::id).collect(Collectors.toSet());
        for (RecordingCatalog.Segment s : catalog.notUploaded()) {
            if (Files.exists(spool.pathOf(s.key()))) {
                chain.upload(s);
            } else if (!mine.contains(s.recordingId())) {
                continue; // another node's, in its spool
            } else if (store.stat(s.key()).isPresent()) {
                catalog.markUploaded(s.recordingId(), s.chainIndex(), now);
            } else {
                log.error("recording {}: segment {} is neither spooled nor stored", s.recordingId(), s.key());
            }
        }
        Map<Long, CompletableFuture<Void>> manifestsStored = new HashMap<>();
        for (Long id : spool.manifestsWaiting()) {
            if (!mine.contains(id)) { // ended before the stop, its manifest not yet in storage
                end.manifestLeftInSpool(id).ifPresent(stored -> manifestsStored.put(id, stored));
            }
        }
        for (Recording r : unfinished) {
            interrupted(r, now);
        }
        spool.deletePartials();
        for (Recording r : composeAgain) { // (from storage: once what its manifest lists is there)
            manifestsStored.getOrDefault(r.id(), CompletableFuture.completedFuture(null))
                    .thenRun(() -> compositions.resumeLeftOver(r));
        }
        return unfinished.size();
    }

    /**
     * A recording this instance was making when it was lost and another instance took its room over (issue 14): its
     * segments this instance had not chained yet, and the open one the loss cut short, join the recording's chain
     * while it is still open (they go into its manifest); once it has ended they can no longer be listed and are left.
     */
    private void adoptTakenOver(long id, Predicate<String> inRoomNow) {
        catalog.find(id).ifPresent(r -> {
            if (r.ended() || inRoomNow.test(r.roomId())) {
                return;
            }
            List<RecordingCatalog.Segment> added = chain.adoptLeftovers(id, true);
            if (!added.isEmpty()) {
                catalog.addEvent(id, new Manifest.TimelineEntry(clock.instant(), "TAKEOVER_RECOVERED", null, null,
                        added.size() + " segment(s) of lost instance " + instanceId + " added back"));
                log.warn("recording {} of room {} (taken over by another instance): {} segment(s) this instance left"
                        + " added back", id, r.roomId(), added.size());
            }
        });
    }

    private void interrupted(Recording r, Instant now) {
        List<RecordingCatalog.Segment> segments = catalog.segments(r.id());
        Instant lastEnd = segments.stream().map(RecordingCatalog.Segment::endedAt).max(Comparator.naturalOrder())
                .orElse(r.startedAt() != null ? r.startedAt() : r.createdAt());
        for (RecordingCatalog.Track t : catalog.tracks(r.id())) {
            if (t.endedAt() == null) {
                catalog.endTrack(r.id(), t.trackId(), lastEnd);
            }
        }
        Recording.Status status;
        String detail;
        if (segments.isEmpty() && r.status() == Recording.Status.PENDING) {
            status = Recording.Status.EMPTY;
            detail = status.name();
        } else {
            status = Recording.Status.INTERRUPTED;
            catalog.addGap(r.id(), new Manifest.Gap(lastEnd, now, GAP_REASON));
            detail = status.name() + "; recorded until " + lastEnd + ", the composed review file ends there";
        }
        catalog.addEvent(r.id(), new Manifest.TimelineEntry(now, "RECOVERED", null, null, detail));
        end.end(r.id(), status, now);
        log.warn("recording {} of room {} was left unfinished: now {} with {} segments", r.id(), r.roomId(), status,
                segments.size());
    }
}
