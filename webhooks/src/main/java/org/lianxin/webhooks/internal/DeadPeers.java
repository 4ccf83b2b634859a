package org.lianxin.webhooks.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 13: a live node takes a dead node's leases as soon as that node's lock is free, instead of leaving them to its
 * restart ({@link TakeBack}) or to their lapse. On PostgreSQL, every {@link #PERIOD_MILLIS} while the dispatcher runs
 * and holds its own lock, it looks for other nodes with running leases written on the same database server run, and
 * for each tries that node's lock ({@link DeliveryRows#takeOverIfDead}): free means no process of that name lives —
 * PostgreSQL frees a session lock when its connection closes, i.e. a moment after a {@code kill -9} — and the leases
 * are released and claimable at once (the claimer is woken). Each such delivery is sent again: a duplicate if the dead
 * node's attempt had reached the receiver, as after its restart. Per case, only a head is ever leased, so the order
 * holds: its case's later deliveries still wait for it. A lease written without the lock (H2, a node whose lock was
 * refused) names no server run and only lapses.
 *
 * <p>Like the take-back, this trusts the lock: a node alive but cut off from its lock's connection (its session ended
 * by an administrator, say) looks dead, and what it has in flight may be sent twice — at least once still holds.
 */
final class DeadPeers {
    private static final Logger log = LoggerFactory.getLogger(DeadPeers.class);
    /** How often the other nodes' leases are looked at (one indexed query; a lock try per leasing node). */
    static final long PERIOD_MILLIS = 250;

    private final DeliveryRows deliveries;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String node;

    DeadPeers(DeliveryRows deliveries, PlatformTransactionManager transactions, Clock clock, String node) {
        this.deliveries = deliveries;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.node = node;
    }

    /**
     * One look: the leases of every dead peer released.
     *
     * @param lockedOn the start of the server run on which this node holds its lock (null: it holds none, and takes
     *                 nothing — it could not tell this server run's leases from another's)
     * @return how many leases were released
     */
    int takeOver(Instant lockedOn) {
        if (lockedOn == null) {
            return 0;
        }
        List<String> peers = deliveries.peersLeasing(node, lockedOn, clock.instant());
        int released = 0;
        for (String peer : peers) {
            Integer n = tx.execute(s -> deliveries.takeOverIfDead(peer, NodeLock.key(peer), lockedOn));
            if (n != null && n > 0) {
                released += n;
                log.info("webhooks: node {} is dead (its lock is free): took over {} deliveries it had leased;"
                        + " sending them again now", peer, n);
            }
        }
        return released;
    }

    /**
     * A daemon thread that looks every {@link #PERIOD_MILLIS} while {@code running}, with this node's lock from
     * {@code lockedOn}, and calls {@code tookOver} after a take-over (the claimer looks again).
     */
    Thread watch(BooleanSupplier running, Supplier<Instant> lockedOn, Runnable tookOver) {
        Thread t = new Thread(() -> {
            while (running.getAsBoolean()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
                if (!running.getAsBoolean()) {
                    return;
                }
                try {
                    if (takeOver(lockedOn.get()) > 0) {
                        tookOver.run();
                    }
                } catch (RuntimeException e) { // the database, most likely: looked at again next time
                    log.debug("webhooks: other nodes' leases not looked at: {}", e.getMessage());
                }
            }
        }, "webhook-dead-peers");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
