package org.lianxin.web.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Leases in the application's database (table {@code cluster_lease}, V23), on H2 and PostgreSQL alike: one holder per
 * name across every application instance, a fencing epoch that grows by one at each change of holder, times from the
 * application's {@link Clock} (instances must keep their clocks in step, as NTP does, to well under a lease's term).
 *
 * <p>Why a lease of our own rather than db-scheduler: the jobs are already written as periodic sweeps that are each
 * safe to repeat (every effect is made once by the module's own keys); what they lack is "only one instance at a
 * time". One table and three statements give that, plus the fencing epoch that issue 14's room placement needs for its
 * writes (db-scheduler has no fencing token, and would bring its own tables, threads and a Jackson 2 serializer to an
 * application on Jackson 3).
 *
 * <p>Acquire-or-renew is one atomic {@code UPDATE … WHERE name = ? AND (holder = me OR holder IS NULL OR expires_at <
 * now)}; a name not in the table yet is inserted, and of racing inserts the primary key lets one win (the losers try
 * the update once more and find the winner's lease). A write made under a lease runs through {@link #fenced}, which
 * locks the lease's row in the write's own transaction and refuses unless holder and epoch are still ours: a takeover
 * then waits for the write to commit, and a write after a takeover is refused.
 */
public final class ClusterLease implements Leases {
    private static final Logger log = LoggerFactory.getLogger(ClusterLease.class);
    private static final String DUPLICATE_KEY = "23505"; // SQLSTATE unique_violation: PostgreSQL and H2

    private final DataSource db;
    private final Clock clock;
    private final String holder;
    /** This instance's public name (the HAProxy server name, {@code lianxin.recording.instance-id}), or null. */
    private final String node;
    /** This instance's advisory lock, whose server run goes into every row it writes ({@code locked_on}). */
    private final HolderLock lock;
    /** The epochs this instance holds, for the log lines when a lease changes hands. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();

    public ClusterLease(DataSource db, Clock clock, String holder) {
        this(db, clock, holder, null);
    }

    public ClusterLease(DataSource db, Clock clock, String holder, String node) {
        this(db, clock, holder, node, HolderLock.NONE);
    }

    /**
     * Leases whose rows also name {@code node}, this instance's public name, so that others can tell a browser where
     * a room lives ({@link #owner}); null: no name.
     */
    public ClusterLease(DataSource db, Clock clock, String holder, String node, HolderLock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        if (node != null && (node.isBlank() || node.length() > 100)) {
            throw new IllegalArgumentException("a node's name must be 1..100 characters, was " + node);
        }
        this.node = node;
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.holder = Objects.requireNonNull(holder, "holder");
        if (holder.isBlank() || holder.length() > HolderIds.MAX_LENGTH) {
            throw new IllegalArgumentException("holder must be 1.." + HolderIds.MAX_LENGTH + " characters");
        }
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public Optional<Lease> acquire(String name, Duration term) {
        requireName(name);
        if (term == null || term.isNegative() || term.isZero()) {
            throw new IllegalArgumentException("a lease's term must be positive, was " + term);
        }
        Instant now = clock.instant();
        Instant until = now.plus(term);
        try (Connection c = db.getConnection()) {
            Optional<Lease> lease = takeOrRenew(c, name, now, until);
            if (lease.isEmpty() && !exists(c, name)) {
                lease = insert(c, name, until) ? Optional.of(new Lease(name, holder, 1, until))
                        : takeOrRenew(c, name, now, until); // another instance inserted it first
            }
            noteChange(name, lease);
            return lease;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("lease " + name + ": not taken or renewed", e);
        }
    }

    @Override
    public void release(String name) {
        requireName(name);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update cluster_lease set holder = null, expires_at = ? where name = ? and holder = ?")) {
            s.setObject(1, utc(clock.instant()));
            s.setString(2, name);
            s.setString(3, holder);
            if (s.executeUpdate() == 1) {
                log.info("cluster lease {}: released by {}", name, holder);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("lease " + name + ": not released (it expires by itself)", e);
        } finally {
            held.remove(name);
        }
    }

    /** Whether {@code lease} is still this instance's, with its epoch, and unexpired (a check, not a lock). */
    public boolean holds(Lease lease) {
        try (Connection c = db.getConnection()) {
            return current(c, lease, false);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("lease " + lease.name() + ": not checked", e);
        }
    }

    /** A write made on a lease's behalf, given the connection of its transaction. */
    @FunctionalInterface
    public interface FencedWork<T> {
        T run(Connection transaction) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction that first locks the lease's row and checks that holder, epoch and term are
     * still {@code lease}'s; commits what it wrote, or rolls it back when it throws.
     *
     * @throws LeaseLostException (nothing written) when the lease expired, was released or changed hands
     */
    public <T> T fenced(Lease lease, FencedWork<T> work) {
        try (Connection c = db.getConnection()) {
            return inTransaction(c, t -> {
                requireHeld(t, lease);
                return work.run(t);
            });
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("lease " + lease.name() + ": fenced write failed", e);
        }
    }

    /**
     * The fence of a write running in a transaction of its own making (e.g. Spring's, on {@code transaction}): locks
     * the lease's row until that transaction ends and checks that holder, epoch and term are still {@code lease}'s.
     *
     * @throws LeaseLostException when they are not (the caller's transaction must then roll back)
     * @throws SQLException       when the database does not answer
     */
    public void requireHeld(Connection transaction, Lease lease) throws SQLException {
        if (!current(transaction, lease, true)) {
            throw new LeaseLostException(lease);
        }
    }

    /**
     * Renews {@code lease} for {@code term} from now only if its holder and epoch are still this instance's (even
     * after its term ran out, as long as nobody took it): never takes a lease anew, unlike {@link #acquire}.
     *
     * @return the renewed lease, empty when it was lost (released, taken by another instance, or its row gone)
     */
    public Optional<Lease> renew(Lease lease, Duration term) {
        Instant until = clock.instant().plus(term);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update cluster_lease set expires_at = ?, locked_on = ? where name = ? and holder = ? and epoch = ?")) {
            s.setObject(1, utc(until));
            s.setObject(2, lockedOn());
            s.setString(3, lease.name());
            s.setString(4, holder);
            s.setLong(5, lease.epoch());
            if (s.executeUpdate() == 1 && lease.holder().equals(holder)) {
                return Optional.of(new Lease(lease.name(), holder, lease.epoch(), until));
            }
            held.remove(lease.name());
            log.warn("cluster lease {}: lost by {} (epoch {})", lease.name(), holder, lease.epoch());
            return Optional.empty();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("lease " + lease.name() + ": not renewed", e);
        }
    }

    /** Who holds the lease {@code name} as the table says now (expired or not), if anyone. */
    public Optional<LeaseOwner> owner(String name) {
        requireName(name);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select holder, node, epoch, expires_at, locked_on from cluster_lease where name = ? and holder is not null")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                OffsetDateTime lockedOn = r.getObject(5, OffsetDateTime.class);
                return Optional.of(new LeaseOwner(r.getString(1), r.getString(2), r.getLong(3),
                        r.getObject(4, OffsetDateTime.class).toInstant(),
                        lockedOn == null ? null : lockedOn.toInstant()));
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("lease " + name + ": owner not read", e);
        }
    }

    /**
     * Makes sure this instance holds its advisory lock (taken again after the database restarted or failed over),
     * before a round of renewals, so that the rows they write name the server run it holds it on.
     */
    public void ensureLock() {
        lock.ensure();
    }

    /**
     * Whether {@code owner}, another instance, is dead by its advisory lock ({@link HolderLiveness}): its lock is free
     * on the server run it last held it on. False when that cannot be known (H2, an owner that held no lock, the
     * database not answering): then only the lease's lapse frees it.
     */
    public boolean holderDead(LeaseOwner owner) {
        if (owner.holder().equals(holder) || owner.lockedOn() == null) {
            return false;
        }
        return lock.probe(owner.holder())
                .map(p -> HolderLiveness.dead(owner.lockedOn(), p.serverStart(), p.free()))
                .orElse(false);
    }

    /**
     * Takes the lease {@code owner} holds, before its term ends, from a holder found dead ({@link #holderDead}): only
     * if the row is still that holder's at that epoch (compare and set), with the next epoch.
     *
     * @return the lease taken, empty when the row changed meanwhile (renewed, released or taken by another)
     */
    public Optional<Lease> takeOver(String name, LeaseOwner owner, Duration term) {
        requireName(name);
        Instant until = clock.instant().plus(term);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("update cluster_lease set epoch = epoch + 1, holder = ?,"
                     + " expires_at = ?, node = ?, locked_on = ? where name = ? and holder = ? and epoch = ?")) {
            s.setString(1, holder);
            s.setObject(2, utc(until));
            s.setString(3, node);
            s.setObject(4, lockedOn());
            s.setString(5, name);
            s.setString(6, owner.holder());
            s.setLong(7, owner.epoch());
            if (s.executeUpdate() != 1) {
                return Optional.empty();
            }
            Lease lease = new Lease(name, holder, owner.epoch() + 1, until);
            log.warn("cluster lease {}: taken over by {} (epoch {}) from {}, whose advisory lock is free (dead)", name,
                    holder, lease.epoch(), owner.holder());
            noteChange(name, Optional.of(lease));
            return Optional.of(lease);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("lease " + name + ": not taken over", e);
        }
    }

    // ------------------------------------------------------------------ statements

    private OffsetDateTime lockedOn() {
        return lock.lockedOn().map(ClusterLease::utc).orElse(null);
    }

    /** The atomic acquire-or-renew, then the row read back in the same transaction (its lock still held). */
    private Optional<Lease> takeOrRenew(Connection c, String name, Instant now, Instant until) throws SQLException {
        return inTransaction(c, t -> {
            try (PreparedStatement s = t.prepareStatement("update cluster_lease"
                    + " set epoch = case when holder = ? then epoch else epoch + 1 end, holder = ?, expires_at = ?,"
                    + " node = ?, locked_on = ? where name = ? and (holder = ? or holder is null or expires_at < ?)")) {
                s.setString(1, holder);
                s.setString(2, holder);
                s.setObject(3, utc(until));
                s.setString(4, node);
                s.setObject(5, lockedOn());
                s.setString(6, name);
                s.setString(7, holder);
                s.setObject(8, utc(now));
                if (s.executeUpdate() != 1) {
                    return Optional.<Lease>empty();
                }
            }
            try (PreparedStatement s = t.prepareStatement("select epoch from cluster_lease where name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Lease(name, holder, r.getLong(1), until))
                            : Optional.<Lease>empty();
                }
            }
        });
    }

    /** {@code work} in one transaction on {@code c}: committed when it returns, rolled back when it throws. */
    private static <T> T inTransaction(Connection c, FencedWork<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from cluster_lease where name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** True when this instance's row went in; false when another instance's did first. */
    private boolean insert(Connection c, String name, Instant until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into cluster_lease (name, holder, epoch, expires_at, node, locked_on) values (?, ?, 1, ?, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, holder);
            s.setObject(3, utc(until));
            s.setString(4, node);
            s.setObject(5, lockedOn());
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private boolean current(Connection c, Lease lease, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select epoch from cluster_lease"
                + " where name = ? and holder = ? and epoch = ? and expires_at > ?" + (lock ? " for update" : ""))) {
            s.setString(1, lease.name());
            s.setString(2, holder);
            s.setLong(3, lease.epoch());
            s.setObject(4, utc(clock.instant()));
            try (ResultSet r = s.executeQuery()) {
                return lease.holder().equals(holder) && r.next();
            }
        }
    }

    private void noteChange(String name, Optional<Lease> lease) {
        if (lease.isPresent()) {
            Long before = held.put(name, lease.get().epoch());
            if (before == null || before != lease.get().epoch()) {
                log.info("cluster lease {}: held by {} (epoch {})", name, holder, lease.get().epoch());
            }
        } else if (held.remove(name) != null) {
            log.warn("cluster lease {}: lost by {} (another instance took it after it expired)", name, holder);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a lease's name must be 1..100 characters, was " + name);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
