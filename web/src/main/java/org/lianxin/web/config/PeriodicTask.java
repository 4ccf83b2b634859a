package org.lianxin.web.config;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job run every {@code interval} on its own daemon thread named {@code name} (0: never), the first run one interval
 * after {@link #start}; a failed run is logged and tried again at the next interval; {@link #stop} interrupts a run
 * under way and waits up to 10 s for it. The periodic sweeps (supervision, bulletins) start and stop it from their
 * {@code SmartLifecycle}.
 */
public final class PeriodicTask {
    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private final Runnable job;
    private volatile ScheduledExecutorService runner;

    public PeriodicTask(String name, Duration interval, Runnable job) {
        this.name = Objects.requireNonNull(name, "name");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.job = Objects.requireNonNull(job, "job");
    }

    /** One run now, on the caller's thread; a failure is logged, not thrown. */
    public void runOnce() {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; next try in {}", name, interval, e);
        }
    }

    /** Starts the runs; false (and nothing runs) when the interval is 0. */
    public boolean start() {
        if (interval.isZero()) return false;
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name.replace(' ', '-'));
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        runner = s;
        return true;
    }

    public void stop() {
        ScheduledExecutorService s = runner;
        runner = null;
        if (s == null) return;
        s.shutdownNow(); // a run under way ends with its current transaction
        try {
            s.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return runner != null;
    }
}
