package org.lianxin.recording.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.compose.ComposeInput;
import org.lianxin.recording.compose.ComposeResult;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.SegmentUploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the composed review files, both ways: while a recording is made ({@link LiveCompositions}: at the end only
 * its last stretch is left) or after its end, from storage, one at a time on the composing thread (beyond the live
 * compositions of this server, after a restart, or when the live one missed something). Either way the finished MP4
 * is spooled and goes to storage through the {@link SegmentUploader} (retried while storage is down, in order, never
 * on the composing thread); the catalog's composed state is RUNNING (100 %) until then and DONE once it is stored.
 *
 * <p>With {@code composeOnNodes} ({@code lianxin.recording.compose.where=compose-nodes}) nothing is composed here: an
 * ended recording is queued in the catalog for the compose nodes once its manifest is stored, and a compose worker
 * ({@link org.lianxin.recording.ComposeWorker}) of the cluster claims it.
 *
 * <p>A gap that runs to the recording's end (the time a crash cut off until the restart) is not composed: the file
 * ends where the recorded media end.
 */
public final class CompositionQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompositionQueue.class);

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final SegmentUploader uploader;
    private final Composer composer;
    private final Spool spool;
    private final Clock clock;
    private final boolean enabled;
    private final boolean composeOnNodes;
    private final LiveCompositions live;
    private final ExecutorService composing;
    private final AtomicLong composedLive = new AtomicLong();
    private volatile boolean closing;

    /**
     * @param enabled          whether review files are made at all
     * @param liveCompositions how many recordings this server composes while they are made
     */
    public CompositionQueue(RecordingCatalog catalog, ObjectStore store, SegmentUploader uploader, Composer composer,
                            Spool spool, Clock clock, boolean enabled, int liveCompositions) {
        this(catalog, store, uploader, composer, spool, clock, enabled, liveCompositions, false);
    }

    /** @param composeOnNodes review files are composed on the compose nodes, none here (not even live) */
    public CompositionQueue(RecordingCatalog catalog, ObjectStore store, SegmentUploader uploader, Composer composer,
                            Spool spool, Clock clock, boolean enabled, int liveCompositions, boolean composeOnNodes) {
        this.catalog = catalog;
        this.store = store;
        this.uploader = uploader;
        this.composer = composer;
        this.spool = spool;
        this.clock = clock;
        this.enabled = enabled;
        this.composeOnNodes = composeOnNodes;
        this.live = new LiveCompositions(catalog, composer, spool, clock, liveCompositions);
        this.composing = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "recording-compose");
            t.setDaemon(true);
            return t;
        });
    }

    // ================================================================== while the recording is made

    /** Capture started: follow the recording if composing is on and a live composition is free. */
    void recordingStarted(long id) {
        if (enabled && !closing && !composeOnNodes) {
            live.start(id);
        }
    }

    void trackStarted(long id, String trackId, String label, Instant at) {
        live.trackStarted(id, trackId, label, at);
    }

    void trackEnded(long id, String trackId) {
        live.trackEnded(id, trackId);
    }

    /** What the segment chain tells: a segment is chained and still in the spool. */
    SegmentChain.Listener chainListener() {
        return live::chained;
    }

    // ================================================================== the end

    /**
     * The recording ended and its manifest is on its way to storage: the live composition composes its last stretch,
     * or (none, or it missed a segment) the file is composed from storage once the manifest is stored.
     */
    void recordingEnded(ManifestWriter.Written w) {
        long id = w.recording().id();
        boolean composeIt = enabled && !w.segments().isEmpty();
        LiveCompositions.Live l = live.remove(id);
        if (composeIt && l != null && LiveCompositions.followedAll(l, w.segments())) {
            catalog.composed(id, Recording.ComposedState.RUNNING, 0, null, null, null);
            finishLive(l, Duration.between(l.origin(), w.recording().endedAt()), w.stored());
            return;
        }
        if (l != null) {
            l.composition().cancel();
            Spool.deleteTree(l.dir());
        }
        if (composeIt) {
            catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
            w.stored().thenRun(() -> requestCompose(id));
        }
    }

    /** An ended recording's composed file made again once {@code manifestStored} (segments were added after its end). */
    void composeAgain(long id, CompletableFuture<Void> manifestStored) {
        if (enabled) {
            catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
            manifestStored.thenRun(() -> requestCompose(id));
        }
    }

    private void finishLive(LiveCompositions.Live l, Duration total, CompletableFuture<Void> manifestStored) {
        long id = l.id();
        int[] last = {0};
        l.composition().finish(total, percent -> {
            if (percent != last[0] && percent < 100) {
                last[0] = percent;
                catalog.composed(id, Recording.ComposedState.RUNNING, percent, null, null, null);
            }
        }).whenComplete((result, error) -> {
            try {
                if (error != null) {
                    throw error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                }
                deliver(id, result, true, l.dir());
            } catch (Throwable e) {
                catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
                if (!closing) { // (when stopping, composed again at the next start)
                    log.warn("recording {}: the live composition failed ({}); composing again from storage", id,
                            e.toString());
                    manifestStored.thenRun(() -> requestCompose(id));
                }
            } finally {
                Spool.deleteTree(l.dir());
            }
        });
    }

    /** How many composed review files were made while their sessions ran (counted once stored). */
    public long composedWhileRecording() {
        return composedLive.get();
    }

    /** Queues (again) the composed review file of an ended recording, made from storage. */
    public void requestCompose(long id) {
        if (composeOnNodes) {
            catalog.queueForComposeNodes(id, clock.instant());
            log.info("recording {}: composed review file queued for the compose nodes", id);
            return;
        }
        catalog.composed(id, Recording.ComposedState.QUEUED, 0, null, null, null);
        try {
            composing.execute(() -> compose(id));
        } catch (RejectedExecutionException stopping) {
            log.info("recording {}: composing queued for the next start (this server is stopping)", id);
        }
    }

    /**
     * At start: a composed file that was queued or being made when this server stopped is stored if it is
     * complete in the spool, else composed again.
     */
    void resumeLeftOver(Recording r) {
        String key = Recording.composedKey(r.id());
        Path spooled = spool.waiting(key).orElse(null);
        if (spooled != null) {
            log.warn("recording {}: its composed file was waiting for storage when this server stopped; storing it",
                    r.id());
            upload(r.id(), spooled, false);
            return;
        }
        log.warn("recording {}: its composed file was {} when this server stopped; composing it again", r.id(),
                r.composedState());
        requestCompose(r.id());
    }

    /** Recordings whose live composition runs now (their folders are kept when cleaning). */
    boolean followsLive(long id) {
        return live.has(id);
    }

    private void compose(long id) {
        Recording r = catalog.find(id).orElse(null);
        if (r == null || r.status() == Recording.Status.DELETED) {
            return;
        }
        Path work = spool.composeWorkDir(id);
        try {
            Spool.deleteTree(work);
            Files.createDirectories(work);
            catalog.composed(id, Recording.ComposedState.RUNNING, 0, null, null, null);
            Instant origin = r.startedAt() != null ? r.startedAt() : r.createdAt();
            List<ComposeInput> inputs = inputs(id, origin, work);
            Duration total = Duration.between(origin, composedEnd(r, catalog.gaps(id), clock.instant()));
            int[] last = {-1};
            ComposeResult result = composer.compose(inputs, total, work.resolve("composed.mp4"), percent -> {
                if (percent != last[0]) {
                    last[0] = percent;
                    catalog.composed(id, Recording.ComposedState.RUNNING, percent, null, null, null);
                }
            });
            deliver(id, result, false, work);
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
            Spool.deleteTree(work);
        }
    }

    /** The recording's tracks, their segments copied out of storage into {@code work}. */
    private List<ComposeInput> inputs(long id, Instant origin, Path work) throws IOException {
        return StoredTracks.inputs(catalog, store, id, origin, work);
    }

    /**
     * Where the composed file of {@code r} ends: at the recording's end, or where a gap that runs to that end begins
     * (after a crash the recording ends at the restart; the time between is not filled with black and silence).
     */
    static Instant composedEnd(Recording r, List<Manifest.Gap> gaps, Instant now) {
        Instant end = r.endedAt() != null ? r.endedAt() : now;
        Instant cut = end;
        for (Manifest.Gap g : gaps) {
            if (g.from().isBefore(cut) && !g.to().isBefore(end)) {
                cut = g.from();
            }
        }
        return cut;
    }

    /**
     * A composed file is complete: moved into the spool (work folders are on its disk), its work folder deleted,
     * and queued for storage.
     */
    private void deliver(long id, ComposeResult result, boolean whileRecording, Path work) throws IOException {
        Path spooled = spool.take(Recording.composedKey(id), result.file());
        Spool.deleteTree(work);
        catalog.composed(id, Recording.ComposedState.RUNNING, 100, null, null, null);
        log.info("recording {}: composed review file made ({} bytes, {} ms after the end{}); on its way to storage",
                id, result.bytes(), result.took().toMillis(), whileRecording ? ", composed while recording" : "");
        upload(id, spooled, whileRecording);
    }

    private void upload(long id, Path spooled, boolean whileRecording) {
        String key = Recording.composedKey(id);
        AtomicBoolean counted = new AtomicBoolean();
        try {
            long bytes = Files.size(spooled);
            uploader.submit(key, spooled, "video/mp4", () -> {
                try {
                    Files.deleteIfExists(spooled); // before DONE: a finished recording leaves nothing in the spool
                } catch (IOException e) {
                    log.warn("recording {}: cannot delete the spooled composed file: {}", id, e.toString());
                }
                if (whileRecording && counted.compareAndSet(false, true)) {
                    composedLive.incrementAndGet();
                }
                catalog.composed(id, Recording.ComposedState.DONE, 100, key, bytes, null);
                log.info("recording {}: composed review file in storage ({} bytes)", id, bytes);
            });
        } catch (IOException | IllegalStateException stopping) {
            log.info("recording {}: composed file stays in the spool until the next start ({})", id,
                    stopping.toString());
        }
    }

    // ================================================================== lifecycle

    /** Stops composing as a crash would: nothing is marked, compositions are dropped. */
    public void abandon() {
        closing = true;
        live.cancelAll();
        live.clear();
        composing.shutdownNow();
    }

    /** Stops: live compositions cancelled, the composition in progress interrupted (composed again at the next start). */
    @Override
    public void close() {
        closing = true;
        live.cancelAll();
        composing.shutdownNow();
        try {
            composing.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
