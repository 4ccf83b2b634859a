package org.lianxin.signaling.media.internal.janus;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The sessions of a {@link JanusClient}'s dropped connection (issue 14): Janus keeps them for its
 * {@code reclaim_session_timeout}, so the next connection within {@link JanusSettings#reclaimWindow()} claims the
 * connection's own session and each room's again instead of making new ones. Given up — reported lost, the rooms are
 * rebuilt — when the window runs out, when the connection is refused (nobody listens: Janus is gone, and its sessions
 * with it), when Janus no longer has the own session (458) or does not answer its claim (hung).
 */
final class KeptSessions {

    /** The client's logger, as before the split. */
    private static final Logger log = LoggerFactory.getLogger(JanusClient.class);

    /** Sessions of a dropped connection, kept by Janus: claimable until {@code until} ({@link System#nanoTime}). */
    record Kept(long session, Set<Long> roomSessions, long until) {
        boolean expired() {
            return System.nanoTime() - until > 0;
        }
    }

    /** The own session claimed again, with the room sessions claimed and those lost (Janus no longer had them). */
    record Claimed(long session, Set<Long> rooms, Set<Long> lostRooms) {
    }

    private final String name;
    private final JanusSettings settings;
    /** Reports a given-up session lost (session, reason): the client's listener, on its event thread. */
    private final BiConsumer<Long, String> lost;
    private volatile Kept kept;

    KeptSessions(String name, JanusSettings settings, BiConsumer<Long, String> lost) {
        this.name = name;
        this.settings = settings;
        this.lost = lost;
    }

    /** The connection holding these sessions dropped: keeps them to claim (false: no reclaim window, report lost). */
    boolean keep(long session, Set<Long> roomSessions, String reason) {
        if (settings.reclaimWindow().isZero()) {
            return false;
        }
        kept = new Kept(session, Set.copyOf(roomSessions), System.nanoTime() + settings.reclaimWindow().toNanos());
        log.warn("{}: lost the connection to Janus {} ({}); claiming session {} and {} room session(s) on the next",
                name, settings.wsUrl(), reason, session, roomSessions.size());
        return true;
    }

    /** The sessions to claim on the next connection, or null (none; one kept past the window is given up here). */
    Kept take() {
        Kept k = kept;
        if (k != null && k.expired()) {
            giveUp(k, "not reconnected within " + settings.reclaimWindow());
            return null;
        }
        return k;
    }

    /** Claimed: nothing is kept any more. */
    void done() {
        kept = null;
    }

    /** The next connection could not be made: a refused one means Janus is gone (given up); else tried again. */
    void connectFailed(Kept k, Throwable cause) {
        if (refused(cause)) {
            giveUp(k, "Janus refused the connection");
        }
    }

    /**
     * Claims {@code k} on a new connection ({@code claim}: sends a claim of a session there): the own session, then
     * each room's. Null when the own session is given up (Janus no longer has it, or does not answer: the caller makes
     * a new session). Other failures of the own claim (the connection lost again) are thrown and tried again.
     */
    Claimed reclaim(Kept k, LongFunction<CompletableFuture<JsonNode>> claim) throws Exception {
        long wait = settings.requestTimeout().toMillis() + 1000;
        try {
            claim.apply(k.session()).get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            MediaException m = MediaException.in(e.getCause() == null ? e : e.getCause()).orElse(null);
            if (m != null && m.serverCode().filter(code -> code == 458).isPresent()) {
                giveUp(k, "Janus no longer has session " + k.session());
                return null;
            }
            if (m == null || m.code() != Code.MEDIA_NODE_UNREACHABLE) {
                // Janus took the connection but does not answer (hung): not worth waiting for; the next one creates
                giveUp(k, "Janus did not answer the claim: " + (m == null ? e : m.getMessage()));
            }
            throw e;
        }
        Map<Long, CompletableFuture<JsonNode>> rooms = new LinkedHashMap<>();
        for (long room : k.roomSessions()) {
            rooms.put(room, claim.apply(room));
        }
        Set<Long> claimed = new HashSet<>();
        Set<Long> lostRooms = new HashSet<>();
        for (var e : rooms.entrySet()) {
            try {
                e.getValue().get(wait, TimeUnit.MILLISECONDS);
                claimed.add(e.getKey());
            } catch (ExecutionException | TimeoutException lostOne) {
                lostRooms.add(e.getKey());
                log.warn("{}: room session {} not claimed again on Janus {}: {}", name, e.getKey(), settings.wsUrl(),
                        lostOne.getCause() == null ? lostOne.toString() : lostOne.getCause().getMessage());
            }
        }
        log.info("{}: claimed session {} again on Janus {} with {} of {} room session(s)", name, k.session(),
                settings.wsUrl(), claimed.size(), k.roomSessions().size());
        return new Claimed(k.session(), Set.copyOf(claimed), Set.copyOf(lostRooms));
    }

    /** The dropped connection's sessions are not claimed: reported lost now (the rooms are rebuilt). */
    private void giveUp(Kept k, String why) {
        kept = null;
        log.warn("{}: session {} of the dropped connection to Janus {} not claimed ({}); its rooms are rebuilt", name,
                k.session(), settings.wsUrl(), why);
        lost.accept(k.session(), "connection lost; " + why);
    }

    /** Whether the connection was refused (nobody listens on Janus's port). */
    static boolean refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException && (t.getMessage() == null
                    || t.getMessage().contains("refused"))) {
                return true;
            }
        }
        return false;
    }
}
