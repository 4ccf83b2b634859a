package org.lianxin.signaling.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.TokenRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A join for a room this instance does not hold: a bad token is refused as such; with a good one the room is on
 * another instance ({@code ROOM_ELSEWHERE}, the owner's name as the message), taken over and built anew here (its
 * owner stopped renewing its lease), or unknown ({@code ROOM_NOT_FOUND}, also without {@link RoomOwners}).
 *
 * <p>One join of a room at a time asks where it is (issue 14): after an owner's loss every page of the room reconnects
 * to the new owner at once, and two joins asking concurrently both try to take the room's lease — the second loses
 * that compare-and-set to the first and was told the room is elsewhere, naming this very instance (313 to itself). A
 * join that finds another join of the same room asking waits for it — at most the takeover's claim wait, on its own
 * connection's thread, as the asking itself does — and then joins the room that one put in place (or asks in turn, if
 * that one was refused); past the wait it is refused with {@code ROOM_MOVED} (314: the page joins again). Thread-safe.
 */
final class RoomWhereabouts {
    private static final Logger log = LoggerFactory.getLogger(RoomWhereabouts.class);

    private final LiveRooms rooms;
    private final RoomTakeovers takeovers;
    private final JoinTokens tokens;
    private final Connections connections;
    /** The rooms a join here is asking about (and putting in place), each done when its future completes. */
    private final Map<String, CompletableFuture<Void>> asking = new ConcurrentHashMap<>();

    RoomWhereabouts(LiveRooms rooms, RoomTakeovers takeovers, JoinTokens tokens, Connections connections) {
        this.rooms = rooms;
        this.takeovers = takeovers;
        this.tokens = tokens;
        this.connections = connections;
    }

    /**
     * The room to join, put in place here (by this join or by another join of it that was asking meanwhile); empty
     * when refused (the refusal sent on {@code connection}). Waits for another join of the room that is asking.
     */
    Optional<LiveRoom> of(RoomOwners owners, ConnectionId connection, String roomId, String token, String correlation) {
        if (roomId == null) {
            return ask(owners, connection, null, token, correlation);
        }
        long until = System.nanoTime() + takeovers.claimWait().toNanos();
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> ahead = asking.putIfAbsent(roomId, mine);
            if (ahead == null) {
                try {
                    LiveRoom placed = rooms.room(roomId); // by the join ahead of this one
                    if (placed != null && !(placed.claimFailed() && !takeovers.claiming(roomId))) {
                        return Optional.of(placed);
                    }
                    return ask(owners, connection, roomId, token, correlation);
                } finally {
                    asking.remove(roomId, mine);
                    mine.complete(null);
                }
            }
            if (!waited(ahead, until)) {
                log.info("connection {}: join of room {} refused: another join of it was still asking where it is",
                        connection, roomId);
                connections.close(connection, ErrorCode.ROOM_MOVED);
                return Optional.empty();
            }
        }
    }

    /** Waits for {@code ahead} until {@code until} (System.nanoTime()); false when the time ran out first. */
    private static boolean waited(CompletableFuture<Void> ahead, long until) {
        long left = until - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            ahead.get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true; // never failed: completed normally in a finally
        }
    }

    /** Asks the owners where the room is and puts it in place when it is this instance's now. */
    private Optional<LiveRoom> ask(RoomOwners owners, ConnectionId connection, String roomId, String token,
                                   String correlation) {
        Refusal refuse = (code, message) -> {
            connections.send(connection, new ServerMessage.Failure(code, message == null ? code.defaultMessage()
                    : message, correlation));
            return Optional.empty();
        };
        JoinGrant grant;
        try {
            grant = tokens.verify(token, roomId == null ? "-" : roomId);
        } catch (TokenRefusedException refused) {
            return refuse.send(ErrorCode.of(refused.refusal()), null);
        }
        if (owners == null || roomId == null) {
            return refuse.send(ErrorCode.ROOM_NOT_FOUND, null);
        }
        RoomOwners.Whereabouts where;
        try {
            where = owners.locate(roomId);
        } catch (RuntimeException e) {
            log.warn("room {}: its owner could not be looked up: {}", roomId, e.getMessage());
            return refuse.send(ErrorCode.SERVER_INTERNAL, null);
        }
        switch (where.kind()) {
            case ELSEWHERE:
                if (where.node() == null) { // held by an instance without a public name: wait for it to lapse
                    return refuse.send(ErrorCode.ROOM_NOT_FOUND, null);
                }
                return refuse.send(ErrorCode.ROOM_ELSEWHERE, where.node());
            case HERE:
                if (where.taken() != null && rooms.takeOver(roomId, grant.session(), where.taken())) {
                    return rooms.held(roomId).or(() -> refuse.send(ErrorCode.ROOM_ENDED, null));
                }
                rooms.open(roomId, grant.session());
                log.info("room {}: taken over by this instance and built anew", roomId);
                return rooms.held(roomId).or(() -> refuse.send(ErrorCode.ROOM_ENDED, null));
            default:
                return refuse.send(ErrorCode.ROOM_NOT_FOUND, null);
        }
    }

    /** Sends a refusal; its message is the code's default unless given. */
    @FunctionalInterface
    private interface Refusal {
        Optional<LiveRoom> send(ErrorCode code, String message);
    }
}
