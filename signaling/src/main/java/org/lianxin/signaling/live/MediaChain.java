package org.lianxin.signaling.live;

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
 */
final class MediaChain {

    private final ReentrantLock lock;
    /** Completes when every step appended so far has run. Guarded by lock. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

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
            tail = tail.thenCompose(v -> {
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
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends {@code operation} and returns what it returns: its value, or its failure (unwrapped from
     * a {@link CompletionException}). The result completes on a media thread: keep dependent work short.
     */
    <T> CompletableFuture<T> inOrder(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        lock.lock();
        try {
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
