package org.lianxin.web.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A signaling client on the JDK's WebSocket for the live-room ITs: sends raw frames, collects every frame it receives. */
public final class WsClient implements AutoCloseable {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private WsClient(URI url) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(url, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            inbox.add(JSON.readTree(text.toString()));
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
    }

    public static WsClient connect(URI url) {
        return new WsClient(url);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    public void send(String type, String correlation, String fields) {
        send("{\"type\":\"" + type + "\",\"id\":\"" + correlation + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    /** The next frame of this type (earlier frames of other types are kept in {@link #seen()}). */
    public JsonNode next(String type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode m;
            try {
                m = inbox.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (m == null) {
                continue;
            }
            seen.add(m);
            if (m.path("type").asString().equals(type)) {
                return m;
            }
        }
        throw new AssertionError("no '" + type + "' within 15 s; received " + seen);
    }

    /** The next error frame, which must have this code. */
    public JsonNode error(int code) {
        JsonNode e = next("error");
        if (e.path("code").asInt() != code) {
            throw new AssertionError("expected error " + code + " but got " + e);
        }
        return e;
    }

    public List<JsonNode> seen() {
        return seen;
    }

    /** Waits for the server to close the connection; returns the close code. */
    public int awaitClosed() throws Exception {
        return closed.get(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
