package org.lianxin.web.supervision;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lianxin.supervision.SupervisionSweep;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.SupervisionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the supervision sweep (reminders, overdue, escalation) every {@code lianxin.supervision.sweep-interval}
 * (0: never). Safe with several nodes: the module makes each effect once. A failed run is logged and tried again at
 * the next interval.
 */
@Component
class SupervisionSweeper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SupervisionSweeper.class);

    private final SupervisionSweep sweep;
    private final Duration interval;
    private volatile ScheduledExecutorService runner;

    SupervisionSweeper(SupervisionSweep sweep, SupervisionProperties props) {
        this.sweep = sweep;
        this.interval = props.sweepInterval();
    }

    void runOnce() {
        try {
            SupervisionSweep.Result r = sweep.run();
            if (r.reminded() + r.overdue() + r.escalated() > 0) {
                log.info("supervision sweep: {} reminded, {} overdue, {} escalated", r.reminded(), r.overdue(),
                        r.escalated());
            }
        } catch (RuntimeException e) {
            log.warn("supervision sweep failed; next try in {}", interval, e);
        }
    }

    @Override
    public void start() {
        if (interval.isZero()) {
            log.info("supervision sweep off (lianxin.supervision.sweep-interval=0)");
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "supervision-sweep");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        runner = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = runner;
        runner = null;
        if (s == null) return;
        s.shutdownNow(); // a run under way ends with its current item's transaction
        try {
            s.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return runner != null;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.SUPERVISION_SWEEP;
    }
}
