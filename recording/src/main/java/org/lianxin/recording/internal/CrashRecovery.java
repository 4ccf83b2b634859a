package org.lianxin.recording.internal;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingEndedException;
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
        List<Recording> unfinished = new ArrayList<>();
        for (Recording r : catalog.unfinished(instanceId)) {
            if (inRoomNow.test(r.roomId())) {
                continue;
            }
            try {
                chain.adoptLeftovers(r.id(), true);
                unfinished.add(r);
            } catch (RecordingEndedException e) { // another instance ended it just now (issue 14): handled below
                log.info("recording {}: ended by another instance while this one started", r.id());
            }
        }
        Set<Long> unfinishedIds = unfinished.stream().map(Recording::id).collect(Collectors.toSet());
        List<Long> endedElsewhere = new ArrayList<>();
        for (Long id : spool.recordingFolders()) {
            if (!unfinishedIds.contains(id) && adoptTakenOver(id, inRoomNow)) {
                endedElsewhere.add(id);
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
            if (!mine.contains(id) && !endedElsewhere.contains(id)) { // ended before the stop, manifest not stored yet
                end.manifestLeftInSpool(id).ifPresent(stored -> manifestsStored.put(id, stored));
            }
        }
        for (Long id : endedElsewhere) {
            end.segmentsAddedAfterEnd(id);
        }
        for (Recording r : unfinished) {
            try {
                interrupted(r, now, GAP_REASON, "RECOVERED");
            } catch (RecordingEndedException e) { // another instance ended it meanwhile (issue 14)
                log.info("recording {}: ended by another instance while this one recovered it", r.id());
            }
        }
        spool.deletePartials();
        for (Recording r : composeAgain) { // (from storage: once what its manifest lists is there)
            manifestsStored.getOrDefault(r.id(), CompletableFuture.completedFuture(null))
                    .thenRun(() -> compositions.resumeLeftOver(r));
        }
        return unfinished.size();
    }

    /**
     * A recording another instance was making, that instance lost, and nobody took its room within the reconnect grace
     * (issue 14; the cluster-wide job that finds them is the application's): ended here as INTERRUPTED (EMPTY if
     * nothing was captured) with the gap from its last chained media to now and {@code reason} in its timeline and
     * gaps. Its segments already in storage verify; those the lost instance still holds in its spool are added to it
     * when that instance starts again ({@link #recover}).
     *
     * @return the recording as ended, empty if it had ended already
     */
    public Optional<Recording> endLost(long id, String reason) {
        Optional<Recording> r = catalog.find(id).filter(x -> !x.ended());
        if (r.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(interrupted(r.get(), clock.instant(), reason, "OWNER_LOST"));
        } catch (RecordingEndedException e) {
            log.info("recording {}: ended by another instance meanwhile", id);
            return Optional.empty();
        }
    }

    /**
     * A recording this instance was making when it was lost and another instance took its room over (issue 14): its
     * segments this instance had not chained yet, and the open one the loss cut short, join the recording's chain
     * while it is still open (they go into its manifest). If it has ended meanwhile (another instance ended it: nobody
     * took its room), they are added to the ended recording, whose manifest is then written again.
     *
     * @return whether segments were added to an ended recording (its manifest to be written again)
     */
    private boolean adoptTakenOver(long id, Predicate<String> inRoomNow) {
        Recording r = catalog.find(id).orElse(null);
        if (r == null || r.status() == Recording.Status.DELETED || inRoomNow.test(r.roomId())) {
            return false;
        }
        boolean afterEnd = r.ended();
        List<RecordingCatalog.Segment> added;
        try {
            added = chain.adoptLeftovers(id, true, afterEnd);
        } catch (RecordingEndedException e) { // ended between the read and the chaining: once more, after its end
            afterEnd = true;
            added = chain.adoptLeftovers(id, true, true);
        }
        if (added.isEmpty()) {
            return false;
        }
        String type = afterEnd ? "RECOVERED_AFTER_END" : "TAKEOVER_RECOVERED";
        catalog.addEventAfterEnd(id, new Manifest.TimelineEntry(clock.instant(), type, null, null,
                added.size() + " segment(s) of lost instance " + instanceId + " added back"
                        + (afterEnd ? " after the recording ended" : "")));
        log.warn("recording {} of room {} ({}): {} segment(s) this instance left added back", id, r.roomId(),
                afterEnd ? "ended by another instance" : "taken over by another instance", added.size());
        return afterEnd;
    }

    private Recording interrupted(Recording r, Instant now, String gapReason, String eventType) {
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
            detail = status.name() + "; " + gapReason;
        } else {
            status = Recording.Status.INTERRUPTED;
            catalog.addGap(r.id(), new Manifest.Gap(lastEnd, now, gapReason));
            detail = status.name() + "; recorded until " + lastEnd + ", the composed review file ends there";
        }
        catalog.addEvent(r.id(), new Manifest.TimelineEntry(now, eventType, null, null, detail));
        Recording ended = end.end(r.id(), status, now);
        log.warn("recording {} of room {} was left unfinished: now {} with {} segments ({})", r.id(), r.roomId(),
                status, segments.size(), gapReason);
        return ended;
    }
}
