package org.lianxin.web.cluster;

import java.time.Instant;

/**
 * Whether a lease's holder is dead, from its advisory lock (pure: the lease row's {@code locked_on}, the database
 * server's start time and whether the holder's lock is free now in; verdict out).
 *
 * <p>An instance holds its lock ({@link HolderLock}) for its life on one connection; PostgreSQL frees it when that
 * connection closes (a kill -9, a crash), so a free lock means a dead holder — except after the database server
 * restarted or failed over, when every lock is free at once while the holders are alive and about to take theirs
 * again. So the holder writes, with every lease it renews, the start time of the server it holds its lock on
 * ({@code locked_on}); a free lock counts only when that start time is the server's now: the holder took its lock on
 * this very server run and lost it since. A holder that has not yet written the row after the restart (its
 * {@code locked_on} names the old run) is not judged: its lease's lapse stays the fallback, as on H2 (no locks). A
 * paused holder keeps its connection and its lock: never dead here (its lease may still lapse; the fencing epoch
 * stops its late writes).
 */
public final class HolderLiveness {
    private HolderLiveness() {
    }

    /**
     * @param lockedOn    the row's {@code locked_on}: the server start time the holder held its lock on, or null
     * @param serverStart the database server's start time now ({@code pg_postmaster_start_time()}), or null (no locks)
     * @param lockFree    whether nobody holds the holder's lock now
     * @return true only when the holder held its lock on this server run and the lock is free now
     */
    public static boolean dead(Instant lockedOn, Instant serverStart, boolean lockFree) {
        return lockFree && lockedOn != null && lockedOn.equals(serverStart);
    }
}
