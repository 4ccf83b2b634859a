package org.lianxin.signaling.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.backoff.Backoff;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One live room through the loss of its media node and the node's return. Lost: the media room,
 * every endpoint and every forwarder are gone with the node (nothing to stop), and the room is told
 * ({@code mediaNodeLost}: its participants no longer publish). Back: the media room is made again
 * in media order and the room is told ({@code mediaNodeRestored}: everyone publishes and subscribes
 * again); refused attempts are retried with a {@link Backoff} until the recovery window (the
 * reconnect grace: the clients' own patience) runs out, then every participant is told
 * {@code MEDIA_NODE_UNAVAILABLE}.
 *
 * <p>"Back" need not be the same node: behind {@code nodes.MediaNodes} a room lost with its node is moved to another
 * connected node at once and hears "lost" then "restored" in a row; the media room is then made again there (same id
 * and secret), exactly as after a restart of its own node.
 *
 * <p>Each loss and each return starts a new generation: an attempt of an older generation (the node
 * was lost again meanwhile), or for a room that ended or closed, gives up.
 *
 * <p>Locking: guarded by the room's lock; {@link #lost} and {@link #back} are called with it held
 * (from {@link MediaEventTranslator}); the attempts take it on the chain and on the room's timer.
 */
final class NodeRecovery {

    private static final Logger log = LoggerFactory.getLogger(NodeRecovery.class);
    /** Pauses between attempts to make the media room again: 250 ms doubling up to 2 s. */
    static final Backoff RETRY = Backoff.ofMillis(250, 2000);

    private final LiveRoom owner;
    private final String roomId;
    private final ReentrantLock lock;
    private final MediaSession session;
    private final RecorderForwarding forwarding;
    private final MediaChain chain;
    private final NodeRoom nodeRoom;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration window;
    // --- guarded by lock ---
    /** The media node was lost and the room not yet made again on it. */
    private boolean nodeLost;
    /** Counts node losses and returns: an attempt of an older generation gives up. */
    private long generation;

    NodeRecovery(LiveRoom owner, ReentrantLock lock, MediaSession session, RecorderForwarding forwarding,
                 MediaChain chain, NodeRoom nodeRoom, ScheduledExecutorService timer, Clock clock, Duration window) {
        this.owner = owner;
        this.roomId = owner.roomId();
        this.lock = lock;
        this.session = session;
        this.forwarding = forwarding;
        this.chain = chain;
        this.nodeRoom = nodeRoom;
        this.timer = timer;
        this.clock = clock;
        this.window = window;
    }

    /** The media node was lost. Caller holds the lock. */
    void lost(String reason) {
        if (owner.isOver()) {
            return;
        }
        log.warn("room {}: media node lost ({}); the room waits for it to come back", roomId, reason);
        nodeLost = true;
        generation++;
        session.nodeLost();
        forwarding.nodeLost(); // gone with the node: nothing to stop
        owner.mediaNodeLost(reason);
    }

    /** The adapter is connected to the node again. Caller holds the lock. */
    void back() {
        if (owner.isOver()) {
            return;
        }
        if (nodeLost) {
            log.info("room {}: media node back; making media room {} again", roomId, nodeRoom);
            long current = ++generation;
            recover(current, clock.instant().plus(window), 0);
        } else if (!session.isReady()) {
            chain.append(session::ensureMediaRoom, e -> {
            });
        }
    }

    /**
     * Makes the media room again (in media order), then tells the room; retried after
     * {@link #RETRY}'s pause for {@code attempt} until {@code giveUpAt}. Caller holds the lock.
     */
    private void recover(long ofGeneration, Instant giveUpAt, int attempt) {
        chain.append(() -> {
            lock.lock();
            try {
                if (ofGeneration != generation || owner.isOver()) {
                    return CompletableFuture.completedFuture(null);
                }
            } finally {
                lock.unlock();
            }
            return session.ensureMediaRoom().handle((ok, error) -> {
                lock.lock();
                try (var mdc = MDC.putCloseable("room", roomId)) {
                    if (ofGeneration != generation || owner.isOver()) {
                        return null;
                    }
                    if (error == null) {
                        nodeLost = false;
                        log.info("room {}: media room {} made again (attempt {}); participants publish again", roomId,
                                nodeRoom, attempt + 1);
                        owner.mediaNodeRestored();
                    } else if (clock.instant().isBefore(giveUpAt)) {
                        retryLater(ofGeneration, giveUpAt, attempt, error);
                    } else {
                        log.warn("room {}: media room could not be made again within {}: {}", roomId, window,
                                MediaSession.describe(error));
                        owner.sendToEveryoneConnected(ServerMessage.Failure.of(ErrorCode.MEDIA_NODE_UNAVAILABLE));
                    }
                    return null;
                } finally {
                    lock.unlock();
                }
            });
        }, e -> log.warn("room {}: recovering the media room failed: {}", roomId, MediaSession.describe(e)));
    }

    /** Caller holds the lock. */
    private void retryLater(long ofGeneration, Instant giveUpAt, int attempt, Throwable error) {
        long delay = RETRY.millis(attempt);
        log.info("room {}: media room not made again yet ({}); retrying in {} ms", roomId,
                MediaSession.describe(error), delay);
        try {
            timer.schedule(() -> {
                lock.lock();
                try {
                    recover(ofGeneration, giveUpAt, attempt + 1);
                } finally {
                    lock.unlock();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            log.debug("room {}: no retry, the server is stopping", roomId);
        }
    }
}
