package org.lianxin.signaling.media.internal.janus;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Janus's Admin API over WebSocket (subprotocol {@code janus-admin-protocol}): no sessions, every
 * request carries the {@code admin_secret}. Connected on first use and again after a loss.
 */
final class JanusAdminClient implements AutoCloseable {

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final JsonMapper json;
    private final WebSocketContainer container = ContainerProvider.getWebSocketContainer();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong transactions = new AtomicLong();
    private Session ws; // guarded by this
    private volatile boolean closed;

    JanusAdminClient(URI url, String secret, Duration timeout, JsonMapper json) {
        this.url = url;
        this.secret = secret;
        this.timeout = timeout;
        this.json = json;
        container.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** Sends an Admin API request; completes with the {@code success} reply. */
    CompletableFuture<JsonNode> request(ObjectNode message) {
        String tx = "admin-" + transactions.incrementAndGet();
        message.put("transaction", tx);
        message.put("admin_secret", secret);
        String what = message.path("janus").asString();
        CompletableFuture<JsonNode> raw = new CompletableFuture<>();
        pending.put(tx, raw);
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        raw.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
            pending.remove(tx);
            if (error == null) {
                result.complete(reply);
            } else if (error instanceof TimeoutException) {
                result.completeExceptionally(new MediaException(Code.MEDIA_TIMEOUT,
                        "no reply from the Janus Admin API to " + what + " within " + timeout.toMillis() + " ms"));
            } else {
                result.completeExceptionally(error);
            }
        });
        try {
            Session s = session();
            synchronized (s) {
                s.getBasicRemote().sendText(json.writeValueAsString(message));
            }
        } catch (IOException | RuntimeException e) {
            raw.completeExceptionally(new MediaException(Code.MEDIA_NODE_UNREACHABLE,
                    "Janus Admin API " + url + " unreachable: " + e.getMessage(), e));
        }
        return result;
    }

    private synchronized Session session() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (ws != null && ws.isOpen()) {
            return ws;
        }
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("janus-admin-protocol")).build();
        config.getUserProperties().put("org.apache.tomcat.websocket.IO_TIMEOUT_MS", Long.toString(timeout.toMillis()));
        try {
            ws = container.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig cfg) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) JanusAdminClient.this::onText);
                }

                @Override
                public void onClose(Session session, CloseReason reason) {
                    pending.values().forEach(f -> f.completeExceptionally(new MediaException(
                            Code.MEDIA_NODE_UNREACHABLE, "Janus Admin API connection closed: " + reason)));
                }
            }, config, url);
        } catch (jakarta.websocket.DeploymentException e) {
            throw new IOException(e);
        }
        return ws;
    }

    private void onText(String text) {
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (RuntimeException e) {
            return;
        }
        CompletableFuture<JsonNode> f = pending.remove(m.path("transaction").asString(""));
        if (f == null) {
            return;
        }
        if ("error".equals(m.path("janus").asString())) {
            JsonNode error = m.path("error");
            f.completeExceptionally(JanusErrors.core(error.path("code").asInt(), error.path("reason").asString(),
                    "Admin API request"));
        } else {
            f.complete(m);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ws != null && ws.isOpen()) {
            try {
                ws.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (container instanceof WsWebSocketContainer tomcat) {
            tomcat.destroy();
        }
    }
}
