package org.lianxin.signaling.live;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.lianxin.signaling.live.LiveRooms.EndedSession;
import org.lianxin.signaling.live.LiveRooms.Participant;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.IceServer;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.token.AccountBinding;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.turn.TurnCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The joins into the {@link LiveRooms} and the staff accounts they were made with: which room a join is for (the
 * token's, or the connection's), whether its account still stands ({@link AccountGate}), where a room not held here
 * is ({@link RoomWhereabouts}), the wait for a takeover's claim ({@link RoomTakeovers}), the TURN credentials handed
 * out, and the connections of each staff account — closed when that account changes. Thread-safe.
 */
final class RoomJoins {

    private static final Logger log = LoggerFactory.getLogger(RoomJoins.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LiveRooms rooms;
    private final RoomTakeovers takeovers;
    private final RoomWhereabouts whereabouts;
    private final JoinTokens tokens;
    private final Connections connections;
    private final TurnCredentials turn;
    private final AccountConnections accountConnections = new AccountConnections();
    /** Who owns the rooms not held here (several application instances); null: one instance. */
    private volatile RoomOwners owners;
    /** Whether a token's staff account still stands; {@link AccountGate#OPEN}: not asked. */
    private volatile AccountGate accountGate = AccountGate.OPEN;

    RoomJoins(LiveRooms rooms, RoomTakeovers takeovers, JoinTokens tokens, Connections connections,
              TurnCredentials turn) {
        this.rooms = rooms;
        this.takeovers = takeovers;
        this.tokens = tokens;
        this.connections = connections;
        this.turn = Objects.requireNonNull(turn, "turn");
        this.whereabouts = new RoomWhereabouts(rooms, takeovers, tokens, connections);
    }

    void ownedBy(RoomOwners owners) {
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    void guardedBy(AccountGate gate) {
        this.accountGate = Objects.requireNonNull(gate, "gate");
    }

    /** See {@link LiveRooms#joinLater}; {@code later} runs a join that waited for a claim. */
    CompletableFuture<Optional<Participant>> joinLater(ConnectionId connection, String boundRoomId, String token,
                                                       String correlation, Executor later) {
        String roomId = boundRoomId != null ? boundRoomId : claimedRoom(token);
        Optional<AccountBinding> account = roomId == null ? Optional.empty() : tokens.accountOf(token, roomId);
        if (account.isPresent() && !accountGate.current(account.get())) {
            log.info("connection {}: join token of account {} refused: the account changed since it was issued",
                    connection, account.get().accountId());
            connections.close(connection, ErrorCode.ROOM_SESSION_ENDED);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        LiveRoom held = roomId == null ? null : rooms.room(roomId);
        if (held != null && held.claimFailed() && !takeovers.claiming(roomId)) {
            held = null; // a takeover whose claim failed: built anew below
        }
        if (held == null) {
            Optional<LiveRoom> placed = whereabouts.of(owners, connection, roomId, token, correlation);
            if (placed.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            held = placed.get();
        }
        String id = held.roomId();
        CompletableFuture<Boolean> claim = takeovers.waitForClaim(id);
        if (claim == null) {
            // no claim under way; one that failed meanwhile has put the room built anew in its place already
            LiveRoom now = held.claimFailed() ? rooms.room(id) : held;
            if (now == null || now.claimFailed()) {
                connections.close(connection, ErrorCode.ROOM_MOVED);
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return CompletableFuture.completedFuture(joinHeld(now, account, connection, token, correlation));
        }
        return claim.thenApplyAsync(settled -> {
            LiveRoom now = rooms.room(id);
            if (!settled || now == null || now.isEnded() || now.claimFailed()) {
                log.info("connection {}: join of room {} refused: {}", connection, id, settled
                        ? "the room is not open after its takeover" : "too long or too many waiting for its claim");
                connections.close(connection, ErrorCode.ROOM_MOVED);
                return Optional.<Participant>empty();
            }
            return joinHeld(now, account, connection, token, correlation);
        }, later);
    }

    /** The join into a room held here and ready. */
    private Optional<Participant> joinHeld(LiveRoom r, Optional<AccountBinding> account, ConnectionId connection,
                                           String token, String correlation) {
        IceServerGrants grants = IceServerGrants.none();
        if (turn.enabled()) {
            Instant tokenEnd = tokens.usableUntil(token, r.roomId()).orElse(null);
            Instant resumeEnd = tokens.resumableUntil(token, r.roomId()).orElse(null);
            grants = new IceServerGrants() {
                @Override
                public List<IceServer> atJoin(String participantId) {
                    return turn.iceServers(participantId, tokenEnd);
                }

                @Override
                public List<IceServer> renewal(String participantId) {
                    return turn.iceServers(participantId, resumeEnd);
                }
            };
        }
        Optional<Participant> joined = r.join(tokens, token, connection, correlation, grants)
                .map(p -> new Participant(r.roomId(), p));
        if (joined.isPresent() && account.isPresent()) {
            accountConnections.joined(new AccountConnections.Joined(account.get(), r.roomId(),
                    joined.get().participantId(), connection));
        }
        return joined;
    }

    /** A joined participant's connection closed or broke: no longer one of its account's. */
    void connectionLost(ConnectionId connection) {
        accountConnections.closed(connection);
    }

    /** See {@link LiveRooms#connectedAccounts()}. */
    Set<AccountBinding> connectedAccounts() {
        return accountConnections.accounts();
    }

    /** See {@link LiveRooms#endSessions(Set)}. */
    List<EndedSession> endSessions(Set<AccountBinding> stale) {
        List<EndedSession> ended = new ArrayList<>();
        for (AccountConnections.Joined j : accountConnections.takeAll(stale)) {
            LiveRoom r = rooms.room(j.roomId());
            if (r != null) {
                r.sessionEnded(j.participantId(), j.connection());
            }
            connections.close(j.connection(), ErrorCode.ROOM_SESSION_ENDED); // no longer in the room: still closed
            log.info("room {}: connection {} of {} closed: its account {} changed", j.roomId(), j.connection(),
                    j.participantId(), j.account().accountId());
            ended.add(new EndedSession(j.account(), j.roomId(), j.participantId()));
        }
        return ended;
    }

    /** The room id a token claims, read without verifying it (the room verifies it); null if unreadable. */
    static String claimedRoom(String token) {
        if (token == null || token.length() > 4096) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode room = claims.get("room");
            return room != null && room.isString() && !room.asString().isBlank() ? room.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
