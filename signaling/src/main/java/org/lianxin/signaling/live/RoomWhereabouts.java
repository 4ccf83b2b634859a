package org.lianxin.signaling.live;

import java.util.Optional;
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
 */
final class RoomWhereabouts {
    private static final Logger log = LoggerFactory.getLogger(RoomWhereabouts.class);

    private RoomWhereabouts() {
    }

    /** The room to join, opened here; empty when refused (the refusal sent on {@code connection}). */
    static Optional<LiveRoom> of(LiveRooms rooms, RoomOwners owners, JoinTokens tokens, Connections connections,
                                 ConnectionId connection, String roomId, String token, String correlation) {
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
