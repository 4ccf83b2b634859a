package org.lianxin.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * {@code ./lianxin bench signaling}: JDK WebSocket clients joined to live rooms (10 officials per room, tokens signed
 * with the server's secret) and heart-beating every 20 s, against Lianxin as a separate JVM ({@link SignalingServer})
 * on 127.0.0.1 with a real Janus in a network namespace (opening a room creates its media room; joins without
 * publishing use no media). Ramps up in steps of {@code STEP} clients (1000; {@code LIANXIN_BENCH_STEP}); after
 * each step it measures the join latency of the step's clients, a room-wide broadcast ({@value #BROADCASTS} times,
 * so that the p99 is the 198th of 200 samples and not their maximum: an observer joins a room, until all 10 members
 * have {@code participantJoined}) and the server's heap after a full GC; it stops when join or broadcast p99 exceeds
 * {@value #LIMIT_MS} ms, errors exceed 1 %, {@code MAX_CLIENTS} clients (15 000; {@code LIANXIN_BENCH_MAX_CLIENTS})
 * or {@value #MAX_MINUTES} minutes. The first step may exceed the limits (it warms up the JIT of both JVMs); when
 * no step stays within them the run has no result: NaN in the {@code BENCH} line and exit status 1.
 * Baseline in the same run: the same number of clients heart-beating against a bare Tomcat WebSocket endpoint in
 * a separate JVM of the same settings (per-client heap of the raw transport), and once more with 2 KiB buffers.
 */
public final class SignalingBench {
    static final int PER_ROOM = 10;
    static final int STEP = BenchSettings.integer("LIANXIN_BENCH_STEP", "lianxin.bench.step", 1000);
    static final int MAX_CLIENTS = BenchSettings.integer("LIANXIN_BENCH_MAX_CLIENTS", "lianxin.bench.max", 15_000);
    static final int MAX_MINUTES = 8;
    /** Broadcasts timed per step: enough for a p99 that is not simply the largest sample. */
    static final int BROADCASTS = 200;
    static final long LIMIT_MS = 2000;
    static final int HEARTBEAT_SECONDS = 20;
    static final int IN_FLIGHT = 64;

    final ExecutorService callbacks = Executors.newFixedThreadPool(4, daemon("ws-callback"));
    final List<HttpClient> https = new ArrayList<>();
    final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(daemon("heartbeats"));
    final List<Client> clients = new ArrayList<>();
    final AtomicLong heartbeatsSent = new AtomicLong();
    final AtomicLong heartbeatAcks = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    public static void main(String[] args) throws Exception {
        if (!JanusTestHost.available()) {
            System.err.println("bench signaling needs root, /usr/bin/janus and ip");
            System.exit(2);
        }
        if (STEP < PER_ROOM || STEP % PER_ROOM != 0 || MAX_CLIENTS < STEP) {
            System.err.println("LIANXIN_BENCH_STEP must be a multiple of " + PER_ROOM + " and at most"
                    + " LIANXIN_BENCH_MAX_CLIENTS (step " + STEP + ", max " + MAX_CLIENTS + ")");
            System.exit(2);
        }
        int rc = 1;
        try {
            rc = new SignalingBench().run();
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }

    record Step(int clients, double joinP50, double joinP99, long errors, double broadcastP50, double broadcastP99,
                long heapBytes, double kbPerClient, long serverFds, boolean ok) {
    }

    int run() throws Exception {
        for (int i = 0; i < 8; i++) {
            https.add(HttpClient.newBuilder().executor(callbacks).build());
        }
        beats.scheduleAtFixedRate(this::heartbeatSlice, 1, 1, TimeUnit.SECONDS);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        JoinTokens tokens = new JoinTokens(secret, Clock.systemUTC());
        List<Step> steps = new ArrayList<>();
        Random random = new Random(42);
        int clientsAtEnd;
        Step best = null;
        try (JanusTestHost janus = JanusTestHost.start()) {
            System.out.println("Janus " + janus.wsUrl() + " in namespace " + janus.namespace());
            try (Server server = new Server("lianxin", janus.wsUrl().toString(), janus.adminKey(),
                    Base64.getEncoder().encodeToString(secret))) {
                URI ws = URI.create("ws://127.0.0.1:" + server.port + "/ws/signaling");
                long heap0 = server.heap();
                System.out.printf("lianxin server pid %d on %s; heap after GC before clients %.1f MB%n", server.pid(),
                        ws, heap0 / 1e6);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MAX_MINUTES);
                int rooms = 0;
                while (clients.size() < MAX_CLIENTS && System.nanoTime() < deadline) {
                    int newRooms = STEP / PER_ROOM;
                    server.command("open " + rooms + " " + (rooms + newRooms), "OK");
                    long errorsBefore = errors.get();
                    List<Double> joins = connectAndJoin(ws, tokens, rooms, newRooms);
                    rooms += newRooms;
                    List<Double> broadcasts = new ArrayList<>();
                    for (int b = 0; b < BROADCASTS; b++) {
                        broadcasts.add(broadcast(ws, tokens, random.nextInt(rooms), clients.size() + "-" + b));
                    }
                    long heap = server.heap();
                    long stepErrors = errors.get() - errorsBefore;
                    int joined = (int) clients.stream().filter(c -> c.joinedAt > 0).count();
                    double j99 = Stats.percentile(joins, 99), b99 = Stats.percentile(broadcasts, 99);
                    boolean ok = j99 <= LIMIT_MS && b99 <= LIMIT_MS && stepErrors <= STEP / 100 && joined == clients.size();
                    Step s = new Step(joined, Stats.percentile(joins, 50), j99, stepErrors,
                            Stats.percentile(broadcasts, 50), b99, heap, (heap - heap0) / 1024.0 / joined,
                            server.fds(), ok);
                    steps.add(s);
                    System.out.printf(Locale.ROOT, "step clients=%d rooms=%d join p50=%.1f p99=%.1f ms errors=%d"
                                    + " broadcast p50=%.1f p99=%.1f ms heap=%.1f MB (%.1f KB/client) server fds=%d"
                                    + " heartbeats sent=%d acked=%d load=%s %s%n",
                            joined, rooms, s.joinP50(), j99, stepErrors, s.broadcastP50(), b99, heap / 1e6,
                            s.kbPerClient(), s.serverFds(), heartbeatsSent.get(), heartbeatAcks.get(), load(),
                            ok ? "ok" : "LIMIT");
                    if (ok) {
                        best = s;
                    } else if (steps.size() > 1) { // the first step also warms up the JIT of both JVMs
                        break;
                    }
                }
                // hold the final population for a full heartbeat round and check every heartbeat was answered
                long sent = heartbeatsSent.get(), acked = heartbeatAcks.get();
                Thread.sleep(TimeUnit.SECONDS.toMillis(HEARTBEAT_SECONDS + 2));
                System.out.printf("holding %d clients %d s: heartbeats sent %d, acknowledged %d; still open %d%n",
                        clients.size(), HEARTBEAT_SECONDS + 2, heartbeatsSent.get() - sent,
                        heartbeatAcks.get() - acked, clients.stream().filter(c -> !c.closed).count());
                clientsAtEnd = clients.size();
                System.out.println("server heap by class with " + clients.size() + " clients (top 25, jcmd GC.class_histogram):");
                System.out.println(server.histogram(25));
                closeAll();
            }
            if (best == null) {
                System.out.printf(Locale.ROOT, "result: NO step stayed within the limits (join and broadcast p99 <= %d"
                        + " ms, errors <= 1 %%, every client joined) in %d step(s) up to %d clients: no result, no"
                        + " baseline%n", LIMIT_MS, steps.size(), clientsAtEnd);
                System.out.println(benchLine(null));
                return 1;
            }

            // baseline: the same number of clients heart-beating against a bare Tomcat WebSocket endpoint
            int n = best.clients();
            for (String mode : List.of("raw", "raw-small")) {
                try (Server raw = new Server(mode)) {
                    URI ws = URI.create("ws://127.0.0.1:" + raw.port + "/ws/echo");
                    long heap0 = raw.heap();
                    long acksBefore = heartbeatAcks.get();
                    List<Double> rtt = connectRaw(ws, n);
                    long heap = raw.heap();
                    System.out.printf(Locale.ROOT, "%s Tomcat WebSocket (%s): %d clients, first heartbeat round trip"
                                    + " p50=%.1f p99=%.1f ms, acks %d, heap %.1f -> %.1f MB: %.1f KB/client%n", mode,
                            mode.equals("raw") ? "Tomcat's default 8 KiB buffers" : "2 KiB socket and message buffers",
                            n, Stats.percentile(rtt, 50), Stats.percentile(rtt, 99), heartbeatAcks.get() - acksBefore,
                            heap0 / 1e6, heap / 1e6, (heap - heap0) / 1024.0 / n);
                    if (mode.equals("raw")) {
                        System.out.println(raw.histogram(8));
                    }
                    closeAll();
                }
            }
        }
        System.out.printf(Locale.ROOT, "result: largest step within the limits: %d clients (ramp ended at %d)%n",
                best.clients(), clientsAtEnd);
        System.out.println(benchLine(best));
        return 0;
    }

    /**
     * The result line: the largest step within the limits, or NaN when none was (the run then exits 1).
     * {@code broadcast_p99_ms} is the nearest-rank p99 of that step's {@value #BROADCASTS} broadcasts.
     */
    static String benchLine(Step best) {
        if (best == null) {
            return "BENCH signaling clients=NaN heap_per_client_kb=NaN broadcast_p99_ms=NaN broadcasts_per_step="
                    + BROADCASTS;
        }
        return String.format(Locale.ROOT, "BENCH signaling clients=%d heap_per_client_kb=%.1f broadcast_p99_ms=%.1f"
                + " broadcasts_per_step=%d", best.clients(), best.kbPerClient(), best.broadcastP99(), BROADCASTS);
    }

    // ------------------------------------------------------------------ clients

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

    private List<Double> connectAndJoin(URI ws, JoinTokens tokens, int firstRoom, int rooms) throws Exception {
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
    private double broadcast(URI ws, JoinTokens tokens, int room, String tag) throws Exception {
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
    private List<Double> connectRaw(URI ws, int n) throws Exception {
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

    private void closeAll() throws InterruptedException {
        synchronized (clients) {
            for (Client c : clients) {
                c.abort();
            }
            clients.clear();
        }
        Thread.sleep(2000);
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------ the server JVM

    /** {@link SignalingServer} as a child JVM (same classpath), driven through its stdin/stdout. */
    static final class Server implements AutoCloseable {
        final ChildJvm child;
        final int port;

        Server(String... args) throws Exception {
            child = new ChildJvm("server", "3g", List.of("READY", "OK", "HEAP", "BYE", "ERR"), SignalingServer.class,
                    List.of(args));
            String ready;
            try {
                ready = next(300); // the whole application: slow to start on a loaded machine
            } catch (RuntimeException e) {
                child.kill();
                throw e;
            }
            if (!ready.startsWith("READY ")) {
                child.kill();
                throw new IllegalStateException("server did not start: " + ready);
            }
            port = Integer.parseInt(ready.substring(6).trim());
        }

        String next(int seconds) throws InterruptedException {
            return child.next(seconds);
        }

        String command(String line, String expect) throws InterruptedException {
            child.send(line);
            String r = next(120);
            if (!r.startsWith(expect)) {
                throw new IllegalStateException(line + ": " + r);
            }
            return r;
        }

        long heap() throws InterruptedException {
            return Long.parseLong(command("heap", "HEAP").substring(5).trim());
        }

        String histogram(int top) {
            try {
                Process p = new ProcessBuilder("jcmd", Long.toString(child.pid()), "GC.class_histogram")
                        .redirectErrorStream(true).start();
                List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                p.waitFor(60, TimeUnit.SECONDS);
                return String.join("\n", lines.subList(0, Math.min(lines.size(), top + 3)));
            } catch (Exception e) {
                return "(no histogram: " + e + ")";
            }
        }

        long pid() {
            return child.pid();
        }

        long fds() {
            String[] list = new java.io.File("/proc/" + child.pid() + "/fd").list();
            return list == null ? -1 : list.length;
        }

        @Override
        public void close() throws Exception {
            child.stop("quit");
        }
    }

}
