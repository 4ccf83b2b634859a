package org.lianxin.signaling.live;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rooms being taken over by claim here (issue 14) and the joins waiting for their claims, without a thread each:
 * a room's takeover registers one future that completes when the claim has settled — the media claimed, or the room
 * built anew after a failed claim — and a join arriving meanwhile continues on it. Bounded: at most
 * {@link #MAX_WAITING} joins wait per room, each at most the wait it is given; past either it is told so at once
 * (the caller refuses it with a numbered error). Thread-safe.
 */
final class ClaimWaits {

    /** Joins that may wait for one room's claim (a room has a handful of participants, each reconnecting once). */
    static final int MAX_WAITING = 64;

    private record Pending(CompletableFuture<Void> settled, AtomicInteger waiting) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * The room's takeover by claim is under way until {@code settled} completes (registered before the room is seen by
     * any join: called where the room is put in place).
     */
    void started(String roomId, CompletableFuture<Void> settled) {
        Pending p = new Pending(settled, new AtomicInteger());
        pending.put(roomId, p);
        settled.whenComplete((v, e) -> pending.remove(roomId, p));
    }

    /** Whether a claim of the room is under way. */
    boolean claiming(String roomId) {
        Pending p = pending.get(roomId);
        return p != null && !p.settled().isDone();
    }

    /**
     * Null when no claim of the room is under way (join at once); else a future that completes — never fails — with
     * true once the claim has settled, or with false when {@code wait} ran out first or when too many joins wait
     * already (then at once).
     */
    CompletableFuture<Boolean> waitFor(String roomId, Duration wait) {
        Pending p = pending.get(roomId);
        if (p == null || p.settled().isDone()) {
            return null;
        }
        if (p.waiting().incrementAndGet() > MAX_WAITING) {
            p.waiting().decrementAndGet();
            return CompletableFuture.completedFuture(false);
        }
        return p.settled().copy().orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).handle((v, e) -> {
            p.waiting().decrementAndGet();
            return e == null;
        });
    }
}
