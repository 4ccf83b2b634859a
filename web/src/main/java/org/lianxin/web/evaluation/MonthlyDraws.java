package org.lianxin.web.evaluation;

import java.time.Duration;
import java.time.ZoneId;
import org.lianxin.evaluation.StoredDraw;
import org.lianxin.evaluation.ThirdPartyEvaluation;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The monthly third-party draw: every {@code lianxin.evaluation.check-interval} (default 1 h; 0: never) it asks the
 * module to draw the previous month for every office not drawn yet, from day {@code lianxin.evaluation.draw-day}
 * (default 1) of the month in {@code lianxin.evaluation.zone} (default Asia/Shanghai). Runs on the one instance
 * holding its lease ({@link ClusterJobs}); the module keeps one draw per office and month in any case.
 */
@Component
class MonthlyDraws implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MonthlyDraws.class);
    private final ThirdPartyEvaluation evaluation;
    private final int day;
    private final ZoneId zone;
    private final Duration interval;
    private final PeriodicTask task;

    MonthlyDraws(ThirdPartyEvaluation evaluation, @Value("${lianxin.evaluation.draw-day:1}") int day,
            @Value("${lianxin.evaluation.zone:Asia/Shanghai}") String zone,
            @Value("${lianxin.evaluation.check-interval:PT1H}") Duration interval, ClusterJobs jobs) {
        if (day < 1 || day > 28) {
            throw new IllegalArgumentException("lianxin.evaluation.draw-day must be 1..28, was " + day);
        }
        this.evaluation = evaluation;
        this.day = day;
        this.zone = ZoneId.of(zone);
        this.interval = interval;
        this.task = jobs.periodic("evaluation draw", interval, this::runOnce);
    }

    void runOnce() {
        try {
            for (StoredDraw d : evaluation.monthlyRun(day, zone)) {
                log.info("third-party draw {}: office {} {}, {} matters sampled", d.id(), d.inputs().officeId(),
                        d.inputs().month(), d.result().panels().size());
            }
        } catch (RuntimeException e) {
            log.warn("third-party monthly draw failed; next try in {}", interval, e);
        }
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop(); // a run under way ends with its office's transaction
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
