package org.lianxin.web.audit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lianxin.audit.AuditArchiver;
import org.lianxin.audit.AuditCheckpoints;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.PeriodicTask;
import org.lianxin.web.config.LifecyclePhases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checkpoints the trail every {@code lianxin.audit.checkpoint-interval} (at most 10 minutes) and once more when the
 * application stops, after everything else that audits stopped ({@link LifecyclePhases#AUDIT_CHECKPOINTS}). Also runs
 * the retention: every hour (the first run 5 minutes after start), on the one instance holding its lease
 * ({@link ClusterJobs}), {@link AuditArchiver} moves the entries older than {@code lianxin.audit.retention} up to the
 * newest signed checkpoint older than it into archive objects; a failed run removes nothing and is tried again at the
 * next hour.
 */
@Component
class AuditCheckpointer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final AuditCheckpoints checkpoints;
    static final Duration ARCHIVE_FIRST = Duration.ofMinutes(5);
    static final Duration ARCHIVE_EVERY = Duration.ofHours(1);

    private final AuditProperties props;
    private final AuditArchiver archiver;
    private final PeriodicTask archive;
    private ScheduledExecutorService timer;

    AuditCheckpointer(AuditCheckpoints checkpoints, AuditProperties props, AuditArchiver archiver, ClusterJobs jobs) {
        this.checkpoints = checkpoints;
        this.props = props;
        this.archiver = archiver;
        this.archive = jobs.periodic("audit archive", ARCHIVE_FIRST, ARCHIVE_EVERY, this::archiveOnce);
    }

    private void archiveOnce() {
        List<AuditArchiver.Archived> done = archiver.archiveDue();
        if (!done.isEmpty()) {
            log.info("audit archive: {} range(s) archived; entries up to {} are in the object store", done.size(),
                    done.get(done.size() - 1).to());
        }
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
        archive.start();
        log.info("audit retention {} days: older entries are archived hourly", props.retention().toDays());
    }

    @Override
    public synchronized void stop() {
        archive.stop();
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
