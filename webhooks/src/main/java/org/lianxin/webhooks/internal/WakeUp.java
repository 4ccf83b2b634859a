package org.lianxin.webhooks.internal;

/** Wakes every waiting worker: raised after an emit's commit and on {@code wake()}, awaited between passes. */
final class WakeUp {
    private long generation;

    synchronized void raise() {
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
