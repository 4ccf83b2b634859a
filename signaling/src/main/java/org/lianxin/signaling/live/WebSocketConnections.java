package org.lianxin.signaling.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ProtocolCodec;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Connections} over Jakarta WebSocket sessions: each connection has an outgoing queue sent
 * one frame at a time with the asynchronous API, so a room never waits for a slow browser. A
 * browser that lets {@link #MAX_QUEUED} frames pile up is disconnected.
 */
public final class WebSocketConnections implements Connections {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConnections.class);
    static final int MAX_QUEUED = 1000;

    private final ProtocolCodec codec;
    private final ConcurrentHashMap<ConnectionId, Outgoing> open = new ConcurrentHashMap<>();

    public WebSocketConnections(ProtocolCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    void register(ConnectionId id, Session session) {
        open.put(id, new Outgoing(id, session));
    }

    void unregister(ConnectionId id) {
        open.remove(id);
    }

    /** Open connections. */
    int size() {
        return open.size();
    }

    @Override
    public void send(ConnectionId connection, ServerMessage message) {
        Outgoing o = open.get(connection);
        if (o != null) {
            o.send(codec.encode(message));
        }
    }

    @Override
    public void close(ConnectionId connection, ErrorCode reason) {
        Outgoing o = open.get(connection);
        if (o == null) {
            return;
        }
        if (reason != null) {
            o.send(codec.encode(ServerMessage.Failure.of(reason)));
            o.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000 + reason.number()), reason.name()));
        } else {
            o.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        }
    }

    /** One connection's frames, sent in order, one at a time. */
    private static final class Outgoing {
        private final ConnectionId id;
        private final Session session;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean sending;
        private CloseReason closeWhenDone;
        private boolean closed;

        Outgoing(ConnectionId id, Session session) {
            this.id = id;
            this.session = session;
        }

        synchronized void send(String text) {
            if (closed || closeWhenDone != null) {
                return;
            }
            if (sending) {
                if (queue.size() >= MAX_QUEUED) {
                    log.warn("connection {}: {} frames unsent, disconnecting a browser that does not read", id,
                            queue.size());
                    queue.clear();
                    closeNow(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow"));
                    return;
                }
                queue.add(text);
                return;
            }
            write(text);
        }

        synchronized void close(CloseReason reason) {
            if (closed || closeWhenDone != null) {
                return;
            }
            closeWhenDone = reason;
            if (!sending) {
                closeNow(reason);
            }
        }

        /** Caller holds the monitor. */
        private void write(String text) {
            sending = true;
            try {
                session.getAsyncRemote().sendText(text, this::sent);
            } catch (RuntimeException e) {
                log.debug("connection {}: send failed: {}", id, e.toString());
                sending = false;
                closed = true;
                queue.clear();
            }
        }

        private synchronized void sent(SendResult result) {
            sending = false;
            if (!result.isOK()) {
                log.debug("connection {}: send failed: {}", id, String.valueOf(result.getException()));
                queue.clear();
                closed = true;
                return;
            }
            String next = queue.poll();
            if (next != null) {
                write(next);
            } else if (closeWhenDone != null) {
                closeNow(closeWhenDone);
            }
        }

        /** Caller holds the monitor. */
        private void closeNow(CloseReason reason) {
            closed = true;
            try {
                if (session.isOpen()) {
                    session.close(reason);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("connection {}: close failed: {}", id, e.toString());
            }
        }
    }
}
