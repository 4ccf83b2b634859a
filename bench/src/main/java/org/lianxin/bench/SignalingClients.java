package org.lianxin.bench;

import static org.lianxin.bench.SignalingBench.HEARTBEAT_SECONDS;
import static org.lianxin.bench.SignalingBench.IN_FLIGHT;
import static org.lianxin.bench.SignalingBench.PER_ROOM;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * The clients of {@link SignalingBench}: JDK WebSocket connections (8 HTTP clients on 4 callback threads) that join
 * rooms, time a room-wide broadcast, connect to the bare baseline endpoint, and heart-beat every {@value
 * SignalingBench#HEARTBEAT_SECONDS} s; with the counters the bench reads (heartbeats sent and acknowledged, errors).
 */
final class SignalingClients {
    final ExecutorService callbacks = Executors.newFixedThreadPool(4, daemon("ws-callback"));
    final List<HttpClient> https = new ArrayList<>();
    final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(daemon("heartbeats"));
    final List<Client> clients = new ArrayList<>();
    final AtomicLong heartbeatsSent = new AtomicLong();
    final AtomicLong heartbeatAcks = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    /** The HTTP clients, and the heartbeats from now on (each second 1/20 of the clients). */
    void start() {
        for (int i = 0; i < 8; i++) {
            https.add(HttpClient.newBuilder().executor(callbacks).build());
        }
        beats.scheduleAtFixedRate(this::heartbeatSlice, 1, 1, TimeUnit.SECONDS);
    }

    /** One signaling connection; the listener keeps only what the bench measures. */
    class Client implements WebSocket.Listener {
        final String participant;
        final int room;
        final StringBuilder text = new StringBuilder();
        volatile WebSocket socket;
        volatile long startedAt;
        volatile long joinedAt;
        volatile boolean closed;
        volatile boolean leaving;
        volatile String awaitedJoiner;
        volatile CountDownLatch awaitedLatch;
        volatile long arrivedAt;
        final Semaphore done;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        Client(String participant, int room, Semaphore done) {
            this.participant = participant;
            this.room = room;
            this.done = done;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                onFrame(frame);
            }
            ws.request(1);
            return null;
        }

        void onFrame(String f) {
            long now = System.nanoTime();
            if (f.startsWith("{\"type\":\"heartbeatAck\"")) {
                heartbeatAcks.incrementAndGet();
            } else if (f.startsWith("{\"type\":\"participantJoined\"")) {
                String who = awaitedJoiner;
                CountDownLatch l = awaitedLatch;
                if (who != null && l != null && f.contains("\"" + who + "\"")) {
                    arrivedAt = now;
                    l.countDown();
                }
            } else if (f.startsWith("{\"type\":\"joined\"")) {
                joinedAt = now;
                release();
            } else if (f.startsWith("{\"type\":\"error\"")) {
                errors.incrementAndGet();
                System.out.println("error frame for " + participant + ": " + f);
                release();
            }
        }

        void release() {
            if (done != null) {
                done.release();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (!closed && !leaving) {
                closed = true;
                errors.incrementAndGet();
                System.out.println("closed by the server: " + participant + " " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (!closed && !leaving) {
                closed = true;
                errors.incrementAndGet();
                System.out.println("connection error: " + participant + " " + error);
            }
        }

        void send(String s) {
            WebSocket w = socket;
            if (w != null && !closed) {
                synchronized (this) { // one send at a time per socket (the JDK refuses overlapping sends), never blocking
                    tail = tail.handle((x, e) -> null).thenCompose(x -> w.sendText(s, true));
                }
            }
        }

        void abort() {
            closed = true;
            WebSocket w = socket;
            if (w != null) {
                w.abort();
            }
        }
    }

    List<Double> connectAndJoin(URI ws, JoinTokens tokens, int firstRoom, int rooms) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<Client> step = new ArrayList<>();
        for (int r = firstRoom; r < firstRoom + rooms; r++) {
            SessionRef session = SessionRef.consultation("bench-" + r);
            for (int k = 0; k < PER_ROOM; k++) {
                String id = "official-" + r + "-" + k;
                String token = tokens.issue(new JoinGrant(session, "bench-" + r, Role.OFFICIAL, id, "部门" + k));
                inFlight.acquire();
                Client c = new Client(id, r, inFlight);
                step.add(c);
                c.startedAt = System.nanoTime();
                https.get(step.size() % https.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                        .buildAsync(ws, c).whenComplete((w, e) -> {
                            if (e != null) {
                                c.closed = true;
                                errors.incrementAndGet();
                                System.out.println("connect failed: " + id + " " + e);
                                inFlight.release();
                            } else {
                                c.socket = w;
                                c.send("{\"type\":\"join\",\"id\":\"j\",\"token\":\"" + token + "\"}");
                            }
                        });
            }
        }
        if (!inFlight.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            System.out.println("some joins did not complete within 60 s");
        } else {
            inFlight.release(IN_FLIGHT);
        }
        synchronized (clients) {
            clients.addAll(step);
        }
        List<Double> ms = new ArrayList<>();
        for (Client c : step) {
            if (c.joinedAt > 0) {
                ms.add((c.joinedAt - c.startedAt) / 1e6);
            }
        }
        return ms;
    }

    /** An observer joins room {@code room}: ms until every member of the room has its participantJoined. */
    double broadcast(URI ws, JoinTokens tokens, int room, String tag) throws Exception {
        List<Client> members = new ArrayList<>();
        synchronized (clients) {
            for (Client c : clients) {
                if (c.room == room && c.joinedAt > 0 && !c.closed) {
                    members.add(c);
                }
            }
        }
        String id = "observer-" + tag;
        CountDownLatch all = new CountDownLatch(members.size());
        for (Client c : members) {
            c.arrivedAt = 0;
            c.awaitedLatch = all;
            c.awaitedJoiner = id;
        }
        Client trigger = new Client(id, -1, null);
        trigger.socket = https.get(0).newWebSocketBuilder().buildAsync(ws, trigger).get(20, TimeUnit.SECONDS);
        String token = tokens.issue(new JoinGrant(SessionRef.consultation("bench-" + room), "bench-" + room,
                Role.OBSERVER, id, "观察员"));
        long t0 = System.nanoTime();
        trigger.send("{\"type\":\"join\",\"id\":\"b\",\"token\":\"" + token + "\"}");
        double ms;
        if (all.await(10, TimeUnit.SECONDS)) {
            long last = 0;
            for (Client c : members) {
                last = Math.max(last, c.arrivedAt);
            }
            ms = (last - t0) / 1e6;
        } else {
            errors.incrementAndGet();
            System.out.println("broadcast in room " + room + " did not reach everyone within 10 s");
            ms = 10_000;
        }
        for (Client c : members) {
            c.awaitedJoiner = null;
            c.awaitedLatch = null;
        }
        trigger.leaving = true;
        trigger.send("{\"type\":\"leave\"}");
        trigger.closed = true;
        trigger.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        return ms;
    }

    /** Baseline clients: connect, send one heartbeat, time its acknowledgement; they then heart-beat like the others. */
    List<Double> connectRaw(URI ws, int n) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<Double> rtt = new ArrayList<>();
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            Client c = new Client("raw-" + i, -1, inFlight) {
                @Override
                void onFrame(String f) {
                    if (f.startsWith("{\"type\":\"heartbeatAck\"") && joinedAt == 0) {
                        joinedAt = System.nanoTime();
                        release();
                    }
                    super.onFrame(f);
                }
            };
            all.add(c);
            synchronized (clients) { // heart-beating from the start: connecting 10 000 takes longer than the idle timeout
                clients.add(c);
            }
            https.get(i % https.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(ws, c)
                    .whenComplete((w, e) -> {
                        if (e != null) {
                            c.closed = true;
                            errors.incrementAndGet();
                            System.out.println("connect failed: raw " + e);
                            inFlight.release();
                        } else {
                            c.socket = w;
                            c.startedAt = System.nanoTime();
                            heartbeatsSent.incrementAndGet();
                            c.send("{\"type\":\"heartbeat\"}");
                        }
                    });
        }
        inFlight.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS);
        for (Client c : all) {
            if (c.joinedAt > 0) {
                rtt.add((c.joinedAt - c.startedAt) / 1e6);
            }
        }
        return rtt;
    }

    /** Each second, the heartbeat of 1/20 of the clients (every client every 20 s). */
    private long beatTick;

    private void heartbeatSlice() {
        try {
            long tick = beatTick++;
            List<Client> snapshot;
            synchronized (clients) {
                snapshot = new ArrayList<>(clients);
            }
            for (int i = 0; i < snapshot.size(); i++) {
                Client c = snapshot.get(i);
                if (i % HEARTBEAT_SECONDS == tick % HEARTBEAT_SECONDS && c.socket != null && !c.closed) {
                    heartbeatsSent.incrementAndGet();
                    c.send("{\"type\":\"heartbeat\"}");
                }
            }
        } catch (RuntimeException e) {
            System.out.println("heartbeat tick: " + e);
        }
    }

    void closeAll() throws InterruptedException {
        synchronized (clients) {
            for (Client c : clients) {
                c.abort();
            }
            clients.clear();
        }
        Thread.sleep(2000);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
