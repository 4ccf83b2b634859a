package org.lianxin.web.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease's row as another instance sees it: who holds it ({@code holder}), that holder's public name ({@code node},
 * the HAProxy server name; null when it gave none), the fencing epoch and until when it runs.
 */
public record LeaseOwner(String holder, String node, long epoch, Instant expiresAt) {
    public LeaseOwner {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the holder's term still runs at {@code now}. */
    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
