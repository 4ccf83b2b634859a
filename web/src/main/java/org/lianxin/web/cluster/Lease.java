package org.lianxin.web.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease held: {@code holder} runs the job {@code name} until {@code expiresAt} unless it renews; {@code epoch} is
 * the fencing epoch, one more at each change of holder, which a write made under the lease checks
 * ({@link ClusterLease#fenced}).
 */
public record Lease(String name, String holder, long epoch, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, was " + epoch);
        }
    }

    /** Whether the lease still runs at {@code now} (by the holder's clock). */
    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
