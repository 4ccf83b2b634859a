package org.lianxin.signaling.live;

import java.util.List;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;

/**
 * For other modules' tests (the signaling test jar): a browser's join on {@link LiveRooms} without a WebSocket, as the
 * signaling endpoint makes it, and the in-memory media engine and recorded connections of this module's own tests.
 */
public final class LiveRoomsProbe {
    private LiveRoomsProbe() {
    }

    /** A join on {@code connection} bound to {@code boundRoomId} (null: the token's room); true when joined. */
    public static boolean join(LiveRooms rooms, ConnectionId connection, String boundRoomId, String token,
                               String correlation) {
        return rooms.join(connection, boundRoomId, token, correlation).isPresent();
    }

    /** A media engine in memory that completes every operation at once ({@link #roomsMade}). */
    public static MediaEngine memoryMedia() {
        return new LiveRoomsTest.MemoryMedia();
    }

    /** How many media rooms {@code memoryMedia} made. */
    public static int roomsMade(MediaEngine memoryMedia) {
        return ((LiveRoomsTest.MemoryMedia) memoryMedia).created.size();
    }

    /** Connections that record what they were sent and which were closed. */
    public static Connections recordedConnections() {
        return new LiveRoomsTest.Recorded();
    }

    /** What {@code recorded} sent on {@code connection}, in order. */
    public static List<ServerMessage> sent(Connections recorded, String connection) {
        return ((LiveRoomsTest.Recorded) recorded).to(connection);
    }

    /** The connections {@code recorded} closed. */
    public static List<String> closed(Connections recorded) {
        return List.copyOf(((LiveRoomsTest.Recorded) recorded).closed);
    }
}
