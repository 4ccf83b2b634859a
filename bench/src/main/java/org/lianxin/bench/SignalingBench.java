package org.lianxin.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.token.JoinTokens;

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

    final SignalingClients peers = new SignalingClients();

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
        peers.start();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        JoinTokens tokens = new JoinTokens(secret, Clock.systemUTC());
        List<Step> steps = new ArrayList<>();
        Random random = new Random(42);
        int clientsAtEnd;
        Step best = null;
        try (JanusTestHost janus = JanusTestHost.start()) {
            System.out.println("Janus " + janus.wsUrl() + " in namespace " + janus.namespace());
            try (SignalingBenchServer server = new SignalingBenchServer("lianxin", janus.wsUrl().toString(),
                    janus.adminKey(), Base64.getEncoder().encodeToString(secret))) {
                URI ws = URI.create("ws://127.0.0.1:" + server.port + "/ws/signaling");
                long heap0 = server.heap();
                System.out.printf("lianxin server pid %d on %s; heap after GC before clients %.1f MB%n", server.pid(),
                        ws, heap0 / 1e6);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MAX_MINUTES);
                int rooms = 0;
                while (peers.clients.size() < MAX_CLIENTS && System.nanoTime() < deadline) {
                    int newRooms = STEP / PER_ROOM;
                    server.command("open " + rooms + " " + (rooms + newRooms), "OK");
                    long errorsBefore = peers.errors.get();
                    List<Double> joins = peers.connectAndJoin(ws, tokens, rooms, newRooms);
                    rooms += newRooms;
                    List<Double> broadcasts = new ArrayList<>();
                    for (int b = 0; b < BROADCASTS; b++) {
                        broadcasts.add(peers.broadcast(ws, tokens, random.nextInt(rooms),
                                peers.clients.size() + "-" + b));
                    }
                    long heap = server.heap();
                    long stepErrors = peers.errors.get() - errorsBefore;
                    int joined = (int) peers.clients.stream().filter(c -> c.joinedAt > 0).count();
                    double j99 = Stats.percentile(joins, 99), b99 = Stats.percentile(broadcasts, 99);
                    boolean ok = j99 <= LIMIT_MS && b99 <= LIMIT_MS && stepErrors <= STEP / 100
                            && joined == peers.clients.size();
                    Step s = new Step(joined, Stats.percentile(joins, 50), j99, stepErrors,
                            Stats.percentile(broadcasts, 50), b99, heap, (heap - heap0) / 1024.0 / joined,
                            server.fds(), ok);
                    steps.add(s);
                    System.out.printf(Locale.ROOT, "step clients=%d rooms=%d join p50=%.1f p99=%.1f ms errors=%d"
                                    + " broadcast p50=%.1f p99=%.1f ms heap=%.1f MB (%.1f KB/client) server fds=%d"
                                    + " heartbeats sent=%d acked=%d load=%s %s%n",
                            joined, rooms, s.joinP50(), j99, stepErrors, s.broadcastP50(), b99, heap / 1e6,
                            s.kbPerClient(), s.serverFds(), peers.heartbeatsSent.get(), peers.heartbeatAcks.get(),
                            load(), ok ? "ok" : "LIMIT");
                    if (ok) {
                        best = s;
                    } else if (steps.size() > 1) { // the first step also warms up the JIT of both JVMs
                        break;
                    }
                }
                // hold the final population for a full heartbeat round and check every heartbeat was answered
                long sent = peers.heartbeatsSent.get(), acked = peers.heartbeatAcks.get();
                Thread.sleep(TimeUnit.SECONDS.toMillis(HEARTBEAT_SECONDS + 2));
                System.out.printf("holding %d clients %d s: heartbeats sent %d, acknowledged %d; still open %d%n",
                        peers.clients.size(), HEARTBEAT_SECONDS + 2, peers.heartbeatsSent.get() - sent,
                        peers.heartbeatAcks.get() - acked, peers.clients.stream().filter(c -> !c.closed).count());
                clientsAtEnd = peers.clients.size();
                System.out.println("server heap by class with " + peers.clients.size()
                        + " clients (top 25, jcmd GC.class_histogram):");
                System.out.println(server.histogram(25));
                peers.closeAll();
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
                try (SignalingBenchServer raw = new SignalingBenchServer(mode)) {
                    URI ws = URI.create("ws://127.0.0.1:" + raw.port + "/ws/echo");
                    long heap0 = raw.heap();
                    long acksBefore = peers.heartbeatAcks.get();
                    List<Double> rtt = peers.connectRaw(ws, n);
                    long heap = raw.heap();
                    System.out.printf(Locale.ROOT, "%s Tomcat WebSocket (%s): %d clients, first heartbeat round trip"
                                    + " p50=%.1f p99=%.1f ms, acks %d, heap %.1f -> %.1f MB: %.1f KB/client%n", mode,
                            mode.equals("raw") ? "Tomcat's default 8 KiB buffers" : "2 KiB socket and message buffers",
                            n, Stats.percentile(rtt, 50), Stats.percentile(rtt, 99),
                            peers.heartbeatAcks.get() - acksBefore, heap0 / 1e6, heap / 1e6,
                            (heap - heap0) / 1024.0 / n);
                    if (mode.equals("raw")) {
                        System.out.println(raw.histogram(8));
                    }
                    peers.closeAll();
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

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
