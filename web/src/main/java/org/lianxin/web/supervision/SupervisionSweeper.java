package org.lianxin.web.supervision;

import org.lianxin.supervision.SupervisionSweep;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.lianxin.web.config.SupervisionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the supervision sweep (reminders, overdue, escalation) every {@code lianxin.supervision.sweep-interval}
 * (0: never), on the one instance holding its lease ({@link ClusterJobs}); the module also makes each effect once.
 * A failed run is logged and tried again at the next interval.
 */
@Component
class SupervisionSweeper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SupervisionSweeper.class);

    private final SupervisionSweep sweep;
    private final PeriodicTask task;

    SupervisionSweeper(SupervisionSweep sweep, SupervisionProperties props, ClusterJobs jobs) {
        this.sweep = sweep;
        this.task = jobs.periodic("supervision sweep", props.sweepInterval(), this::sweepOnce);
    }

    private void sweepOnce() {
        SupervisionSweep.Result r = sweep.run();
        if (r.reminded() + r.overdue() + r.escalated() > 0) {
            log.info("supervision sweep: {} reminded, {} overdue, {} escalated", r.reminded(), r.overdue(),
                    r.escalated());
        }
    }

    @Override
    public void start() {
        if (!task.start()) log.info("supervision sweep off (lianxin.supervision.sweep-interval=0)");
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
