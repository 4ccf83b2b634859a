package org.lianxin.web.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;

/**
 * This instance's life as PostgreSQL sees it (issue 14): a session-level advisory lock keyed by the holder id, held on
 * one connection for as long as the instance lives, so that its death frees the lock at once; and the others' locks
 * looked up. {@link #NONE} where the database has no advisory locks (H2): a dead holder is then noticed only when its
 * leases lapse.
 */
public interface HolderLock extends AutoCloseable {

    /** What another instance's lock looks like now. */
    record Probe(Instant serverStart, boolean free) {
    }

    /**
     * Makes sure this instance holds its lock, taking it again on a new connection when the last one was lost (the
     * database restarted or failed over); called before each round of lease renewals.
     *
     * @return the start time of the server this instance holds its lock on, empty when it holds none
     */
    Optional<Instant> ensure();

    /** The server start time of the lock held, as last seen by {@link #ensure} (no database call), or empty. */
    Optional<Instant> lockedOn();

    /** Whether {@code holder}'s lock is free now, and on which server run; empty when locks cannot be looked up. */
    Optional<Probe> probe(String holder);

    /** Gives the lock up (the connection is closed). */
    @Override
    void close();

    /** The 64-bit advisory lock key of a holder id: the first 8 bytes of SHA-256 of {@code lianxin-holder:<id>}. */
    static long key(String holder) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("lianxin-holder:" + holder).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No locks (H2): nothing held, nothing known of the others. */
    HolderLock NONE = new HolderLock() {
        @Override
        public Optional<Instant> ensure() {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> lockedOn() {
            return Optional.empty();
        }

        @Override
        public Optional<Probe> probe(String holder) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    };
}
