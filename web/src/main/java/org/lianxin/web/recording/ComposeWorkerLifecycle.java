package org.lianxin.web.recording;

import org.lianxin.recording.ComposeWorker;
import org.lianxin.web.config.LifecyclePhases;
import org.springframework.context.SmartLifecycle;

/**
 * Runs this node's compose worker ({@code lianxin.recording.composing.worker=true}) from the start to the stop,
 * with the recording ({@link LifecyclePhases#RECORDING}); at the stop the composition in progress is given back to
 * the queue for another compose node. Off: does nothing.
 */
final class ComposeWorkerLifecycle implements SmartLifecycle {

    private final ComposeWorker worker;
    private volatile boolean running;

    private ComposeWorkerLifecycle(ComposeWorker worker) {
        this.worker = worker;
    }

    static ComposeWorkerLifecycle on(ComposeWorker worker) {
        return new ComposeWorkerLifecycle(worker);
    }

    static ComposeWorkerLifecycle off() {
        return new ComposeWorkerLifecycle(null);
    }

    /** The worker, if this node is a compose node. */
    java.util.Optional<ComposeWorker> worker() {
        return java.util.Optional.ofNullable(worker);
    }

    @Override
    public void start() {
        if (worker != null) {
            worker.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.RECORDING;
    }
}
