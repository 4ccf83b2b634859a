package org.lianxin.recording.internal;

import java.time.Duration;
import java.time.Instant;
import org.lianxin.recording.Recording;

/**
 * The rule by which compose workers share the compositions queued for the compose nodes (V34), pure; {@link
 * JdbcRecordingCatalog} carries it out in SQL ({@link #CLAIMABLE_SQL}, {@link #HELD_SQL}).
 *
 * <ul>
 *   <li>A composition is <b>claimable</b> when it was queued for the compose nodes, its recording has ended (and is
 *   not deleted), its composed file is QUEUED or RUNNING, and nobody holds a lease on it that is still running: it
 *   has none, or it lapsed (its worker died or hangs).</li>
 *   <li>A claim moves it to RUNNING with the worker as holder and a lease; the claim is one conditional update, so
 *   of two workers claiming at once one wins.</li>
 *   <li>A worker <b>holds</b> it while it is the holder and the composition is RUNNING: its renewals, progress and
 *   end change the row only then. A lapsed lease nobody has claimed yet is still its holder's (the claim, not the
 *   clock, moves it on), so a slow worker that finishes before anyone took over is not thrown away.</li>
 *   <li>A worker renews its lease every third of it, so one late renewal does not lose it.</li>
 * </ul>
 */
public final class ComposeClaim {

    /** The claim condition in SQL; its one parameter is now. */
    static final String CLAIMABLE_SQL = "compose_queued_at is not null and status in ('COMPLETED', 'INTERRUPTED', 'EMPTY')"
            + " and composed_state in ('QUEUED', 'RUNNING') and (compose_lease_until is null or compose_lease_until <= ?)";

    /** The holding condition in SQL; its one parameter is the holder. */
    static final String HELD_SQL = "composed_state = 'RUNNING' and compose_holder = ?";

    private ComposeClaim() {
    }

    /** Whether a worker may claim the composition now. */
    public static boolean claimable(Recording.Status status, Recording.ComposedState state, Instant queuedAt,
                                    Instant leaseUntil, Instant now) {
        boolean ended = status == Recording.Status.COMPLETED || status == Recording.Status.INTERRUPTED
                || status == Recording.Status.EMPTY;
        boolean open = state == Recording.ComposedState.QUEUED || state == Recording.ComposedState.RUNNING;
        return queuedAt != null && ended && open && (leaseUntil == null || !leaseUntil.isAfter(now));
    }

    /** Whether {@code worker} holds the composition (may renew, report progress, finish or release it). */
    public static boolean holds(String worker, Recording.ComposedState state, String holder) {
        return state == Recording.ComposedState.RUNNING && worker != null && worker.equals(holder);
    }

    /** How often a worker renews a lease of length {@code lease}. */
    public static Duration renewEvery(Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        return lease.dividedBy(3);
    }
}
