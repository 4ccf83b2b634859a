package org.lianxin.web.documents;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lianxin.documents.DocumentStore;
import org.lianxin.web.config.LifecyclePhases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link DocumentStore#sweepOrphans()} at start and then every {@code lianxin.documents.sweep-every}, on its own
 * thread (a slow object store delays no start): objects under {@code documents/} that a crash between object and row
 * left without a row are deleted once older than {@code lianxin.documents.orphan-age}. A failed sweep is logged and
 * tried again at the next turn.
 */
final class DocumentSweep implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DocumentSweep.class);

    private final DocumentStore store;
    private final Duration every;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    DocumentSweep(DocumentStore store, Duration every) {
        this.store = store;
        this.every = every;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "documents-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
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
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.DOCUMENT_SWEEP;
    }
}
