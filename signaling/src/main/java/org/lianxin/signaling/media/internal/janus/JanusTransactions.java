package org.lianxin.signaling.media.internal.janus;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open transactions of a {@link JanusClient}: each request's future, settled by the first reply that is not an
 * {@code ack} (or by the {@code ack} where that is the only reply), failed by a Janus {@code error}, a timeout or the
 * loss of the connection it was sent on. Thread-safe (a concurrent map; no locks).
 */
final class JanusTransactions {

    private record Pending(CompletableFuture<JsonNode> future, boolean ackIsFinal, Object connection) {
    }

    /** A request registered under its transaction id: {@code raw} settles it, {@code result} is what the caller gets. */
    record Opened(String id, CompletableFuture<JsonNode> raw, CompletableFuture<JsonNode> result) {
    }

    /** What a message with a transaction id was to the open transactions. */
    enum Settled {
        /** It settled one (success, event, error, or the final ack). */
        SETTLED,
        /** An ack of a request whose event follows (or already came). */
        ACK,
        /** A reply to a transaction no longer open (timed out, failed): ignored. */
        LATE,
        /** No reply to one of ours: an event to hand on. */
        NOT_OURS
    }

    private final String name;
    private final Duration timeout;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong transactions = new AtomicLong();

    JanusTransactions(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
    }

    /** Adds the {@code transaction} to {@code message} and registers it as sent on {@code connection}. */
    Opened open(Object connection, ObjectNode message, boolean ackIsFinal, String what) {
        String tx = name + "-" + transactions.incrementAndGet();
        message.put("transaction", tx);
        CompletableFuture<JsonNode> raw = new CompletableFuture<>();
        pending.put(tx, new Pending(raw, ackIsFinal, connection));
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        raw.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
            pending.remove(tx);
            if (error == null) {
                result.complete(reply);
            } else if (error instanceof TimeoutException) {
                result.completeExceptionally(new MediaException(Code.MEDIA_TIMEOUT,
                        "no reply from Janus to " + what + " within " + timeout.toMillis() + " ms"));
            } else {
                result.completeExceptionally(error);
            }
        });
        return new Opened(tx, raw, result);
    }

    /** Settles the transaction {@code tx} with the message {@code m} (its {@code janus} verb {@code verb}). */
    Settled settle(String tx, String verb, JsonNode m) {
        Pending p = pending.get(tx);
        if (p != null) {
            if ("ack".equals(verb) && !p.ackIsFinal()) {
                return Settled.ACK; // the event follows (or already came)
            }
            pending.remove(tx);
            if ("error".equals(verb)) {
                JsonNode error = m.path("error");
                p.future().completeExceptionally(JanusErrors.core(error.path("code").asInt(),
                        error.path("reason").asString(), "request"));
            } else {
                p.future().complete(m);
            }
            return Settled.SETTLED;
        }
        if ("ack".equals(verb) || "success".equals(verb) || "error".equals(verb) || tx.startsWith(name + "-")) {
            return Settled.LATE;
        }
        return Settled.NOT_OURS;
    }

    /** Fails the transactions sent on {@code connection}, lost for {@code reason}. */
    void connectionLost(Object connection, String reason) {
        pending.forEach((tx, p) -> {
            if (p.connection() == connection) {
                pending.remove(tx);
                p.future().completeExceptionally(new MediaException(Code.MEDIA_NODE_UNREACHABLE,
                        "connection to Janus lost: " + reason));
            }
        });
    }

    /** Fails every open transaction: the client closed. */
    void closed() {
        pending.forEach((tx, p) -> p.future().completeExceptionally(
                new MediaException(Code.MEDIA_NODE_UNREACHABLE, "media engine closed")));
        pending.clear();
    }
}
