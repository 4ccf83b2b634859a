package org.lianxin.web.audit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lianxin.audit.AuditCheckpoints;
import org.lianxin.web.config.LifecyclePhases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checkpoints the trail every {@code lianxin.audit.checkpoint-interval} (at most 10 minutes) and once more when the
 * application stops, after everything else that audits stopped ({@link LifecyclePhases#AUDIT_CHECKPOINTS}).
 */
@Component
class AuditCheckpointer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final AuditCheckpoints checkpoints;
    private final AuditProperties props;
    private ScheduledExecutorService timer;

    AuditCheckpointer(AuditCheckpoints checkpoints, AuditProperties props) {
        this.checkpoints = checkpoints;
        this.props = props;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpoints");
            t.setDaemon(true);
            return t;
        });
        long every = props.checkpointInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkpoint, every, every, TimeUnit.MILLISECONDS);
        log.info("audit checkpoints every {} and at stop", props.checkpointInterval());
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
        checkpoint();
    }

    private void checkpoint() {
        try {
            checkpoints.checkpoint();
        } catch (RuntimeException e) {
            log.warn("audit checkpoint failed (tried again in {}): {}", props.checkpointInterval(), e.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.AUDIT_CHECKPOINTS;
    }
}
