package org.lianxin.signaling.live;

import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;

/**
 * The browsers' connections as live rooms see them. Both calls must return at once (queue, never
 * block): they run under a room's lock. Unknown (already closed) connections are ignored.
 */
public interface Connections {

    /** Sends a message on the connection, after those sent before. */
    void send(ConnectionId connection, ServerMessage message);

    /**
     * Closes the connection after the messages already sent.
     *
     * @param reason null for a normal close; else this error is sent first and becomes the close code
     *               (4000 + its number)
     */
    void close(ConnectionId connection, ErrorCode reason);
}
