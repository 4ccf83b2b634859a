package org.lianxin.web.documents;

import java.time.Duration;

import org.lianxin.documents.DocumentStore;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link DocumentStore#sweepOrphans()} at start and then every {@code lianxin.documents.sweep-every}, on its own
 * thread (a slow object store delays no start): objects under {@code documents/} that a crash between object and row
 * left without a row are deleted once older than {@code lianxin.documents.orphan-age}. Runs on the one instance
 * holding its lease ({@link ClusterJobs}). A failed sweep is logged and tried again at the next turn.
 */
final class DocumentSweep implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DocumentSweep.class);

    private final DocumentStore store;
    private final Duration every;
    private final PeriodicTask task;

    DocumentSweep(DocumentStore store, Duration every, ClusterJobs jobs) {
        this.store = store;
        this.every = every;
        this.task = jobs.periodic("documents sweep", Duration.ZERO, every, this::sweep);
    }

    @Override
    public void start() {
        task.start();
    }

    private void sweep() {
        try {
            int n = store.sweepOrphans();
            if (n > 0) {
                log.warn("documents: {} object(s) without a document row deleted (left by failed uploads)", n);
            }
        } catch (RuntimeException e) {
            log.warn("documents: orphan sweep failed, next try in {}: {}", every, e.toString());
        }
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.DOCUMENT_SWEEP;
    }
}
