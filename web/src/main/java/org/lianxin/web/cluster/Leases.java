package org.lianxin.web.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases of cluster-wide jobs, one holder at a time across every application instance sharing the database
 * ({@link ClusterLease}); the port that periodic jobs ask before each run, so that their unit tests can answer
 * without a database.
 */
public interface Leases {

    /** This instance's holder id (host, process id and a random part), as it appears in the logs and the table. */
    String holder();

    /**
     * Takes the lease {@code name} for {@code term} from now, or renews it when this instance holds it already.
     *
     * @return the lease when this instance holds it after the call (its epoch one more than before when it changed
     *         hands), empty when another instance holds it and it has not expired
     */
    Optional<Lease> acquire(String name, Duration term);

    /** Gives up the lease {@code name} if this instance holds it, so another instance can take it at once. */
    void release(String name);
}
