package org.lianxin.web.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease's row as another instance sees it: who holds it ({@code holder}), that holder's public name ({@code node},
 * the HAProxy server name; null when it gave none), the fencing epoch, until when it runs, and the database server
 * run the holder held its advisory lock on when it last wrote the row ({@code lockedOn}, V33; null: none).
 */
public record LeaseOwner(String holder, String node, long epoch, Instant expiresAt, Instant lockedOn) {
    public LeaseOwner {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A row whose holder held no lock (H2, an older version). */
    public LeaseOwner(String holder, String node, long epoch, Instant expiresAt) {
        this(holder, node, epoch, expiresAt, null);
    }

    /** Whether the holder's term still runs at {@code now}. */
    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
