package org.lianxin.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's node lock ({@link NodeLock}) and, the first time a run holds it, the take-back of its name's dead
 * previous run's leases (issue 13), before that run's deliveries or their cases' later ones are claimed.
 *
 * <p>A run killed with {@code kill -9} keeps its lock until PostgreSQL has closed its session, a moment after the
 * process died; a restart may come first. So at start, when the lock is refused, the dispatcher waits for it up to
 * {@code nodeLockWait} (2 s by default) before its first claim; if it is still refused then, it says so once — the
 * previous run's database session is still open, or another node runs under this name — and goes on, asking for the
 * lock in the background until it has it, and takes back at once then. On H2 (no lock) nothing is waited for.
 */
final class TakeBack {
    private static final Logger log = LoggerFactory.getLogger(TakeBack.class);
    /** How often the background asks for a refused lock. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final NodeLock lock;
    private final DeliveryRows deliveries;
    private final String node;
    private final Duration wait;
    /** Whether this run has held its lock once (and taken its dead predecessor's leases back then). */
    private volatile boolean tookBack;
    /** Whether the refusal was logged (once per spell of refusals). */
    private boolean warned;

    TakeBack(NodeLock lock, DeliveryRows deliveries, String node, Duration wait) {
        this.lock = lock;
        this.deliveries = deliveries;
        this.node = node;
        this.wait = wait;
    }

    /**
     * At the dispatcher's start, before its first claim: the lock, waited for up to {@code nodeLockWait} if another
     * session holds it, and the take-back. If still refused, a daemon thread keeps asking while {@code running}, and
     * calls {@code tookBackLater} after a late take-back (the claimer looks again).
     */
    void atStart(BooleanSupplier running, Runnable tookBackLater) {
        long t0 = System.nanoTime();
        Optional<Instant> on = lock.await(wait);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        if (on.isPresent() && waited >= 100) {
            log.info("webhooks: node {}'s lock taken after {} ms", node, waited);
        }
        lockedOn();
        if (!lock.refused()) {
            return;
        }
        Thread retry = new Thread(() -> {
            while (running.getAsBoolean() && !tookBack) {
                LockSupport.parkNanos(RETRY_NANOS);
                if (running.getAsBoolean() && lockedOn() != null && tookBack) {
                    tookBackLater.run();
                }
            }
        }, "webhook-node-lock");
        retry.setDaemon(true);
        retry.start();
    }

    /**
     * The lock made sure of ({@link NodeLock#ensure}), and the first time this run holds it — before it writes a lease
     * naming it — the leases of its node's earlier (dead) run on this database server run made claimable at once.
     * Later (the lock lost and taken again) nothing is taken back: this run's own leases name the lock too. Without
     * the lock (H2, a lingering session, another live process of this name) those leases lapse unless it is had later.
     *
     * @return the server start time to write with this run's leases, or null
     */
    synchronized Instant lockedOn() {
        Optional<Instant> on = lock.ensure();
        if (on.isEmpty()) {
            if (lock.refused() && !warned) {
                warned = true;
                log.warn("webhooks: node {}'s lock is held by another database session after waiting {}: the previous"
                        + " run's database session is still open, or another node runs under this name (names must"
                        + " be unique among live nodes: lianxin.webhooks.node). Until this node has the lock it takes"
                        + " back nothing of its previous run (those deliveries wait for their leases to lapse); it"
                        + " keeps asking for the lock", node, wait);
            }
            return null;
        }
        if (warned) {
            warned = false;
            log.info("webhooks: node {}'s lock is free now and held by this node", node);
        }
        if (!tookBack) {
            tookBack = true;
            try {
                int n = deliveries.takeBack(node, on.get());
                if (n > 0) {
                    log.info("webhooks: took back {} deliveries leased by this node's previous run (its lock was"
                            + " free: that run is dead); sending them again now", n);
                }
            } catch (RuntimeException e) {
                log.warn("webhooks: this node's previous leases not taken back; they lapse", e);
            }
        }
        return on.get();
    }
}
