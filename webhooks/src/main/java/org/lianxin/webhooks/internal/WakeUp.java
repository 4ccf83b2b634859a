package org.lianxin.webhooks.internal;

/**
 * Wakes waiting workers: {@link #raise()} after an emit's commit (or a notice from another node's commit), on
 * {@code wake()}, and by a worker that just claimed a delivery, so that another looks for the next one; awaited
 * between passes. A raise wakes one waiting worker, not all of them: each commit used to wake every worker, which
 * all queried the outbox for the one new event (16 workers: 32 queries per event), and the woken worker that finds
 * work wakes the next. {@link #raiseAll()} (stopping) wakes them all.
 */
final class WakeUp {
    private long generation;

    synchronized void raise() {
        generation++;
        notify();
    }

    synchronized void raiseAll() {
        generation++;
        notifyAll();
    }

    synchronized long generation() {
        return generation;
    }

    /** Waits until raised after {@code seen} (at once if it was already) or {@code millis} passed. */
    synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        long left = millis;
        while (generation == seen && left > 0) {
            wait(left);
            left = (end - System.nanoTime()) / 1_000_000L;
        }
    }
}
