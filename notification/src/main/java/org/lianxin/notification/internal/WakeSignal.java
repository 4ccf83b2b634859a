package org.lianxin.notification.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The dispatcher's wake-up: raised after an enqueue's commit, awaited between passes. */
final class WakeSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private boolean up;

    void raise() {
        lock.lock();
        try {
            up = true;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until raised (at once if it was raised since the last wait) or {@code millis} passed; lowers it. */
    void await(long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!up && nanos > 0) {
                nanos = raised.awaitNanos(nanos);
            }
            up = false;
        } finally {
            lock.unlock();
        }
    }
}
