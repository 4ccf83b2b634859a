package org.lianxin.signaling.media.internal.janus;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.lianxin.backoff.Backoff;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection and one Janus session, kept alive and re-established with backoff.
 * Transactions are futures settled by the first reply that is not an {@code ack} (Janus may send
 * the {@code event} of an asynchronous request before its {@code ack}); requests whose only
 * reply is an {@code ack} (keepalive, trickle) are settled by it.
 *
 * <p>Every inbound message is handled on one dispatcher thread, in order. The open transactions are kept by
 * {@link JanusTransactions}; each connection, its sessions, their keepalive and what Janus sends on it by
 * {@link JanusConnection}.
 */
final class JanusClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JanusClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Callbacks, always on the dispatcher thread. */
    interface Listener {
        void sessionUp(long sessionId);

        void sessionLost(long sessionId, String reason);

        /**
         * After this server's connection dropped (Janus still up), its session was claimed again on a new connection
         * with every room session but {@code lostRoomSessions} (Janus no longer had them): the handles in the claimed
         * ones are usable again; the events raised meanwhile are lost.
         */
        void sessionReclaimed(long sessionId, java.util.Set<Long> lostRoomSessions);

        /** A message that is not the reply to one of our transactions. */
        void event(JsonNode message);
    }

    private final JanusSettings settings;
    private final Listener listener;
    private final JsonMapper json;
    private final WebSocketContainer container;
    private final ScheduledExecutorService timer;
    private final ExecutorService dispatcher;
    private final JanusTransactions transactions;
    private final CompletableFuture<Void> firstUp = new CompletableFuture<>();
    private final String name;
    private volatile JanusConnection current;
    private volatile boolean closed;
    /** The claimed session is gone from Janus: nothing more to connect to. */
    private volatile boolean gone;
    /** A session was up once (a claimed session's later re-claims are not reported as a new session). */
    private volatile boolean everUp;
    private volatile String lastProblem = "not connected yet";
    private int attempts; // timer thread only
    private final Backoff reconnect;
    /** The session to re-attach to ({@code claim}) instead of creating one; 0 = create. */
    private final long claimSession;
    /** The sessions of this client's dropped connection, claimed on the next one. */
    private final KeptSessions kept;

    private final JanusConnection.Owner owner = new JanusConnection.Owner() {
        @Override
        public void lost(JanusConnection c, String reason) {
            JanusClient.this.lost(c, reason);
        }

        @Override
        public void event(JanusConnection c, JsonNode message) {
            if (c == current) {
                listener.event(message);
            }
        }
    };

    JanusClient(JanusSettings settings, JsonMapper json, Listener listener) {
        this(settings, json, listener, 0);
    }

    /**
     * A client of an existing session: it re-attaches to {@code claimSession} (a session whose connection closed
     * without destroying it, kept by Janus for its {@code reclaim_session_timeout}) with {@code claim}, at the start
     * and after every loss of its connection, instead of creating a session. When Janus no longer has the session
     * (error 458: the timeout ran out, or Janus restarted) the client gives up for good: the start's future fails
     * with {@link Code#MEDIA_ENDPOINT_LOST}, a later loss is reported once and not retried.
     */
    JanusClient(JanusSettings settings, JsonMapper json, Listener listener, long claimSession) {
        this.claimSession = claimSession;
        this.settings = settings;
        this.reconnect = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        this.json = json;
        this.listener = listener;
        this.name = "janus-" + INSTANCES.incrementAndGet();
        this.transactions = new JanusTransactions(name, settings.requestTimeout());
        this.container = ContainerProvider.getWebSocketContainer();
        this.container.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon(name + "-timer"));
        this.dispatcher = Executors.newSingleThreadExecutor(daemon(name + "-events"));
        this.kept = new KeptSessions(name, settings, (session, reason) -> dispatch(() -> listener.sessionLost(session,
                reason)));
    }

    private static ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts connecting (and reconnecting); the future completes when the first session is up. */
    CompletableFuture<Void> start() {
        timer.execute(this::connect);
        return firstUp;
    }

    boolean isUp() {
        return up() != null;
    }

    /** The current connection if it is up and not lost, else null. */
    private JanusConnection up() {
        JanusConnection c = current;
        return c != null && c.usable() ? c : null;
    }

    long sessionId() {
        JanusConnection c = current;
        return c == null ? 0 : c.sessionId;
    }

    String lastProblem() {
        return lastProblem;
    }

    void dispatch(Runnable r) {
        if (!dispatcher.isShutdown()) {
            dispatcher.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("{}: event handling failed", name, e);
                }
            });
        }
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    private <T> CompletableFuture<T> notConnected() {
        return CompletableFuture.failedFuture(new MediaException(Code.MEDIA_NODE_UNREACHABLE,
                "Janus " + settings.wsUrl() + " is not connected (" + lastProblem + ")"));
    }

    /**
     * Sends a request in the current session ({@code session_id} and {@code transaction} are added).
     * The reply (success, event, or ack when {@code ackIsFinal}) completes the future; a Janus
     * {@code error} fails it with a {@link MediaException}.
     */
    CompletableFuture<JsonNode> request(ObjectNode message, boolean ackIsFinal) {
        JanusConnection c = up();
        if (c == null) {
            return notConnected();
        }
        message.put("session_id", c.sessionId);
        return c.send(message, ackIsFinal);
    }

    /**
     * Sends a request in {@code sessionId}, a session of this connection ({@link #createSession}, {@link #claimSession}
     * or its own): fails with {@link Code#MEDIA_NODE_UNREACHABLE} when the connection that had it is gone.
     */
    CompletableFuture<JsonNode> request(long sessionId, ObjectNode message, boolean ackIsFinal) {
        JanusConnection c = up();
        if (c == null) {
            return notConnected();
        }
        if (sessionId != c.sessionId && !c.roomSessions.contains(sessionId)) {
            return CompletableFuture.failedFuture(new MediaException(Code.MEDIA_NODE_UNREACHABLE,
                    "Janus session " + sessionId + " was lost with an earlier connection"));
        }
        message.put("session_id", sessionId);
        return c.send(message, ackIsFinal);
    }

    /**
     * Makes another session on this connection (a live room's own, so that a successor can claim that room alone,
     * issue 14): kept alive with the connection's, lost with it.
     */
    CompletableFuture<Long> createSession() {
        JanusConnection c = up();
        return c == null ? notConnected() : c.createSession();
    }

    /**
     * Re-attaches this connection to another connection's session ({@code claim}; issue 14): its handles are usable
     * here from now on, kept alive with this connection's session. Fails with {@link Code#MEDIA_ENDPOINT_LOST} when
     * Janus no longer has it (458: its {@code reclaim_session_timeout} ran out, or Janus restarted).
     */
    CompletableFuture<Void> claimSession(long sessionId) {
        JanusConnection c = up();
        return c == null ? notConnected() : c.claimSession(sessionId, settings.wsUrl());
    }

    /** Destroys a session made with {@link #createSession} (and its handles); never fails. */
    CompletableFuture<Void> destroySession(long sessionId) {
        ObjectNode destroy = object();
        destroy.put("janus", "destroy");
        return request(sessionId, destroy, false).handle((reply, error) -> {
            JanusConnection c = current;
            if (c != null) {
                c.roomSessions.remove(sessionId);
            }
            if (error != null) {
                log.debug("{}: destroy of session {} failed: {}", name, sessionId, error.toString());
            }
            return null;
        });
    }

    private void connect() {
        if (closed || gone) {
            return;
        }
        KeptSessions.Kept k = claimSession == 0 ? kept.take() : null;
        JanusConnection c = new JanusConnection(name, json, transactions, owner, this::dispatch);
        try {
            c.open(container, settings);
            KeptSessions.Claimed claimed = k == null ? null : kept.reclaim(k, id -> c.send(c.request("claim", id),
                    false));
            if (claimed != null) {
                c.roomSessions.addAll(claimed.rooms());
            }
            long reclaimed = claimed == null ? 0 : claimed.session();
            ObjectNode create = claimSession != 0 ? c.request("claim", claimSession) : object().put("janus", "create");
            JsonNode reply = reclaimed != 0 ? null : c.send(create, false).get(settings.requestTimeout().toMillis()
                    + 1000, TimeUnit.MILLISECONDS);
            long sessionId = reclaimed != 0 ? reclaimed
                    : claimSession != 0 ? claimSession : reply.path("data").path("id").asLong();
            if (sessionId == 0) {
                throw new IllegalStateException("Janus create gave no session id: " + reply);
            }
            synchronized (this) {
                if (closed) {
                    lost(c, "closed while connecting"); // closes the WebSocket, schedules nothing
                    return;
                }
                if (c.lost.get()) {
                    return; // lost() has already scheduled what follows
                }
                c.sessionId = sessionId;
                c.up = true;
                current = c;
                attempts = 0;
            }
            long every = settings.keepaliveInterval().toMillis();
            c.keepalive = timer.scheduleAtFixedRate(() -> keepalive(c), every, every, TimeUnit.MILLISECONDS);
            log.info("{}: connected to Janus {} ({} session {})", name, settings.wsUrl(),
                    claimSession != 0 || reclaimed != 0 ? "claimed" : "created", sessionId);
            if (reclaimed != 0) {
                kept.done();
                dispatch(() -> listener.sessionReclaimed(sessionId, claimed.lostRooms()));
            } else if (claimSession == 0 || !everUp) {
                dispatch(() -> listener.sessionUp(sessionId));
            }
            everUp = true;
            firstUp.complete(null);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            if (claimSession != 0 && MediaException.in(cause).flatMap(MediaException::serverCode)
                    .filter(code -> code == 458).isPresent()) {
                sessionGone(c, MediaException.in(cause).orElseThrow());
                return;
            }
            if (k != null) {
                kept.connectFailed(k, cause);
            }
            lost(c, "connect failed: " + cause);
        }
    }

    /** The claimed session is gone from Janus (458): no more attempts; the connection is closed, nothing destroyed. */
    private void sessionGone(JanusConnection c, MediaException why) {
        log.warn("{}: Janus {} no longer has session {} ({}); not claimed", name, settings.wsUrl(), claimSession,
                why.serverReason().orElse("458"));
        gone = true;
        String reason = "session " + claimSession + " is gone from Janus";
        lost(c, reason);
        if (everUp) {
            dispatch(() -> listener.sessionLost(claimSession, reason));
        }
        firstUp.completeExceptionally(new MediaException(Code.MEDIA_ENDPOINT_LOST, "Janus " + settings.wsUrl()
                + " no longer has session " + claimSession, why));
    }

    private void keepalive(JanusConnection c) {
        if (current != c || !c.up) {
            return;
        }
        c.keepAlive();
    }

    private void lost(JanusConnection c, String reason) {
        if (!c.lost.compareAndSet(false, true)) {
            return;
        }
        boolean wasUp;
        synchronized (this) {
            wasUp = c.up;
            c.up = false;
            if (current == c) {
                current = null;
            }
        }
        lastProblem = reason;
        c.shut(reason);
        if (closed) {
            return;
        }
        if (wasUp && claimSession != 0) {
            // the session outlives its connection (reclaim_session_timeout): claimed again below, lost only on 458
            log.warn("{}: lost the connection of claimed session {} on Janus {}: {}", name, c.sessionId,
                    settings.wsUrl(), reason);
        } else if (wasUp && claimSession == 0 && kept.keep(c.sessionId, c.roomSessions, reason)) {
            // Janus keeps the sessions for its reclaim_session_timeout: claimed on the next connection (issue 14)
        } else if (wasUp) {
            log.warn("{}: lost Janus {} session {}: {}", name, settings.wsUrl(), c.sessionId, reason);
            long sessionId = c.sessionId;
            dispatch(() -> listener.sessionLost(sessionId, reason));
        }
        if (gone) {
            return;
        }
        long delay = reconnect.millis(attemptsAndIncrement());
        log.info("{}: reconnecting to Janus in {} ms ({})", name, delay, reason);
        try {
            timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.debug("{}: reconnect not scheduled (closing)", name);
        }
    }

    private synchronized int attemptsAndIncrement() {
        return attempts++;
    }

    /**
     * Drops the current connection as a network fault would (its sessions are left to Janus, and claimed again on the
     * next connection within the reclaim window); for operations and tests.
     */
    void dropConnection(String why) {
        JanusConnection c = current;
        if (c != null) {
            lost(c, why);
        }
    }

    /**
     * Closes the connection WITHOUT destroying the session, as a killed process would: Janus keeps the session, its
     * handles and their media for its {@code reclaim_session_timeout}, for another connection to {@link JanusClient
     * claim}. Nothing is reported to the listener.
     */
    void abandon() {
        close(false);
    }

    @Override
    public void close() {
        close(true);
    }

    private void close(boolean destroySession) {
        if (closed) {
            return;
        }
        closed = true;
        JanusConnection c = current;
        if (destroySession && c != null && c.up) {
            c.destroySessions();
        }
        if (c != null) {
            lost(c, "closed");
        }
        transactions.closed();
        timer.shutdownNow();
        dispatcher.shutdown();
        if (container instanceof WsWebSocketContainer tomcat) {
            tomcat.destroy(); // releases Tomcat's shared client I/O threads when the last container goes
        }
        firstUp.completeExceptionally(new MediaException(Code.MEDIA_NODE_UNREACHABLE, "media engine closed"));
    }
}
