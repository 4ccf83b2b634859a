package org.lianxin.signaling.room;

import java.util.Objects;
import org.lianxin.signaling.protocol.ErrorCode;

/**
 * A connection to close after its messages are sent.
 *
 * @param connection the connection
 * @param reason     why (e.g. {@link ErrorCode#ROOM_CONNECTION_REPLACED}: send that error on the
 *                   connection, then close it), or null for a normal close (left; removed after its
 *                   {@code removed} message; ended after {@code ended})
 */
public record CloseConnection(ConnectionId connection, ErrorCode reason) {
    public CloseConnection {
        Objects.requireNonNull(connection, "connection");
    }
}
