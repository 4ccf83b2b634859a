package org.lianxin.web.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HolderLock} on PostgreSQL: {@code pg_advisory_lock(key)} on one connection taken from the pool and kept for
 * the instance's life (the pool is one connection smaller); others' locks read from {@code pg_locks} (read only: a
 * probe never takes anyone's lock, so a holder taking its lock again after a restart is never refused).
 *
 * <p>How long the lock's connection is given to answer the check before each round ({@code isValid}): a check that
 * fails makes this class drop the connection and take the lock again on a new one, and dropping it frees the lock for
 * a moment — which the other instances read as this one's death, taking its rooms over at once. So a slow answer from
 * a busy database or machine must not count as a lost connection: the check waits as long as this instance's room
 * leases last ({@code checkTimeout}, the room lease term), the time after which the others would take its rooms over
 * by the leases' lapse anyway. (Seen in a loaded topology run: with 2 s, a live node dropped its own lock and its
 * takeover and joins waited ≈ 5 s on the database.) A connection that is really gone usually fails the check at once
 * (a socket error), not at the timeout.
 *
 * <p>Thread-safe: {@link #ensure} and {@link #close} are synchronized; probes use connections of their own.
 */
public final class PostgresHolderLock implements HolderLock {
    private static final Logger log = LoggerFactory.getLogger(PostgresHolderLock.class);

    /** Whether the advisory lock of key (high 32 bits, low 32 bits) is granted in this database. */
    private static final String GRANTED = "exists (select 1 from pg_locks where locktype = 'advisory'"
            + " and database = (select oid from pg_database where datname = current_database())"
            + " and classid = ?::bigint::oid and objid = ?::bigint::oid and objsubid = 1 and granted)";

    private final DataSource db;
    private final String holder;
    private final long key;
    private final int checkTimeoutSeconds;
    private Connection connection;
    private volatile Instant lockedOn;
    private boolean closed;

    /** With the default check timeout (6 s: the default room lease term). */
    public PostgresHolderLock(DataSource db, String holder) {
        this(db, holder, Duration.ofSeconds(6));
    }

    /** @param checkTimeout how long the lock's connection may take to answer the check before each round (≥ 1 s) */
    public PostgresHolderLock(DataSource db, String holder, Duration checkTimeout) {
        this.db = Objects.requireNonNull(db, "db");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.key = HolderLock.key(holder);
        this.checkTimeoutSeconds = (int) Math.max(1, Objects.requireNonNull(checkTimeout, "checkTimeout").toSeconds());
    }

    @Override
    public synchronized Optional<Instant> ensure() {
        if (closed) {
            return Optional.empty();
        }
        try {
            if (connection != null && connection.isValid(checkTimeoutSeconds)) {
                return Optional.ofNullable(lockedOn);
            }
        } catch (SQLException e) {
            // not valid: taken again below
        }
        if (connection != null) {
            log.warn("cluster: the connection holding {}'s lock was lost (database restarted or failed over?);"
                    + " taking the lock again", holder);
        }
        dropConnection();
        try {
            Connection c = db.getConnection();
            try (PreparedStatement s = c.prepareStatement(
                    "select pg_try_advisory_lock(?), pg_postmaster_start_time()")) {
                s.setLong(1, key);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (!r.getBoolean(1)) { // another session holds it: an instance with the same holder id?
                        c.close();
                        log.error("cluster: {}'s advisory lock is held by another session; holder ids must be"
                                + " unique (lianxin.cluster.holder)", holder);
                        return Optional.empty();
                    }
                    connection = c;
                    lockedOn = r.getObject(2, OffsetDateTime.class).toInstant();
                }
            }
            log.info("cluster: {} holds its advisory lock on the database server started {}", holder, lockedOn);
            return Optional.of(lockedOn);
        } catch (SQLException | RuntimeException e) {
            log.warn("cluster: {}'s advisory lock not taken ({}); its rooms are taken over only when their leases"
                    + " lapse until it is", holder, e.getMessage());
            dropConnection();
            return Optional.empty();
        }
    }

    @Override
    public Optional<Instant> lockedOn() {
        return Optional.ofNullable(lockedOn);
    }

    @Override
    public Optional<Probe> probe(String other) {
        long k = HolderLock.key(other);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select pg_postmaster_start_time(), not " + GRANTED)) {
            s.setLong(1, k >>> 32);
            s.setLong(2, k & 0xffffffffL);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return Optional.of(new Probe(r.getObject(1, OffsetDateTime.class).toInstant(), r.getBoolean(2)));
            }
        } catch (SQLException e) {
            log.warn("cluster: {}'s lock not looked up ({})", other, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setLong(1, key);
                s.execute();
            } catch (SQLException e) {
                log.debug("cluster: unlocking failed ({}); the connection is dropped", e.getMessage());
            }
        }
        dropConnection();
    }

    /** Closes the lock's connection: out of the pool for good (never handed on while it might hold the lock). */
    private void dropConnection() {
        lockedOn = null;
        if (connection != null) {
            if (db instanceof HikariDataSource pool) {
                pool.evictConnection(connection);
            } else {
                try {
                    connection.close();
                } catch (SQLException e) {
                    log.debug("cluster: closing the lock connection failed: {}", e.getMessage());
                }
            }
            connection = null;
        }
    }
}
