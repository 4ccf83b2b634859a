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
 *   <li>Every claim bumps the composition's <b>epoch</b> (V36), the fencing token of that claim: a worker holds it
 *   only with the epoch of its own claim, so after a takeover nothing of the old claim counts, even if the same worker
 *   (same name) claimed it again. A worker stores its file under a key of its epoch ({@link
 *   Recording#composedKey(long, long)}): a lapsed worker's upload never overwrites the file of the one that took
 *   over, and its end, refused, never references it.</li>
 *   <li>A worker renews its lease every third of it, so one late renewal does not lose it.</li>
 * </ul>
 */
public final class ComposeClaim {

    /** A composition queued for the compose nodes, of an ended recording, in SQL; no parameters. */
    static final String QUEUED_SQL = "compose_queued_at is not null and status in ('COMPLETED', 'INTERRUPTED', 'EMPTY')";

    /** The claim condition in SQL; its one parameter is now. */
    static final String CLAIMABLE_SQL = QUEUED_SQL
            + " and composed_state in ('QUEUED', 'RUNNING') and (compose_lease_until is null or compose_lease_until <= ?)";

    /** The holding condition in SQL; its parameters are the holder and the epoch of its claim. */
    static final String HELD_SQL = "composed_state = 'RUNNING' and compose_holder = ? and compose_epoch = ?";

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

    /**
     * Whether {@code worker}, by its claim of epoch {@code claimEpoch}, holds the composition (may renew, report
     * progress, finish or release it) whose state, holder and epoch are now {@code state}, {@code holder} and {@code
     * epoch}.
     */
    public static boolean holds(String worker, long claimEpoch, Recording.ComposedState state, String holder,
                                long epoch) {
        return state == Recording.ComposedState.RUNNING && worker != null && worker.equals(holder)
                && claimEpoch == epoch;
    }

    /** How often a worker renews a lease of length {@code lease}. */
    public static Duration renewEvery(Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        return lease.dividedBy(3);
    }
}
