package org.lianxin.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * How deliveries are made.
 *
 * @param node          this app instance's name, kept with each attempt and each lease; unique among live instances
 *                      and the same across an instance's restarts (on PostgreSQL a restarted node holding its name's
 *                      advisory lock takes its dead run's leases back at once instead of waiting for them to lapse)
 * @param workers       deliveries sent at once by this instance (each one claim at a time); a receiver that hangs
 *                      holds a worker for {@code timeout}, so there are enough for the others to go on
 * @param timeout       how long an endpoint may take to answer (connect and answer)
 * @param lease         how long a claimed delivery is this instance's: a claim older than this (its instance died) is
 *                      taken again; longer than {@code timeout}
 * @param retry         the pauses between attempts (each then spread by ±25 % jitter)
 * @param giveUpAfter   after this long without success a delivery is given up on (about three days)
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 * @param rotationGrace how long a replaced secret still signs, so that receivers can switch over
 * @param pollInterval  how often to look for due deliveries when not woken by an emit
 * @param nodeLockWait  on PostgreSQL, how long a starting dispatcher waits for its name's advisory lock when another
 *                      session holds it — a killed previous run's session lingers a moment after its process — before
 *                      it claims anything (it takes that run's leases back first); after that it goes on, asking for
 *                      the lock in the background. Zero: no wait. Never waited for on H2 (no advisory locks)
 * @param backlogWorkers deliveries sent at once while a backlog is worked off (a claim found every worker's worth due):
 *                      a restarted node's backlog mostly waits on answers, and events committed meanwhile wait behind
 *                      it; back to {@code workers} as soon as a claim finds fewer due. At least {@code workers}
 *                      ({@code workers}: no burst); 4 × {@code workers} by default
 */
public record WebhookSettings(String node, int workers, Duration timeout, Duration lease, RetrySchedule retry,
                              Duration giveUpAfter, Duration maxRetryAfter, Duration rotationGrace,
                              Duration pollInterval, Duration nodeLockWait, int backlogWorkers) {

    /** The default {@link #nodeLockWait}: a killed run's session is usually gone within a second. */
    public static final Duration NODE_LOCK_WAIT = Duration.ofSeconds(2);

    public WebhookSettings {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(rotationGrace, "rotationGrace");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(nodeLockWait, "nodeLockWait");
        if (workers < 1) {
            throw new IllegalArgumentException("workers: at least 1, was " + workers);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }
        if (lease.compareTo(timeout.plusSeconds(5)) < 0) {
            throw new IllegalArgumentException("lease: at least the timeout plus 5 s (" + timeout.plusSeconds(5)
                    + "), was " + lease);
        }
        if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("giveUpAfter: must be positive, was " + giveUpAfter);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval: must be positive, was " + pollInterval);
        }
        if (nodeLockWait.isNegative()) {
            throw new IllegalArgumentException("nodeLockWait: must not be negative, was " + nodeLockWait);
        }
        if (backlogWorkers < workers) {
            throw new IllegalArgumentException("backlogWorkers: at least workers (" + workers + "), was "
                    + backlogWorkers);
        }
    }

    /** The settings with the default {@link #nodeLockWait} ({@link #NODE_LOCK_WAIT}) and {@link #backlogWorkers} (4 × workers). */
    public WebhookSettings(String node, int workers, Duration timeout, Duration lease, RetrySchedule retry,
                           Duration giveUpAfter, Duration maxRetryAfter, Duration rotationGrace,
                           Duration pollInterval) {
        this(node, workers, timeout, lease, retry, giveUpAfter, maxRetryAfter, rotationGrace, pollInterval,
                NODE_LOCK_WAIT, workers * 4);
    }

    /** The same settings with another {@link #nodeLockWait}. */
    public WebhookSettings withNodeLockWait(Duration wait) {
        return new WebhookSettings(node, workers, timeout, lease, retry, giveUpAfter, maxRetryAfter, rotationGrace,
                pollInterval, wait, backlogWorkers);
    }

    /** The same settings with another {@link #backlogWorkers}. */
    public WebhookSettings withBacklogWorkers(int n) {
        return new WebhookSettings(node, workers, timeout, lease, retry, giveUpAfter, maxRetryAfter, rotationGrace,
                pollInterval, nodeLockWait, n);
    }

    /**
     * The defaults: 16 workers, 10 s timeout, 60 s lease, the Standard Webhooks schedule (at once, 5 s, 5 min, 30 min,
     * 2 h, 5 h, 10 h, then every 10 h) given up after 72 h, Retry-After honoured up to 24 h, a rotated secret signs for
     * 24 h more, polled every 5 s (besides the wake-up when an event commits), up to 2 s waited for the node's lock,
     * 64 sent at once while a backlog is worked off.
     */
    public static WebhookSettings defaults(String node) {
        return new WebhookSettings(node, 16, Duration.ofSeconds(10), Duration.ofSeconds(60),
                RetrySchedule.STANDARD_WEBHOOKS, Duration.ofHours(72), Duration.ofHours(24),
                Duration.ofHours(24), Duration.ofSeconds(5));
    }
}
