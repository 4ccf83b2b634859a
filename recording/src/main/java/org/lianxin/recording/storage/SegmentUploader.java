package org.lianxin.recording.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.lianxin.backoff.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads closed segment files (and manifests) to an {@link ObjectStore} from one background thread, in
 * the order they were submitted. An item leaves the queue only when it is stored and its callback has
 * run; a failure (storage down, timeout, callback error) retries the same item after a growing pause
 * ({@code minBackoff} doubling up to {@code maxBackoff}), so nothing is dropped or overtaken. After the
 * callback the local file is deleted.
 *
 * <p>An outage is logged once when it starts (warn) and once when it ends (info, with how many items
 * waited), not once per retry.
 *
 * <p>A file that is gone when its turn comes is done if its key is already stored (an earlier run
 * uploaded it and stopped before the callback: the callback runs now); if it is not stored either it can
 * never be uploaded, so it is logged as lost (error) and skipped instead of blocking the queue forever.
 *
 * <p>{@link #close()} lets the upload in progress finish and stops; queued files stay on disk, and the
 * caller submits them again after a restart (it knows them from its catalog).
 */
public final class SegmentUploader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentUploader.class);

    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(250);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    private final ObjectStore store;
    private final Backoff backoff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Head = the item being uploaded (it stays until done). Guarded by {@link #lock}. */
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private boolean started;
    private boolean closed;
    private Thread worker;

    /** Set while failing; used by the worker thread only. */
    private Instant troubleSince;

    private static final class Item {
        final String key;
        final Path file;
        final String contentType;
        final Runnable onUploaded;
        boolean stored;

        Item(String key, Path file, String contentType, Runnable onUploaded) {
            this.key = key;
            this.file = file;
            this.contentType = contentType;
            this.onUploaded = onUploaded;
        }
    }

    public SegmentUploader(ObjectStore store) {
        this(store, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public SegmentUploader(ObjectStore store, Duration minBackoff, Duration maxBackoff) {
        this.store = Objects.requireNonNull(store, "store");
        this.backoff = new Backoff(minBackoff, maxBackoff);
    }

    /**
     * Queues {@code file} to be stored under {@code key}. May be called before {@link #start()}.
     *
     * @param onUploaded runs on the uploader's thread once the object is stored, before the file is
     *                   deleted (e.g. mark the segment uploaded in the catalog); if it throws, it is
     *                   retried like a failed upload (the object is not uploaded again)
     * @throws IllegalStateException after {@link #close()}
     */
    public void submit(String key, Path file, String contentType, Runnable onUploaded) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(onUploaded, "onUploaded");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("uploader closed; " + key + " stays in " + file);
            }
            queue.addLast(new Item(key, file, contentType, onUploaded));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Items not yet done, including the one being uploaded. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every submitted item is done; false if {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!queue.isEmpty()) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Starts the background thread (once). */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("uploader closed");
            }
            if (started) {
                return;
            }
            started = true;
            worker = new Thread(this::run, "segment-uploader");
            worker.setDaemon(true);
            worker.start();
        } finally {
            lock.unlock();
        }
        log.info("segment uploader started: {}, backoff {} ms .. {} ms", store.describe(), backoff.min().toMillis(),
                backoff.max().toMillis());
    }

    /**
     * Stops after the upload in progress (if any) ends; waits for that. Items still queued are not
     * uploaded and their files are left in place. Idempotent.
     */
    @Override
    public void close() {
        Thread w;
        int left;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            w = worker;
        } finally {
            lock.unlock();
        }
        if (w != null) {
            boolean interrupted = false;
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        left = pending();
        if (left > 0) {
            log.info("segment uploader stopped with {} item(s) not uploaded; their files stay on disk", left);
        } else {
            log.info("segment uploader stopped, nothing pending");
        }
    }

    private void run() {
        int failures = 0;
        while (true) {
            Item item;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                item = queue.peekFirst();
            } finally {
                lock.unlock();
            }
            Exception failure = attempt(item);
            lock.lock();
            try {
                if (failure == null) {
                    if (troubleSince != null) {
                        log.info("storage {} works again after {} s; {} item(s) waited, uploading them in order",
                                store.describe(), Duration.between(troubleSince, Instant.now()).toSeconds(),
                                queue.size());
                        troubleSince = null;
                    }
                    failures = 0;
                    queue.removeFirst();
                    changed.signalAll();
                    continue;
                }
                failures++;
                if (troubleSince == null) {
                    troubleSince = Instant.now();
                    if (failure instanceof StorageException se) {
                        log.warn("uploads paused, storage failed: {}; {} item(s) waiting, retrying every {} ms .. {} ms",
                                se.getMessage(), queue.size(), backoff.min().toMillis(), backoff.max().toMillis());
                    } else {
                        log.warn("cannot finish {} ({}); {} item(s) waiting, retrying every {} ms .. {} ms",
                                item.key, item.stored ? "stored, callback failed" : "upload failed", queue.size(),
                                backoff.min().toMillis(), backoff.max().toMillis(), failure);
                    }
                }
                long pause = backoffMillis(failures);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
                long left;
                while (!closed && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        changed.awaitNanos(left);
                    } catch (InterruptedException e) {
                        // only close() ends the worker
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    long backoffMillis(int failures) {
        return backoff.millis(failures - 1);
    }

    /** Null if the item is done. */
    private Exception attempt(Item item) {
        try {
            if (!item.stored) {
                if (Files.notExists(item.file)) {
                    if (store.stat(item.key).isPresent()) {
                        // uploaded by an earlier run that stopped before the callback; finish it
                        log.info("{} is already stored and its local file is gone; completing it", item.key);
                    } else {
                        log.error("cannot upload {}: its file {} is gone and it is not in {}; skipping it (lost)",
                                item.key, item.file, store.describe());
                        return null;
                    }
                } else {
                    store.put(item.key, item.file, item.contentType);
                }
                item.stored = true;
            }
            item.onUploaded.run();
        } catch (Exception e) {
            return e;
        }
        try {
            Files.deleteIfExists(item.file);
        } catch (IOException e) {
            log.warn("uploaded {} but cannot delete {}: {}", item.key, item.file, e.toString());
        }
        return null;
    }
}
