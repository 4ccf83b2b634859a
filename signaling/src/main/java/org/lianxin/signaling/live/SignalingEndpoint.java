package org.lianxin.signaling.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ProtocolCodec;
import org.lianxin.signaling.protocol.ProtocolException;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The browsers' signaling WebSocket (one instance per connection). Every text frame is decoded by
 * the {@link ProtocolCodec}; a bad frame is answered with a numbered {@code error} and the
 * connection stays open (also for oversized frames: they are read in parts and dropped, never
 * buffered whole). The first message must be a {@code join}; before it only heartbeats are
 * answered. A connection silent for longer than the idle timeout is closed (browsers heartbeat).
 *
 * <p>Registered programmatically ({@link #config}) rather than with {@code @ServerEndpoint}: the
 * container asks our configurator for each instance, so the endpoint gets its collaborators by
 * constructor without static state.
 *
 * <p>A connection opened with {@code ?room=<id>} is bound to that room: a token for another room is
 * refused with {@link ErrorCode#TOKEN_WRONG_ROOM}. Without it the token names the room.
 */
public final class SignalingEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);
    public static final String PATH = "/ws/signaling";

    private final LiveRooms rooms;
    private final WebSocketConnections connections;
    private final ProtocolCodec codec;
    private final Duration idleTimeout;

    private ConnectionId id;
    private Session session;
    private String boundRoom;
    private volatile LiveRooms.Participant joined;
    /** Every frame is handled holding this, one at a time, in order (also those held while a join waits). */
    private final Object order = new Object();
    /**
     * Guards {@link #joining} and {@link #closedWhileJoining} (written holding {@link #order} too) and is never held
     * while calling out: {@link #onClose} takes only this. It must not wait for {@link #order}: a room that closes
     * this connection calls {@code onClose} on its own thread, holding the room's lock, while this connection's frame
     * may hold {@code order} and wait for that lock (a deadlock seen in RecordedReceptionIT under load).
     */
    private final Object joinState = new Object();
    /** A join waits for its room's claim (guarded by joinState): frames arriving meanwhile are held, then handled. */
    private boolean joining;
    /** The frames that arrived while the join waited (guarded by order). */
    private final java.util.ArrayDeque<String> held = new java.util.ArrayDeque<>();
    /** The connection closed while its join waited (guarded by joinState). */
    private boolean closedWhileJoining;
    /** Frames held at most while a join waits; more are refused as too frequent. */
    static final int MAX_HELD_FRAMES = 32;
    private final StringBuilder partial = new StringBuilder();
    private boolean oversized;

    SignalingEndpoint(LiveRooms rooms, WebSocketConnections connections, ProtocolCodec codec, Duration idleTimeout) {
        this.rooms = rooms;
        this.connections = connections;
        this.codec = codec;
        this.idleTimeout = idleTimeout;
    }

    /** The endpoint's registration at {@link #PATH}, for the container (e.g. Spring's ServerEndpointExporter). */
    public static ServerEndpointConfig config(LiveRooms rooms, WebSocketConnections connections, ProtocolCodec codec,
                                              Duration idleTimeout) {
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        return ServerEndpointConfig.Builder.create(SignalingEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return (T) new SignalingEndpoint(rooms, connections, codec, idleTimeout);
                    }
                })
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        this.id = new ConnectionId(UUID.randomUUID().toString());
        List<String> room = session.getRequestParameterMap().get("room");
        this.boundRoom = room == null || room.isEmpty() || room.get(0).isBlank() ? null : room.get(0);
        session.setMaxIdleTimeout(idleTimeout.toMillis());
        connections.register(id, session);
        session.addMessageHandler(String.class, new MessageHandler.Partial<String>() {
            @Override
            public void onMessage(String part, boolean last) {
                onText(part, last);
            }
        });
        session.addMessageHandler(ByteBuffer.class, new MessageHandler.Partial<ByteBuffer>() {
            @Override
            public void onMessage(ByteBuffer part, boolean last) {
                if (last) {
                    reply(new ServerMessage.Failure(ErrorCode.TRANSPORT_MALFORMED, "binary frames are not used", null));
                }
            }
        });
        log.debug("connection {} open", id);
    }

    private void onText(String part, boolean last) {
        if (!oversized) {
            partial.append(part);
            if (partial.length() > codec.maxMessageBytes()) { // chars <= bytes: surely too large
                oversized = true;
                partial.setLength(0);
                partial.trimToSize();
            }
        }
        if (!last) {
            return;
        }
        if (oversized) {
            oversized = false;
            reply(new ServerMessage.Failure(ErrorCode.TRANSPORT_TOO_LARGE,
                    "message larger than " + codec.maxMessageBytes() + " bytes", null));
            return;
        }
        String text = partial.toString();
        partial.setLength(0);
        if (partial.capacity() > 16 * 1024) {
            partial.trimToSize();
        }
        synchronized (order) {
            if (isJoining()) {
                if (held.size() < MAX_HELD_FRAMES) {
                    held.add(text);
                } else {
                    reply(new ServerMessage.Failure(ErrorCode.TRANSPORT_TOO_FREQUENT,
                            "wait for the join's answer", null));
                }
                return;
            }
            onFrame(text);
        }
    }

    /**
     * The join that waited has its answer (on the thread that settled it): the participant if joined, then the frames
     * held meanwhile, in order; a connection closed meanwhile leaves the room's place to its reconnect grace.
     */
    private void joinSettled(Optional<LiveRooms.Participant> p, Throwable error) {
        synchronized (order) {
            if (error != null) {
                String errorId = UUID.randomUUID().toString();
                log.error("connection {}: internal error {} in a join", id, errorId, error);
                reply(new ServerMessage.Failure(ErrorCode.SERVER_INTERNAL,
                        "internal error; quote id " + errorId + " to the operator", null));
            } else {
                p.ifPresent(participant -> joined = participant);
            }
            boolean closed;
            synchronized (joinState) {
                joining = false;
                closed = closedWhileJoining;
            }
            if (closed) {
                held.clear();
                LiveRooms.Participant who = joined;
                if (who != null) {
                    rooms.connectionLost(who, id);
                }
                return;
            }
            while (!held.isEmpty() && !isJoining()) {
                onFrame(held.poll());
            }
        }
    }

    private boolean isJoining() {
        synchronized (joinState) {
            return joining;
        }
    }

    private void onFrame(String text) {
        LiveRooms.Participant who = joined;
        try (var mdcRoom = MDC.putCloseable("room", who == null ? boundRoom : who.roomId())) {
            Incoming incoming;
            try {
                incoming = codec.decodeClient(text);
            } catch (ProtocolException e) {
                reply(e.toFailure());
                return;
            }
            ClientMessage m = incoming.message();
            if (m instanceof ClientMessage.Join join) {
                if (who != null) {
                    reply(new ServerMessage.Failure(ErrorCode.ROOM_ALREADY_JOINED,
                            ErrorCode.ROOM_ALREADY_JOINED.defaultMessage(), incoming.correlation()));
                    return;
                }
                // joining before the join is asked for: a close from here on (onClose does not wait for order)
                // is left to the join's end, which then lets the participant's place go
                synchronized (joinState) {
                    joining = true; // caller holds order: frames are held until it settles (never on this thread)
                }
                java.util.concurrent.CompletableFuture<Optional<LiveRooms.Participant>> p;
                try {
                    p = rooms.joinLater(id, boundRoom, join.token(), incoming.correlation());
                } catch (RuntimeException e) {
                    synchronized (joinState) {
                        joining = false; // nobody joined: a close meanwhile has nothing to let go
                    }
                    throw e;
                }
                if (p.isDone() && !p.isCompletedExceptionally()) {
                    joinSettled(p.join(), null); // at once, on this thread (holding order; nothing held yet)
                    return;
                }
                p.whenCompleteAsync(this::joinSettled);
                return;
            }
            if (who == null) {
                if (m instanceof ClientMessage.Heartbeat) {
                    reply(new ServerMessage.HeartbeatAck());
                } else {
                    reply(new ServerMessage.Failure(ErrorCode.ROOM_NOT_JOINED, ErrorCode.ROOM_NOT_JOINED.defaultMessage(),
                            incoming.correlation()));
                }
                return;
            }
            rooms.handle(who, id, incoming);
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            log.error("connection {}: internal error {}", id, errorId, e);
            reply(new ServerMessage.Failure(ErrorCode.SERVER_INTERNAL,
                    "internal error; quote id " + errorId + " to the operator", null));
        }
    }

    private void reply(ServerMessage message) {
        connections.send(id, message);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        connections.unregister(id);
        synchronized (joinState) { // never order: see joinState
            if (joining) {
                closedWhileJoining = true; // the join's end leaves the place
                return;
            }
        }
        LiveRooms.Participant who = joined;
        if (who != null) {
            log.debug("connection {} of {} in {} closed: {}", id, who.participantId(), who.roomId(), closeReason);
            rooms.connectionLost(who, id);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        log.debug("connection {}: {}", id, error.toString());
    }
}
