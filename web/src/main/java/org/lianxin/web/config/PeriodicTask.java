package org.lianxin.web.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster-wide job run every {@code interval} on its own daemon thread named {@code name} (0: never), the first run
 * {@code first} after {@link #start}, and only on the application instance that holds the job's lease (lease name =
 * job name): each run first takes or renews the lease for {@code leaseTerm} (a few intervals), and is skipped while
 * another instance holds it. So with several instances on one database each job runs on one of them at a time; when
 * the holder stops ({@link #stop} releases the lease) another takes the job at its next run, and when the holder dies
 * another takes it once the term ran out. One instance alone always holds its leases: it runs as without them.
 *
 * <p>A failed run (or a lease that could not be checked: database away) is logged and tried again at the next
 * interval; {@link #stop} interrupts a run under way, waits up to 10 s for it, then releases the lease. Built by
 * {@link ClusterJobs}; the features start and stop it from their {@code SmartLifecycle}.
 */
public final class PeriodicTask {
    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration first;
    private final Duration interval;
    private final Leases leases;
    private final Duration leaseTerm;
    private final Runnable job;
    private volatile ScheduledExecutorService runner;
    private volatile boolean holding;

    PeriodicTask(String name, Duration first, Duration interval, Leases leases, Duration leaseTerm, Runnable job) {
        this.name = Objects.requireNonNull(name, "name");
        this.first = Objects.requireNonNull(first, "first");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.leaseTerm = Objects.requireNonNull(leaseTerm, "leaseTerm");
        this.job = Objects.requireNonNull(job, "job");
        if (first.isNegative() || interval.isNegative()) {
            throw new IllegalArgumentException(name + ": first run and interval must not be negative");
        }
        if (!interval.isZero() && (leaseTerm.isZero() || leaseTerm.isNegative())) {
            throw new IllegalArgumentException(name + ": the lease's term must be positive");
        }
    }

    /** The job's lease name (its name). */
    public String name() {
        return name;
    }

    /**
     * One run now, on the caller's thread, if this instance holds (or can take) the job's lease; a failure is logged,
     * not thrown.
     *
     * @return whether the job ran (successfully or not); false when another instance holds the lease
     */
    public boolean runOnce() {
        Optional<Lease> lease;
        try {
            lease = leases.acquire(name, leaseTerm);
        } catch (RuntimeException e) {
            log.warn("{}: its lease could not be checked, so it did not run; next try in {}", name, interval, e);
            return false;
        }
        holding = lease.isPresent();
        if (lease.isEmpty()) {
            log.debug("{}: another instance holds its lease; not run here", name);
            return false;
        }
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; next try in {}", name, interval, e);
        }
        return true;
    }

    /** Starts the runs; false (and nothing runs) when the interval is 0. */
    public boolean start() {
        if (interval.isZero()) return false;
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name.replace(' ', '-'));
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::runOnce, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        runner = s;
        return true;
    }

    /** Stops the runs and gives the lease up, so that another instance takes the job at its next run. */
    public void stop() {
        ScheduledExecutorService s = runner;
        runner = null;
        if (s == null) return;
        s.shutdownNow(); // a run under way ends with its current transaction
        try {
            if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{}: still running at stop; its lease is left to expire", name);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (holding) {
            holding = false;
            try {
                leases.release(name);
            } catch (RuntimeException e) {
                log.warn("{}: its lease was not released; another instance takes it when it expires", name, e);
            }
        }
    }

    public boolean isRunning() {
        return runner != null;
    }
}
