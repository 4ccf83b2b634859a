package org.lianxin.web.topics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lianxin.topics.DetectionResult;
import org.lianxin.topics.Topics;
import org.lianxin.web.config.LifecyclePhases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs topic detection over every province every {@code lianxin.topics.sweep-interval} (0: never), after a first
 * run shortly after start. Finds what the check after each new case could not (cases imported by other paths, a
 * check that failed) and adds late matters to open topics. Safe with several nodes: the module opens one topic per
 * key and attaches each matter once. A failed run is logged and tried again at the next interval.
 */
@Component
class TopicsSweeper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TopicsSweeper.class);
    private static final Duration FIRST_RUN = Duration.ofSeconds(30);
    private final Topics topics;
    private final Duration every;
    private volatile ScheduledExecutorService thread;

    TopicsSweeper(Topics topics, TopicsProperties props) {
        this.topics = topics;
        this.every = props.sweepInterval();
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
        if (every.isZero()) {
            log.info("topics sweep off (lianxin.topics.sweep-interval=0); topics are still checked on new cases");
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "topics-sweep");
            t.setDaemon(true);
            return t;
        });
        long first = Math.min(FIRST_RUN.toMillis(), every.toMillis());
        s.scheduleWithFixedDelay(this::runOnce, first, every.toMillis(), TimeUnit.MILLISECONDS);
        thread = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = thread;
        thread = null;
        if (s == null) return;
        s.shutdownNow(); // a run under way ends with the transaction of its current decision
        try {
            if (!s.awaitTermination(10, TimeUnit.SECONDS)) log.warn("topics sweep still running at stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.TOPICS_SWEEP;
    }
}
