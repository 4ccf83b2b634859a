package org.lianxin.web.audit;

import java.time.Duration;
import java.util.List;

import org.lianxin.audit.AuditArchiver;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Retention of the audit trail: every hour (the first run 5 minutes after start), on the one instance holding its lease
 * ({@link ClusterJobs}), moves the entries older than {@code lianxin.audit.retention} up to the newest signed
 * checkpoint older than it into archive objects of the store ({@link AuditArchiver}), each run audited. A failed run
 * (storage away, a broken chain) removes nothing, is logged and tried again at the next hour.
 */
@Component
class AuditArchiveJob implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuditArchiveJob.class);
    static final Duration FIRST = Duration.ofMinutes(5);
    static final Duration EVERY = Duration.ofHours(1);

    private final AuditArchiver archiver;
    private final PeriodicTask task;

    AuditArchiveJob(AuditArchiver archiver, AuditProperties props, ClusterJobs jobs) {
        this.archiver = archiver;
        this.task = jobs.periodic("audit archive", FIRST, EVERY, this::archiveOnce);
        log.info("audit retention {} days: older entries are archived to the object store", props.retention().toDays());
    }

    private void archiveOnce() {
        List<AuditArchiver.Archived> done = archiver.archiveDue();
        if (!done.isEmpty()) {
            log.info("audit archive: {} range(s) archived, entries up to {} now in the object store", done.size(),
                    done.get(done.size() - 1).to());
        }
    }

    @Override
    public void start() {
        task.start();
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
        return LifecyclePhases.SUPERVISION_SWEEP;
    }
}
