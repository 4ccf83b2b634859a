package org.lianxin.web.topics;

import java.time.Duration;

import org.lianxin.topics.DetectionResult;
import org.lianxin.topics.Topics;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs topic detection over every province every {@code lianxin.topics.sweep-interval} (0: never), after a first
 * run shortly after start. Finds what the check after each new case could not (cases imported by other paths, a
 * check that failed) and adds late matters to open topics. Runs on the one instance holding its lease
 * ({@link ClusterJobs}); the module opens one topic per key and attaches each matter once in any case. A failed
 * run is logged and tried again at the next interval.
 */
@Component
class TopicsSweeper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TopicsSweeper.class);
    private static final Duration FIRST_RUN = Duration.ofSeconds(30);
    private final Topics topics;
    private final Duration every;
    private final PeriodicTask task;

    TopicsSweeper(Topics topics, TopicsProperties props, ClusterJobs jobs) {
        this.topics = topics;
        this.every = props.sweepInterval();
        Duration first = FIRST_RUN.compareTo(every) < 0 ? FIRST_RUN : every;
        this.task = jobs.periodic("topics sweep", first, every, this::runOnce);
    }

    /** One run; what it did is logged, what failed too. */
    DetectionResult runOnce() {
        try {
            DetectionResult r = topics.detect();
            if (r.opened() + r.mattersAdded() > 0) {
                log.info("topics sweep: {} topics opened, {} matters added to open topics", r.opened(),
                        r.mattersAdded());
            }
            return r;
        } catch (RuntimeException e) {
            log.warn("topics sweep failed; next run in {}", every, e);
            return DetectionResult.NOTHING;
        }
    }

    @Override
    public void start() {
        if (!task.start()) {
            log.info("topics sweep off (lianxin.topics.sweep-interval=0); topics are still checked on new cases");
        }
    }

    @Override
    public void stop() {
        task.stop(); // a run under way ends with the transaction of its current decision
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.TOPICS_SWEEP;
    }
}
