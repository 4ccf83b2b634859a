package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.CloseConnection;
import org.lianxin.signaling.room.ConnectionId;

/**
 * The connection each participant of one room is on, and sending to a participant on it.
 *
 * <p>Guarded by the room's lock: every method is called with it held. The {@link Connections}
 * calls queue and return at once, so sending under the lock keeps the room's order of messages.
 */
final class RoomConnections {

    private final Connections connections;
    private final Map<String, ConnectionId> connectionOf = new HashMap<>();

    RoomConnections(Connections connections) {
        this.connections = connections;
    }

    /** The participant joined (or resumed) on {@code connection}. */
    void joined(String participantId, ConnectionId connection) {
        connectionOf.put(participantId, connection);
    }

    /** The connection broke: the participant has none until it resumes (unless it is already on another). */
    void lost(String participantId, ConnectionId connection) {
        if (connection.equals(connectionOf.get(participantId))) {
            connectionOf.remove(participantId);
        }
    }

    /** The participant left the room. */
    void left(String participantId) {
        connectionOf.remove(participantId);
    }

    /** Sends to the participant on its connection; dropped if it has none (within its reconnect grace). */
    void send(String participantId, ServerMessage message) {
        ConnectionId c = connectionOf.get(participantId);
        if (c != null) {
            connections.send(c, message);
        }
    }

    /** Sends on a connection no participant is known on yet (a refused join). */
    void send(ConnectionId connection, ServerMessage message) {
        connections.send(connection, message);
    }

    /** Closes the connection (after the messages sent on it) and forgets it. */
    void close(CloseConnection close) {
        connections.close(close.connection(), close.reason());
        connectionOf.values().removeIf(close.connection()::equals);
    }

    /** The participants on a connection now. */
    List<String> connected() {
        return new ArrayList<>(connectionOf.keySet());
    }
}
