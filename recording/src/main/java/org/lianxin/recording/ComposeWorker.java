package org.lianxin.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lianxin.recording.compose.ComposeResult;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.internal.ComposeClaim;
import org.lianxin.recording.internal.Spool;
import org.lianxin.recording.internal.StoredTracks;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compose node's worker ({@code lianxin.recording.compose.worker=true}): takes the review files the app nodes
 * queued for the compose nodes ({@code lianxin.recording.compose.where=compose-nodes}) from the catalog, one at a time,
 * cluster-wide, and composes each from storage as the app node would after the end ({@code internal.StoredTracks},
 * the same {@link Composer}), stores the MP4 under {@link Recording#composedKey(long, long)} and marks it DONE.
 *
 * <p>Several workers share the queue through the catalog's claim with a lease ({@code internal.ComposeClaim}): a
 * worker renews its lease while it composes (every third of it); a worker that dies stops renewing, its lease lapses
 * and another worker claims the recording and composes it anew. Before it stores the file a worker renews once more
 * (it still holds the claim), and DONE is written only by the holder. A worker that stops gives its composition back
 * at once (QUEUED). Storage down: given back, claimable again after {@link Settings#storageRetry}.
 *
 * <p>Fencing (V36): each claim has a new epoch. The file goes to the key of the worker's own claim and DONE is written
 * only with that epoch, in one statement; a worker whose lease lapsed while it uploaded (a pause, a slow store) and
 * whose composition another worker took meanwhile is refused: it deletes what it stored, and nothing references it.
 */
public final class ComposeWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ComposeWorker.class);

    /**
     * @param holder       this worker's name in the catalog's leases (unique in the cluster: the instance id)
     * @param workDir      local folder for the segments copied out of storage and the MP4 being made
     * @param lease        how long a claim lasts unless renewed: how long a dead worker's composition waits
     * @param poll         how often an idle worker looks for queued compositions (the review file's extra delay)
     * @param storageRetry after storage was down, when the composition may be claimed again
     */
    public record Settings(String holder, Path workDir, Duration lease, Duration poll, Duration storageRetry) {
        public Settings {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(workDir, "workDir");
            ComposeClaim.renewEvery(Objects.requireNonNull(lease, "lease"));
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(storageRetry, "storageRetry");
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive: " + poll);
            }
        }
    }

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final Composer composer;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService renewals;
    private final AtomicLong composed = new AtomicLong();
    private final AtomicLong failedCount = new AtomicLong();
    private final AtomicLong lostCount = new AtomicLong();
    private final Object idle = new Object();
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile boolean crashed;

    public ComposeWorker(RecordingCatalog catalog, ObjectStore store, Composer composer, Settings settings,
                         Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "recording-compose-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts taking compositions on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(this::run, "recording-compose-worker");
        t.setDaemon(true);
        thread = t;
        t.start();
        log.info("compose worker {} started (lease {} s, looks every {} ms)", settings.holder(),
                settings.lease().toSeconds(), settings.poll().toMillis());
    }

    /** How many review files this worker composed and stored. */
    public long composed() {
        return composed.get();
    }

    /** How many compositions ended FAILED here. */
    public long failed() {
        return failedCount.get();
    }

    /**
     * How many compositions this worker lost to another worker's claim (its lease lapsed): stopped, or composed and
     * refused at the end (its file deleted).
     */
    public long lost() {
        return lostCount.get();
    }

    /** Looks for queued compositions now instead of at the next poll. */
    public void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void run() {
        while (!stopping) {
            boolean worked;
            try {
                worked = composeOne();
            } catch (RuntimeException e) { // the catalog could not be reached: try again at the next poll
                log.warn("compose worker {}: cannot take a composition: {}", settings.holder(), e.toString());
                worked = false;
            } catch (LinkageError e) { // FFmpeg's natives: the claim lapses for another compose node
                log.error("compose worker {}: cannot compose here", settings.holder(), e);
                worked = false;
            }
            if (!worked && !stopping) {
                synchronized (idle) {
                    try {
                        idle.wait(settings.poll().toMillis());
                    } catch (InterruptedException e) {
                        if (stopping) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /**
     * Claims one queued composition and composes it on the calling thread.
     *
     * @return false when there was none to claim
     */
    boolean composeOne() {
        Instant now = clock.instant();
        RecordingCatalog.ComposeClaimed claim = catalog.claimComposition(settings.holder(), now,
                now.plus(settings.lease())).orElse(null);
        if (claim == null) {
            return false;
        }
        Recording r = claim.recording();
        long id = r.id();
        long epoch = claim.epoch();
        Held held = new Held(id, epoch, Thread.currentThread());
        Duration every = ComposeClaim.renewEvery(settings.lease());
        ScheduledFuture<?> renewing;
        try {
            renewing = renewals.scheduleAtFixedRate(held::renew, every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            ended(id, held); // stopping: given back
            return true;
        }
        Path work = settings.workDir().resolve(Long.toString(id));
        log.info("compose worker {}: composing recording {} (queued by its app node)", settings.holder(), id);
        try {
            Spool.deleteTree(work);
            Files.createDirectories(work);
            StoredTracks.Job job = StoredTracks.job(catalog, store, r, work, clock.instant());
            ComposeResult result = composer.compose(job.inputs(), job.total(), work.resolve("composed.mp4"),
                    percent -> held.progress = Math.min(percent, 99));
            renewing.cancel(false);
            Instant before = clock.instant();
            if (held.lost || !catalog.renewComposition(id, settings.holder(), epoch, 100, before,
                    before.plus(settings.lease()))) {
                lostCount.incrementAndGet();
                log.warn("compose worker {}: recording {} was taken over by another worker; its file is not stored"
                        + " from here", settings.holder(), id);
                return true;
            }
            String key = Recording.composedKey(id, epoch);
            store.put(key, result.file(), "video/mp4");
            if (catalog.finishComposition(id, settings.holder(), epoch, Recording.ComposedState.DONE, key,
                    result.bytes(), null, clock.instant())) {
                composed.incrementAndGet();
                log.info("compose worker {}: recording {} composed and stored ({} bytes, composing took {} ms)",
                        settings.holder(), id, result.bytes(), result.took().toMillis());
            } else {
                log.warn("compose worker {}: recording {} was taken over while its file was stored (claim {}); the"
                        + " file is refused and deleted", settings.holder(), id, epoch);
                discard(key);
                lostCount.incrementAndGet();
            }
        } catch (StorageException e) {
            if (!ended(id, held)) {
                if (e.unavailable()) {
                    Instant at = clock.instant();
                    catalog.releaseComposition(id, settings.holder(), epoch, at, at.plus(settings.storageRetry()));
                    log.warn("compose worker {}: storage unavailable for recording {} ({}); queued again",
                            settings.holder(), id, e.getMessage());
                } else {
                    failed(id, epoch, e);
                }
            }
        } catch (Exception e) { // (a CancellationException: the thread was interrupted)
            if (!ended(id, held)) {
                failed(id, epoch, e);
            }
        } finally {
            renewing.cancel(false);
            Spool.deleteTree(work);
        }
        return true;
    }

    /**
     * Whether the composition ended otherwise than by its own failure: the worker stops (given back, or as a crash
     * kept until its lease lapses) or lost its claim to another worker.
     */
    private boolean ended(long id, Held held) {
        Thread.interrupted();
        if (crashed) {
            return true;
        }
        if (held.lost) {
            lostCount.incrementAndGet();
            log.warn("compose worker {}: lost the claim on recording {}; stopped composing it", settings.holder(), id);
            return true;
        }
        if (stopping) {
            catalog.releaseComposition(id, settings.holder(), held.epoch, clock.instant(), clock.instant());
            log.info("compose worker {}: stopping; recording {} queued again", settings.holder(), id);
            return true;
        }
        return false;
    }

    private void failed(long id, long epoch, Exception e) {
        log.error("compose worker {}: composing recording {} failed", settings.holder(), id, e);
        if (catalog.finishComposition(id, settings.holder(), epoch, Recording.ComposedState.FAILED, null, null,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock.instant())) {
            failedCount.incrementAndGet();
        } else {
            lostCount.incrementAndGet();
        }
    }

    /** Deletes the file of a refused claim (best effort: unreferenced either way). */
    private void discard(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            log.warn("compose worker {}: cannot delete the refused file {}: {}", settings.holder(), key, e.toString());
        }
    }

    /** The composition this worker holds now: renewed in the background, the composing thread stopped if lost. */
    private final class Held {
        private final long id;
        private final long epoch;
        private final Thread composing;
        volatile int progress;
        volatile boolean lost;

        Held(long id, long epoch, Thread composing) {
            this.id = id;
            this.epoch = epoch;
            this.composing = composing;
        }

        void renew() {
            if (lost || crashed) {
                return;
            }
            try {
                Instant now = clock.instant();
                if (!catalog.renewComposition(id, settings.holder(), epoch, progress, now,
                        now.plus(settings.lease()))) {
                    lost = true;
                    composing.interrupt();
                }
            } catch (RuntimeException e) { // the catalog is down: the next renewal tries again
                log.warn("compose worker {}: cannot renew the claim on recording {}: {}", settings.holder(), id,
                        e.toString());
            }
        }
    }

    /** Tests only: stops as a crash would: the claim held stays in the catalog until its lease lapses. */
    void abandon() {
        crashed = true;
        stop();
    }

    /** Stops: the composition in progress is interrupted and given back (QUEUED) for another worker. */
    @Override
    public void close() {
        stop();
    }

    private void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        renewals.shutdownNow(); // (after the composing thread: it gives its composition back while it can)
    }
}
