package org.lianxin.web.config;

import java.time.Duration;
import java.util.Objects;

import org.lianxin.web.cluster.Leases;

/**
 * Builds the cluster-wide jobs: {@link PeriodicTask}s that run only on the instance holding their lease, whose term
 * is {@code lianxin.cluster.lease-intervals} of their interval.
 */
public final class ClusterJobs {
    private final Leases leases;
    private final int leaseIntervals;

    public ClusterJobs(Leases leases, int leaseIntervals) {
        this.leases = Objects.requireNonNull(leases, "leases");
        if (leaseIntervals < 2) {
            throw new IllegalArgumentException("a lease must last at least 2 intervals, was " + leaseIntervals);
        }
        this.leaseIntervals = leaseIntervals;
    }

    /** A job run every {@code interval} (0: never), the first time one interval after its start. */
    public PeriodicTask periodic(String name, Duration interval, Runnable job) {
        return periodic(name, interval, interval, job);
    }

    /** A job run every {@code interval} (0: never), the first time {@code first} after its start. */
    public PeriodicTask periodic(String name, Duration first, Duration interval, Runnable job) {
        return new PeriodicTask(name, first, interval, leases, leaseTerm(interval), job);
    }

    /** A lease lasts {@code lease-intervals} intervals: renewed at every run, it outlives a late run or two. */
    Duration leaseTerm(Duration interval) {
        return interval.multipliedBy(leaseIntervals);
    }

    public String holder() {
        return leases.holder();
    }
}
