package org.lianxin.signaling.live;

import org.lianxin.signaling.room.ConnectionId;

/**
 * For other modules' tests (the signaling test jar): a browser's join on {@link LiveRooms} without a WebSocket, as the
 * signaling endpoint makes it.
 */
public final class LiveRoomsProbe {
    private LiveRoomsProbe() {
    }

    /** A join on {@code connection} bound to {@code boundRoomId} (null: the token's room); true when joined. */
    public static boolean join(LiveRooms rooms, ConnectionId connection, String boundRoomId, String token,
                               String correlation) {
        return rooms.join(connection, boundRoomId, token, correlation).isPresent();
    }
}
