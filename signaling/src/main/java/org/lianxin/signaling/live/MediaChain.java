package org.lianxin.signaling.live;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One room's media operations, one after another in the order they were asked for: each starts
 * when the one before it has finished, successfully or not (a failure never stops the chain).
 *
 * <p>Threads: the tail is guarded by the room's lock (each method takes it; callers may hold it
 * already). A step runs on the thread that completed the step before it — a media adapter's
 * thread, or the appending thread itself when the chain is idle, then still under the caller's
 * lock — so steps must be short and must not block.
 *
 * <p>Steps appended one after another with {@link #appendBeside} on different keys form a group: they all start
 * together, after every step before the group, and the next step starts after all of them (the admission's resumes
 * on each end's own connection go to the node at once instead of each waiting for the reply to the one before).
 */
final class MediaChain {

    private final ReentrantLock lock;
    /** Completes when every step appended so far has run. Guarded by lock. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    /** What the steps of the open group start after (null: no group open). Guarded by lock. */
    private CompletableFuture<Void> groupStart;
    /** The keys of the open group's steps. Guarded by lock. */
    private final Set<Object> groupKeys = new HashSet<>();

    MediaChain(ReentrantLock lock) {
        this.lock = lock;
    }

    /**
     * Appends {@code step}: it starts after every step before it. A failure of the step (thrown, or
     * its future's) goes to {@code onFailure} and the chain goes on.
     */
    void append(Supplier<? extends CompletableFuture<?>> step, Consumer<Throwable> onFailure) {
        lock.lock();
        try {
            groupStart = null;
            tail = tail.thenCompose(v -> run(step, onFailure));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends {@code step} beside the steps appended just before it with {@link #appendBeside} if none of them has
     * the same {@code key} (it starts when they start, and the next step waits for all of them); else as
     * {@link #append} does, opening a new group. Only for steps that touch nothing another key's step touches.
     */
    void appendBeside(Object key, Supplier<? extends CompletableFuture<?>> step, Consumer<Throwable> onFailure) {
        lock.lock();
        try {
            if (groupStart == null || groupKeys.contains(key)) {
                groupStart = tail;
                groupKeys.clear();
            }
            groupKeys.add(key);
            CompletableFuture<Void> mine = groupStart.thenCompose(v -> run(step, onFailure));
            tail = tail == groupStart ? mine : CompletableFuture.allOf(tail, mine);
        } finally {
            lock.unlock();
        }
    }

    private static CompletableFuture<Void> run(Supplier<? extends CompletableFuture<?>> step,
                                               Consumer<Throwable> onFailure) {
        CompletableFuture<?> run;
        try {
            run = step.get();
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        return run.handle((ok, error) -> {
            if (error != null) {
                onFailure.accept(error);
            }
            return null;
        });
    }

    /**
     * Appends {@code operation} and returns what it returns: its value, or its failure (unwrapped from
     * a {@link CompletionException}). The result completes on a media thread: keep dependent work short.
     */
    <T> CompletableFuture<T> inOrder(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        lock.lock();
        try {
            groupStart = null;
            tail = tail.thenCompose(v -> {
                CompletableFuture<T> run;
                try {
                    run = operation.get();
                } catch (RuntimeException e) {
                    run = CompletableFuture.failedFuture(e);
                }
                return run.handle((value, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error);
                    } else {
                        result.complete(value);
                    }
                    return null;
                });
            });
        } finally {
            lock.unlock();
        }
        return result;
    }

    /** Completes when every step appended so far has run. */
    CompletableFuture<Void> idle() {
        lock.lock();
        try {
            return tail;
        } finally {
            lock.unlock();
        }
    }
}
