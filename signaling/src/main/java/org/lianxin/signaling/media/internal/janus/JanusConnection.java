package org.lianxin.signaling.media.internal.janus;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection of a {@link JanusClient} and the Janus sessions on it: its own, and the room sessions made
 * or claimed on it (issue 14), kept alive together and lost together. Requests go out as {@link JanusTransactions};
 * what Janus sends back is read on the owner's dispatcher thread: the reply to a transaction settles it, a room
 * session's timeout drops that session, the own session's timeout loses the connection, and the rest goes to the
 * owner. Any send failure or close of the WebSocket is reported to the owner, which decides what follows.
 */
final class JanusConnection {

    private static final Logger log = LoggerFactory.getLogger(JanusConnection.class);

    /** What the connection reports to its client. */
    interface Owner {
        /** The connection failed (sending, WebSocket closed or broken, session timed out); may come more than once. */
        void lost(JanusConnection c, String reason);

        /** A message that is not a reply to a transaction nor a timeout, on the dispatcher thread. */
        void event(JanusConnection c, JsonNode message);
    }

    /** Set once, by the first report of the loss that the client acts on. */
    final AtomicBoolean lost = new AtomicBoolean();
    private final Object sendLock = new Object();
    volatile Session ws;
    volatile long sessionId;
    volatile boolean up;
    volatile ScheduledFuture<?> keepalive;
    /** The sessions made or claimed on this connection besides its own (one per room), kept alive with it. */
    final Set<Long> roomSessions = ConcurrentHashMap.newKeySet();
    private final String name;
    private final JsonMapper json;
    private final JanusTransactions transactions;
    private final Owner owner;
    /** The owner's dispatcher thread, where what Janus sends is read. */
    private final Executor dispatcher;

    JanusConnection(String name, JsonMapper json, JanusTransactions transactions, Owner owner, Executor dispatcher) {
        this.name = name;
        this.json = json;
        this.transactions = transactions;
        this.owner = owner;
        this.dispatcher = dispatcher;
    }

