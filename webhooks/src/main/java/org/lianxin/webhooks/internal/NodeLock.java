package org.lianxin.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This dispatcher's life as PostgreSQL sees it (issue 13), the idea of {@code web}'s {@code PostgresHolderLock}: a
 * session-level advisory lock keyed by the node's name, held on one connection of its own for as long as the
 * dispatcher runs, so that PostgreSQL frees it the moment the process dies (kill -9 closes the connection). Each lease
 * the dispatcher writes names the node and the start time of the database server it holds its lock on
 * ({@code lease_locked_on}). A node that starts and gets its lock knows that no other process of its name holds it:
 * the leases its name holds on this same server run belong to a run that is dead, and it takes them back at once
 * instead of waiting for them to lapse. A lease written on another server run (the database restarted or failed over
 * since: every lock was freed then, while their holders lived) is not taken back; nor anything when the lock is held
 * by another session — a killed run's session PostgreSQL has not closed yet ({@link #await} waits a moment for it at
 * start), or two live nodes of one name (a configuration error) — those lapse, as on H2 (no advisory locks:
 * {@link #ensure} is always empty, and nothing is {@link #refused()}).
 */
final class NodeLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeLock.class);
    /** How often a claim checks that the lock's connection is still there (a round trip). */
    private static final long CHECK_NANOS = 1_000_000_000L;
    /**
     * How often it is asked for while not held: a killed run's session ends a moment after the process (PostgreSQL
     * notices the closed connection), and a restart may come first.
     */
    private static final long RETRY_NANOS = 200_000_000L;
    /** PostgreSQL's SQLSTATE for a lock wait ended by {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource db;
    private final String node;
    private final boolean postgres;
    private final long key;
    private Connection connection;
    private volatile Instant lockedOn;
    private long checkedAt;
    private boolean checked;
    /** The last ask found the lock held by another session (not: H2, closed, the database unreachable). */
    private volatile boolean refused;
    private boolean closed;

    NodeLock(DataSource db, String node, boolean postgres) {
        this.db = db;
        this.node = node;
        this.postgres = postgres;
        this.key = key(node);
    }

    /** The advisory lock key of a node's name: the first 8 bytes of SHA-256 of {@code lianxin-webhooks-node:<name>}. */
    static long key(String node) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("lianxin-webhooks-node:" + node).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes sure the lock is held (taking it on a new connection if the last one was lost; the connection checked at
     * most once a second, the lock asked for at most five times a second while not held).
     *
     * @return the start time of the database server the lock is held on; empty if it is not held (H2, another
     *         session holds it — then {@link #refused()} — the database is unreachable)
     */
    synchronized Optional<Instant> ensure() {
        if (!postgres || closed) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (checked && now - checkedAt < (connection != null ? CHECK_NANOS : RETRY_NANOS)) {
            return Optional.ofNullable(lockedOn);
        }
        checked = true;
        checkedAt = now;
        try {
            if (connection != null && connection.isValid(2)) {
                return Optional.ofNullable(lockedOn);
            }
        } catch (SQLException e) {
            // not valid: taken again below
        }
        if (connection != null) {
            log.warn("webhooks: the connection holding node {}'s lock was lost; taking the lock again", node);
        }
        drop();
        try {
            Connection c = db.getConnection();
            connection = c; // dropped below if the lock is not had
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?), pg_postmaster_start_time()")) {
                s.setLong(1, key);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        drop();
                        refused = true;
                        return Optional.empty();
                    }
                    lockedOn = r.getObject(2, OffsetDateTime.class).toInstant();
                    refused = false;
                }
            }
            return Optional.of(lockedOn);
        } catch (SQLException | RuntimeException e) {
            log.warn("webhooks: node {}'s lock not taken ({}); its claims lapse if it dies", node, e.getMessage());
            refused = false;
            drop();
            return Optional.empty();
        }
    }

    /**
     * Whether the last ask for the lock found it held by another session: a killed previous run's session that
     * PostgreSQL has not closed yet, or a live node under the same name. False on H2 (there is no lock to refuse) and
     * when the database could not be asked.
     */
    boolean refused() {
        return refused;
    }

    /**
     * Like {@link #ensure}, but if another session holds the lock, waits up to {@code max} for it to be freed (the
     * server's lock queue, {@code lock_timeout}: taken the moment that session ends). On H2 or when held already,
     * returns at once.
     */
    synchronized Optional<Instant> await(Duration max) {
        if (!postgres || closed) {
            return Optional.empty();
        }
        if (connection != null || max.isZero()) {
            return ensure();
        }
        checked = true;
        checkedAt = System.nanoTime();
        try {
            Connection c = db.getConnection();
            connection = c; // dropped below if the lock is not had
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("select set_config('lock_timeout', ?, true)")) {
                    s.setString(1, Math.max(1, max.toMillis()) + "ms"); // this transaction only
                    s.execute();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "select pg_advisory_lock(?), pg_postmaster_start_time()")) { // a session lock all the same
                    s.setLong(1, key);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        lockedOn = r.getObject(2, OffsetDateTime.class).toInstant();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                refused = true;
                c.setAutoCommit(true);
                drop();
                return Optional.empty();
            }
            c.setAutoCommit(true);
            refused = false;
            checkedAt = System.nanoTime();
            return Optional.of(lockedOn);
        } catch (SQLException | RuntimeException e) {
            log.warn("webhooks: node {}'s lock not taken ({}); its claims lapse if it dies", node, e.getMessage());
            refused = false;
            drop();
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    /**
     * Closes the lock's connection. A pooled one goes back to the pool: it is unlocked first if it still answers (a
     * session lock must not be handed on); a dead one holds nothing and the pool discards it.
     */
    private void drop() {
        lockedOn = null;
        if (connection == null) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock_all()")) {
            s.execute();
        } catch (SQLException | RuntimeException e) {
            log.debug("webhooks: the lock's connection did not answer ({}); it is closed", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("webhooks: closing the lock's connection failed: {}", e.getMessage());
        }
        connection = null;
    }
}
