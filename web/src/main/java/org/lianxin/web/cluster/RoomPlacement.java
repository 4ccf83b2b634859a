package org.lianxin.web.cluster;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which application instance owns each live room (issue 14): the owner holds the lease {@code room:<room id>} in
 * {@code cluster_lease} (the {@link ClusterLease} of the cluster-wide jobs, its row naming the owner's public name),
 * renews every room it holds from one heartbeat ({@link #renewAll}), gives it up when the room ends, and makes every
 * write on the room's behalf through {@link #fenced}, which checks the room's epoch in the write's own transaction.
 *
 * <p>Thread-safe. The rooms held are kept here by room id with the lease of their current tenure.
 */
public final class RoomPlacement {
    private static final Logger log = LoggerFactory.getLogger(RoomPlacement.class);
    static final String PREFIX = "room:";

    private final ClusterLease leases;
    private final Clock clock;
    private final String node;
    private final Duration term;
    private final DataSource db;
    private final TransactionTemplate tx;
    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    /**
     * The claims of one room on this instance are made one at a time (a REST ticket and a page's join arriving together
     * after an owner died): the second then finds the room held here instead of losing the compare-and-set to the
     * first and naming this very instance as where the room is. Striped by room id: a fixed set, and a claim is short.
     */
    private final Object[] claiming = new Object[64];

    /**
     * @param node         this instance's public name, as the other instances send browsers to it
     * @param term         a room lease's term (a few renewals)
     * @param db           the database of {@code leases}, whose transactions {@code transactions} makes
     */
    public RoomPlacement(ClusterLease leases, Clock clock, String node, Duration term, DataSource db,
                         PlatformTransactionManager transactions) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        this.term = Objects.requireNonNull(term, "term");
        this.db = Objects.requireNonNull(db, "db");
        this.tx = new TransactionTemplate(transactions);
        for (int i = 0; i < claiming.length; i++) {
            claiming[i] = new Object();
        }
    }

    /** Where a room is, once asked: held here (with the lease), elsewhere (on {@code node}), or nowhere. */
    public record Claim(RoomPlacementRule.Decision.Kind kind, String node, Lease lease) {
        public boolean here() {
            return kind == RoomPlacementRule.Decision.Kind.TAKE;
        }
    }

    /** This instance's public name. */
    public String node() {
        return node;
    }

    /**
     * Takes (or keeps) the room's lease when the rule says it belongs here; tells where it is otherwise.
     *
     * @throws DataAccessException when the database does not answer (nothing taken)
     */
    public Claim claim(String roomId, RoomPlacementRule.Purpose purpose) {
        synchronized (claiming[Math.floorMod(roomId.hashCode(), claiming.length)]) {
            return claimAlone(roomId, purpose);
        }
    }

    private Claim claimAlone(String roomId, RoomPlacementRule.Purpose purpose) {
        Lease mine = held.get(roomId);
        if (mine != null && mine.validAt(clock.instant())) {
            return new Claim(RoomPlacementRule.Decision.Kind.TAKE, node, mine);
        }
        String name = leaseName(roomId);
        Instant now = clock.instant();
        Optional<LeaseOwner> row = leases.owner(name);
        // asked of the database only when the room is another live-looking instance's
        boolean ownerDead = row.isPresent() && row.get().validAt(now) && !row.get().holder().equals(leases.holder())
                && !node.equals(row.get().node()) && leases.holderDead(row.get());
        RoomPlacementRule.Decision d = RoomPlacementRule.decide(purpose, row, leases.holder(), node, now, ownerDead);
        // this instance's previous run (same public name, another holder id: killed and started again) still in its
        // term: its row is taken by compare-and-set, as a dead owner's (a plain take would lose to that run's lease
        // and send the browser "elsewhere" — to this very instance — until the term ran out)
        boolean previousRun = d.kind() == RoomPlacementRule.Decision.Kind.TAKE && row.isPresent()
                && row.get().validAt(now) && !row.get().holder().equals(leases.holder())
                && node.equals(row.get().node());
        boolean takeOver = d.kind() == RoomPlacementRule.Decision.Kind.TAKE_OVER || previousRun;
        if (d.kind() != RoomPlacementRule.Decision.Kind.TAKE && !takeOver) {
            return new Claim(d.kind(), d.node(), null);
        }
        Optional<Lease> taken = takeOver ? leases.takeOver(name, row.get(), term) : leases.acquire(name, term);
        if (taken.isEmpty() && takeOver) { // the row changed between the read and the compare-and-set
            Optional<LeaseOwner> owner = leases.owner(name);
            if (owner.isPresent() && owner.get().holder().equals(leases.holder())) {
                taken = leases.acquire(name, term); // this instance took it meanwhile (takeLapsed): kept, same epoch
            }
        }
        if (taken.isEmpty()) { // another instance took it between the read and the update
            Optional<LeaseOwner> owner = leases.owner(name);
            return new Claim(RoomPlacementRule.Decision.Kind.ELSEWHERE, owner.map(LeaseOwner::node).orElse(null), null);
        }
        Lease before = held.put(roomId, taken.get());
        if (before == null || before.epoch() != taken.get().epoch()) {
            log.info("room {}: owned by {} (epoch {})", roomId, node, taken.get().epoch());
        }
        return new Claim(RoomPlacementRule.Decision.Kind.TAKE, node, taken.get());
    }

    /** The lease of a room this instance holds, if it does. */
    public Optional<Lease> held(String roomId) {
        return Optional.ofNullable(held.get(roomId));
    }

    /** Whether another instance holds the room now (a check before a write that cannot be fenced, not a lock). */
    public boolean ownedElsewhere(String roomId) {
        Optional<LeaseOwner> owner = leases.owner(leaseName(roomId));
        return owner.isPresent() && !owner.get().holder().equals(leases.holder()) && owner.get().validAt(clock.instant());
    }

    /** The room's owner as its lease row names it (lapsed or not); empty when nobody holds it. */
    public Optional<LeaseOwner> owner(String roomId) {
        return leases.owner(leaseName(roomId));
    }

    /**
     * Takes the lease of a room whose owner's term ran out before {@code lapsedBefore} and that nobody took since
     * (issue 14: what a lost owner left is ended by a cluster-wide job). Its epoch moves on, so the lost owner, if only
     * paused, can no longer renew it nor write on the room's behalf ({@link #fenced}); while it is taken here a join
     * is sent here, and, the room not being held here, taken from here as from any lapsed owner's. Give it back with
     * {@link #giveBack}.
     *
     * @return the lease taken; empty if the room's owner is not one that lapsed that long ago (or another took it)
     */
    public Optional<Lease> takeLapsed(String roomId, Instant lapsedBefore) {
        String name = leaseName(roomId);
        Optional<LeaseOwner> row = leases.owner(name);
        if (row.isEmpty() || !row.get().expiresAt().isBefore(lapsedBefore) || held.containsKey(roomId)) {
            return Optional.empty();
        }
        return leases.takeOver(name, row.get(), term);
    }

    /** Gives back a lease {@link #takeLapsed} took (unless the room opened here since). */
    public void giveBack(String roomId) {
        if (!held.containsKey(roomId)) {
            leases.release(leaseName(roomId));
        }
    }

    /** The room ended here: gives its lease up, so that the next open of it may be anywhere at once. */
    public void release(String roomId) {
        if (held.remove(roomId) != null) {
            leases.release(leaseName(roomId));
        }
    }

    /**
     * One heartbeat: renews every room held. A room whose renewal was refused (another instance took it after this
     * one paused) is dropped and returned, to be closed without writing; a database that does not answer keeps the
     * rooms (their writes fail anyway) until it answers again.
     *
     * @return the rooms lost
     */
    public List<String> renewAll() {
        leases.ensureLock(); // first: the rows renewed below then name the server run this instance holds it on
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Lease> e : held.entrySet()) {
            try {
                Optional<Lease> renewed = leases.renew(e.getValue(), term);
                if (renewed.isPresent()) {
                    held.replace(e.getKey(), e.getValue(), renewed.get());
                } else if (held.remove(e.getKey(), e.getValue())) {
                    log.warn("room {}: lease lost by {} (epoch {}); another instance owns it now", e.getKey(), node,
                            e.getValue().epoch());
                    lost.add(e.getKey());
                }
            } catch (DataAccessException ex) {
                log.warn("room {}: lease not renewed, the database does not answer ({}); kept", e.getKey(),
                        ex.getMessage());
            }
        }
        return lost;
    }

    /** The rooms held, by id. */
    public List<String> rooms() {
        return List.copyOf(held.keySet());
    }

    /**
     * A write on the room's behalf in one transaction that first locks the room's lease row and checks that this
     * instance still holds it with the epoch it took it with; writes made by {@code write} through Spring's
     * transactions on the same database join it (the modules' {@code TransactionTemplate}s do).
     *
     * @throws LeaseLostException when this instance does not hold the room (nothing written)
     */
    public <T> T fenced(String roomId, Supplier<T> write) {
        Lease lease = held.get(roomId);
        if (lease == null) {
            throw new LeaseLostException(new Lease(leaseName(roomId), leases.holder(), 1, clock.instant()));
        }
        // A lease past its term that no other instance took is still this one's (the heartbeat's next renewal would
        // keep it): renew it first, so that a late heartbeat (a pause, a slow database, a clock step) does not lose
        // the room's write. One that another instance took is not renewed, and the fence below refuses the write.
        Lease current = renewed(roomId, lease);
        return tx.execute(status -> {
            try {
                leases.requireHeld(DataSourceUtils.getConnection(db), current);
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("room " + roomId + ": lease not checked", e);
            }
            return write.get();
        });
    }

    private Lease renewed(String roomId, Lease lease) {
        Optional<Lease> renewed = leases.renew(lease, term);
        if (renewed.isEmpty()) {
            return lease;
        }
        held.replace(roomId, lease, renewed.get());
        return renewed.get();
    }

    static String leaseName(String roomId) {
        return PREFIX + roomId;
    }
}