    /** Opens the WebSocket to {@code settings.wsUrl()} (subprotocol {@code janus-protocol}), without a session yet. */
    void open(WebSocketContainer container, JanusSettings settings) throws DeploymentException, IOException {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("janus-protocol")).build();
        config.getUserProperties().put("org.apache.tomcat.websocket.IO_TIMEOUT_MS",
                Long.toString(settings.requestTimeout().toMillis()));
        ws = container.connectToServer(endpoint(), config, settings.wsUrl());
        ws.setMaxTextMessageBufferSize(4 * 1024 * 1024);
    }

    /** Up (its session made or claimed) and not lost. */
    boolean usable() {
        return up && !lost.get();
    }

    /** A request {@code {"janus": verb, "session_id": sessionId}}. */
    ObjectNode request(String verb, long sessionId) {
        ObjectNode m = json.createObjectNode();
        m.put("janus", verb);
        m.put("session_id", sessionId);
        return m;
    }

    /**
     * Sends {@code message} as a new transaction: the reply (success, event, or ack when {@code ackIsFinal}) completes
     * the future, a Janus {@code error} fails it with a {@link MediaException}; a failed send fails it at once and
     * loses the connection.
     */
    CompletableFuture<JsonNode> send(ObjectNode message, boolean ackIsFinal) {
        String verb = message.path("janus").asString();
        String what = describe(message);
        JanusTransactions.Opened tx = transactions.open(this, message, ackIsFinal, what);
        String text = json.writeValueAsString(message);
        try {
            synchronized (sendLock) {
                ws.getBasicRemote().sendText(text);
            }
            log.debug("{} -> {} ({})", name, verb, tx.id());
        } catch (IOException | RuntimeException e) {
            tx.raw().completeExceptionally(new MediaException(Code.MEDIA_NODE_UNREACHABLE,
                    "could not send " + what + " to Janus", e));
            owner.lost(this, "send failed: " + e);
        }
        return tx.result();
    }

    private static String describe(ObjectNode message) {
        String verb = message.path("janus").asString();
        JsonNode request = message.path("body").path("request");
        return request.isMissingNode() ? verb : verb + "/" + request.asString();
    }

    /** Makes another session on this connection (a live room's own); see {@link JanusClient#createSession()}. */
    CompletableFuture<Long> createSession() {
        ObjectNode create = json.createObjectNode();
        create.put("janus", "create");
        return send(create, false).thenApply(reply -> {
            long id = reply.path("data").path("id").asLong();
            if (id == 0) {
                throw new MediaException(Code.MEDIA_SERVER_ERROR, "Janus create gave no session id");
            }
            roomSessions.add(id);
            return id;
        });
    }

    /** Claims another connection's session on this one; see {@link JanusClient#claimSession(long)}. */
    CompletableFuture<Void> claimSession(long id, URI wsUrl) {
        return send(request("claim", id), false).handle((reply, error) -> {
            if (error != null) {
                MediaException m = MediaException.in(error).orElse(null);
                if (m != null && m.serverCode().filter(code -> code == 458).isPresent()) {
                    throw new MediaException(Code.MEDIA_ENDPOINT_LOST, "Janus " + wsUrl + " no longer has session "
                            + id, m);
                }
                throw m != null ? m : new MediaException(Code.MEDIA_SERVER_ERROR, "claim failed", error);
            }
            roomSessions.add(id);
            log.info("{}: claimed Janus session {} on {}", name, id, wsUrl);
            return null;
        });
    }

    /** Reads what Janus sends on this connection, each message on the owner's dispatcher thread. */
    private Endpoint endpoint() {
        return new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                        dispatcher.execute(() -> onText(text)));
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                owner.lost(JanusConnection.this, "WebSocket closed: " + reason.getCloseCode() + " "
                        + reason.getReasonPhrase());
            }

            @Override
            public void onError(Session session, Throwable error) {
                owner.lost(JanusConnection.this, "WebSocket error: " + error);
            }
        };
    }

    private void onText(String text) {
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (RuntimeException e) {
            log.warn("{}: unreadable message from Janus ignored ({} chars)", name, text.length());
            return;
        }
        String verb = m.path("janus").asString();
        JsonNode txNode = m.get("transaction");
        if (txNode != null && txNode.isString()) {
            String tx = txNode.asString();
            JanusTransactions.Settled settled = transactions.settle(tx, verb, m);
            if (settled == JanusTransactions.Settled.LATE) {
                log.debug("{}: late {} for {} ignored", name, verb, tx);
            }
            if (settled != JanusTransactions.Settled.NOT_OURS) {
                return;
            }
        }
        if ("timeout".equals(verb) && roomSessions.remove(m.path("session_id").asLong())) {
            log.warn("{}: Janus timed out room session {}", name, m.path("session_id").asLong());
            return;
        }
        if ("timeout".equals(verb)) {
            owner.lost(this, "Janus timed out session " + m.path("session_id").asLong());
            return;
        }
        owner.event(this, m);
    }

    /** Keeps its own session and its room sessions alive; a room session Janus no longer has is dropped. */
    void keepAlive() {
        send(request("keepalive", sessionId), true).whenComplete((reply, error) -> {
            if (error != null) {
                owner.lost(this, "keepalive failed: " + MediaException.in(error).map(Throwable::getMessage)
                        .orElse(String.valueOf(error)));
            }
        });
        for (long room : roomSessions) {
            send(request("keepalive", room), true).whenComplete((reply, error) -> {
                if (error != null && MediaException.in(error).flatMap(MediaException::serverCode).isPresent()) {
                    roomSessions.remove(room); // Janus no longer has it (458): nothing to keep alive
                    log.warn("{}: room session {} is gone from Janus: {}", name, room, error.toString());
                }
            });
        }
    }

    /** Destroys its room sessions (not waited for) and its own session (waited for up to a second). */
    void destroySessions() {
        for (long room : roomSessions) {
            send(request("destroy", room), false); // not waited for: closing the connection must not wait on each
        }
        try {
            send(request("destroy", sessionId), false).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("{}: session destroy not confirmed", name);
        }
    }

    /** After its loss: stops its keepalive, fails its open transactions with {@code reason}, closes its WebSocket. */
    void shut(String reason) {
        ScheduledFuture<?> k = keepalive;
        if (k != null) {
            k.cancel(false);
        }
        transactions.connectionLost(this, reason);
        Session s = ws;
        if (s != null && s.isOpen()) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                log.debug("{}: close after loss failed", name, e);
            }
        }
    }
}
