package org.lianxin.web.reports;

import org.lianxin.reports.Bulletins;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.lianxin.web.config.ReportsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Issues last month's bulletin of every jurisdiction: checks every {@code lianxin.reports.issue-interval} (0: never)
 * and stores what is missing — on the 1st, or at the first check after the application was down over the 1st. Runs
 * on the one instance holding its lease ({@link ClusterJobs}); one bulletin per office and month in any case. A
 * failed run is logged and tried again at the next check; a bulletin being made when the application stops is not
 * stored, and the next start makes it again.
 */
@Component
class BulletinIssuer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BulletinIssuer.class);

    private final PeriodicTask task;

    BulletinIssuer(Bulletins bulletins, ReportsProperties props, ClusterJobs jobs) {
        this.task = jobs.periodic("bulletin issuer", props.issueInterval(), bulletins::issueDue);
    }

    @Override
    public void start() {
        if (!task.start()) log.info("monthly bulletins not issued automatically (lianxin.reports.issue-interval=0)");
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
        return LifecyclePhases.BULLETIN_ISSUER;
    }
}
