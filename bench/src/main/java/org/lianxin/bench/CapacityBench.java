package org.lianxin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.lianxin.signaling.testing.JanusTestHost;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./lianxin bench capacity}: recorded two-publisher rooms added one at a time (1, 2, 3, …) until a limit;
 * at each step the CPU time of the application's JVM and of the Janus process (utime + stime from /proc/PID/stat)
 * over a steady window of {@code LIANXIN_BENCH_SECONDS} (20), divided by the rooms, and the same for the recorder's
 * threads inside the application's JVM ({@link CapacityServer#RECORDER}, from /proc/PID/task).
 *
 * <p>Lianxin runs as a JVM of its own ({@link CapacityServer}: dev profile, H2 in memory, recording ON to a local
 * folder), Janus in a network namespace ({@link JanusTestHost}). Each room is a recorded consultation (opened by
 * {@code cd.leader}, {@code cd.housing} invited, both through the REST API), chosen over a booked reception because
 * the demo has too few leaders with logins to hold many bookings at once: in its steady state a consultation is what
 * a reception is after the admission — two publishers, each subscribed to the other, both recorded. The two sides
 * run the application's own live code ({@code /js/live.js} LiveSession) in two headless Chromium processes, one
 * page each holding every room's session of that side, with one fake camera (320x240, 15 fps; {@link #WIDTH}) and
 * microphone shared by
 * the page's sessions, so that the browsers stay cheap; each remote stream plays in a muted video element.
 *
 * <p>A step ends the ramp when a side decodes fewer than {@code LIANXIN_BENCH_MIN_FPS} (10) frames a second, a side
 * reports an error, a new room does not decode within 60 s, the machine's CPU is 95 % busy (the browsers share the
 * machine: on 2 cores they are the usual limit; {@code LIANXIN_BENCH_MAX_BUSY}), or at {@code LIANXIN_BENCH_RECEPTIONS}
 * (12) rooms. Before the first room, an idle window measures what both processes use with no room. The result line
 * is the largest step within the limits; without one it is NaN and the exit status 1.
 *
 * <p>The review files are composed as a cluster with compose nodes composes them ({@code LIANXIN_BENCH_COMPOSE},
 * {@code compose-nodes}): the app records raw tracks only and a compose node's worker, a JVM of its own ({@link
 * CapacityServer} {@code compose-worker}), composes each recording after its end; after the ramp every session ends
 * and the bench waits until the worker composed them all. Its CPU over that (/proc/PID/stat) divided by the seconds
 * recorded in all (two tracks each) is {@code compose_cpu_per_reception_pct}: what a recorded session costs a compose
 * node per second it lasts, in % of one core — the CPU a compose node needs per concurrent session. The ratio stays
 * app / Janus. {@code LIANXIN_BENCH_COMPOSE=here}: the app composes its own (live), as before issue 14's split.
 */
public final class CapacityBench {
    static final int MAX = BenchSettings.integer("LIANXIN_BENCH_RECEPTIONS", "lianxin.bench.receptions", 12);
    static final int SECONDS = BenchSettings.integer("LIANXIN_BENCH_SECONDS", "lianxin.bench.seconds", 20);
    static final int MIN_FPS = BenchSettings.integer("LIANXIN_BENCH_MIN_FPS", "lianxin.bench.min-fps", 10);
    /**
     * The machine counts as saturated at this share of busy CPU ({@code LIANXIN_BENCH_MAX_BUSY}, 95; over 100: never,
     * for a machine that others load too: then only the video limits the ramp).
     */
    static final int MAX_BUSY = BenchSettings.integer("LIANXIN_BENCH_MAX_BUSY", "lianxin.bench.max-busy", 95);
    /**
     * The fake camera's width ({@code LIANXIN_BENCH_WIDTH}, 320; height 3/4 of it, 15 fps): 640 is what the kiosk and
     * the console ask for (devices.js), at the price of busier browsers.
     */
    static final int WIDTH = BenchSettings.integer("LIANXIN_BENCH_WIDTH", "lianxin.bench.width", 320);
    /** Time for a new room's bandwidth estimate and the recorder's first segment to settle before the window. */
    static final int SETTLE_SECONDS = 5;
    static final int DECODE_TIMEOUT_SECONDS = 60;
    static final String HOST = "cd.leader";
    static final String GUEST = "cd.housing";
    /** {@code compose-nodes} (default) or {@code here}: see the class comment. */
    static final boolean COMPOSE_NODES = !"here".equals(System.getenv("LIANXIN_BENCH_COMPOSE"));

    public static void main(String[] args) throws Exception {
        if (!JanusTestHost.available() || !Chromium.available()) {
            System.err.println("bench capacity needs root, /usr/bin/janus, ip, chromium and chromedriver");
            System.exit(2);
        }
        if (MAX < 1 || SECONDS < 1) {
            System.err.println("LIANXIN_BENCH_RECEPTIONS and LIANXIN_BENCH_SECONDS must be at least 1");
            System.exit(2);
        }
        int rc = 1;
        try {
            Result r = run(MAX, SECONDS, MIN_FPS, MAX_BUSY, COMPOSE_NODES);
            rc = CapacityStep.best(r.steps()) == null ? 1 : 0;
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }

    /**
     * Every step measured, the recorder's busiest threads, the bytes the recorder wrote in all, and with compose nodes
     * what the compose worker did (else null).
     */
    record Result(List<CapacityStep> steps, CapacityStep.Idle idle, String recorderThreads, long recordedBytes,
                  CapacityBenchCompose.Composed composed) {
    }

    static Result run(int max, int seconds, double minFps, double maxBusy) throws Exception {
        return run(max, seconds, minFps, maxBusy, false);
    }

    static Result run(int max, int seconds, double minFps, double maxBusy, boolean composeNodes) throws Exception {
        List<CapacityStep> steps = new ArrayList<>();
        List<AutoCloseable> closing = new ArrayList<>();
        String threads = "";
        long recorded = 0;
        CapacityStep.Idle idle = null;
        CapacityBenchCompose.Composed composed = null;
        Path data = Files.createTempDirectory("lianxin-bench-capacity-");
        try {
            JanusTestHost janus = JanusTestHost.start();
            closing.add(janus);
            long janusPid = janusPid(janus.namespace());
            System.out.println("Janus " + janus.wsUrl() + " in namespace " + janus.namespace() + ", pid " + janusPid);

            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getEncoder().encodeToString(secret).substring(0, 20);
            ChildJvm app = new ChildJvm("app", "2g", List.of("READY", "RECORDER", "THREADS", "TOP", "ENDED", "BYE", "ERR"),
                    CapacityServer.class, List.of(janus.wsUrl().toString(), janus.adminKey(),
                    Base64.getEncoder().encodeToString(secret), janus.hostAddress(), data.toString(), password,
                    composeNodes ? "compose-nodes" : "here"));
            closing.add(0, () -> app.stop("quit"));
            String ready = app.next(300); // the whole application: slow to start on a loaded machine
            if (!ready.startsWith("READY ")) {
                throw new IllegalStateException("the application did not start: " + ready);
            }
            String[] readyWords = ready.substring(6).trim().split(" ");
            String base = "http://127.0.0.1:" + readyWords[0];
            ChildJvm worker = null;
            if (composeNodes) {
                worker = new ChildJvm("compose", "1g", List.of("READY", "COMPOSE", "BYE", "ERR"), CapacityServer.class,
                        List.of("compose-worker", "jdbc:h2:tcp://127.0.0.1:" + readyWords[1] + "/mem:bench-capacity",
                                data.resolve("recordings").toString(), data.resolve("compose-work").toString()));
                ChildJvm w = worker;
                closing.add(0, () -> w.stop("quit"));
                String workerReady = worker.next(120);
                if (!workerReady.startsWith("READY")) {
                    throw new IllegalStateException("the compose worker did not start: " + workerReady);
                }
                System.out.println("compose worker pid " + worker.pid() + " (a compose node's worker alone; the app"
                        + " composes nothing: lianxin.recording.composing.where=compose-nodes)");
            }
            long workerCpuAtStart = worker == null ? 0 : RecordingProc.cpuNanos(worker.pid());
            long rampStart = System.nanoTime();
            System.out.println("Lianxin pid " + app.pid() + " on " + base
                    + " (dev profile, H2 in memory, recording on to a local folder); fake camera " + WIDTH + "x"
                    + WIDTH * 3 / 4 + " at 15 fps");

            Chromium hosts = new Chromium(janus.janusAddress());
            closing.add(0, hosts);
            Chromium guests = new Chromium(janus.janusAddress());
            closing.add(0, guests);
            for (Chromium c : List.of(hosts, guests)) {
                c.driver().get(base + "/login.html"); // the application's origin, for its modules
            }
            closing.add(0, () -> {
                for (Chromium c : List.of(hosts, guests)) {
                    c.js("if (window.cap) Object.values(cap.sessions).forEach(s => s.leave())");
                }
            });
            ReceptionFixture.Api host = new ReceptionFixture.Api(base, HOST, password);
            ReceptionFixture.Api guest = new ReceptionFixture.Api(base, GUEST, password);
            long guestOfficial = guest.call("GET", "/api/v1/me", null).path("officialId").asLong();
            // no room open: what the application and Janus use anyway (after start-up's work settled)
            Thread.sleep(SETTLE_SECONDS * 1000L);
            CapacityStep.Sample i0 = sample(app, janusPid, hosts, guests);
            Thread.sleep(seconds * 1000L);
            idle = CapacityStep.Idle.of(i0, sample(app, janusPid, hosts, guests));
            System.out.printf(Locale.ROOT, "idle (no room): app %.2f%% janus %.2f%% of one core load=%s%n",
                    idle.appPct(), idle.janusPct(), load());

            for (int n = 1; n <= max; n++) {
                String key = "r" + n;
                JsonNode c = host.call("POST", "/api/v1/consultations",
                        Map.of("title", "容量基准 " + n, "recording", true));
                long id = c.path("id").asLong();
                host.call("POST", "/api/v1/consultations/" + id + "/invitations", Map.of("officialId", guestOfficial));
                start(hosts, host.call("POST", "/api/v1/consultations/" + id + "/join-token", null), key);
                start(guests, guest.call("POST", "/api/v1/consultations/" + id + "/join-token", null), key);
                int rooms = n;
                long deadline = System.nanoTime() + DECODE_TIMEOUT_SECONDS * 1_000_000_000L;
                String waiting;
                while ((waiting = notDecoding(sides(hosts, guests), rooms)) != null && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                if (waiting != null) {
                    System.out.println("step receptions=" + n + " LIMIT: " + waiting + " within "
                            + DECODE_TIMEOUT_SECONDS + " s");
                    break;
                }
                Thread.sleep(SETTLE_SECONDS * 1000L);
                long bytesBefore = size(data.resolve("recordings"));
                CapacityStep.Sample a = sample(app, janusPid, hosts, guests);
                Thread.sleep(seconds * 1000L);
                CapacityStep.Sample b = sample(app, janusPid, hosts, guests);
                long written = size(data.resolve("recordings")) - bytesBefore;
                CapacityStep step = CapacityStep.of(n, a, b, minFps, maxBusy, idle);
                steps.add(step);
                System.out.printf(Locale.ROOT, "%s recorder_writes=%.0f kbit/s per reception load=%s%n",
                        step.describe(), written * 8.0 / 1000 / step.seconds() / n, load());
                if (!step.ok()) {
                    break;
                }
            }
            if (worker != null) {
                composed = CapacityBenchCompose.composeAfterTheEnd(app, worker, workerCpuAtStart, (System.nanoTime() - rampStart) / 1e9);
            }
            app.send("threads");
            threads = app.next(30);
            recorded = size(data.resolve("recordings"));
            System.out.println("recorder threads (CPU since start, busiest first): " + threads);
            app.send("top");
            System.out.println("all the application's threads (CPU since start, busiest first): " + app.next(30));
            System.out.printf(Locale.ROOT, "recordings written: %.1f MB in %s%n", recorded / 1e6, data.resolve("recordings"));
        } finally {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("cleanup: " + e);
                }
            }
            delete(data);
        }
        CapacityStep best = CapacityStep.best(steps);
        System.out.println("the app's CPU includes its recorder (it runs inside the app's JVM); Janus's includes the"
                + " RTP forwards to the recorder; CPU in % of one core; machine: nproc "
                + Runtime.getRuntime().availableProcessors() + ", the browsers share it");
        if (best == null) {
            System.out.println("result: NO step stayed within the limits");
        } else {
            System.out.printf(Locale.ROOT, "result: largest step within the limits: %d receptions; recorder %.2f %% of"
                    + " a core per reception (in the app's %.2f %%); app without its recorder / Janus = %.2f%n",
                    best.receptions(), best.recorderPct(), best.appPct(), best.ratioWithoutRecorder());
        }
        System.out.println(CapacityBenchCompose.benchLine(best, composed));
        return new Result(steps, idle, threads, recorded, composed);
    }

    /** The page's shared fake camera and a LiveSession for the ticket, its remote streams played muted. */
    private static final String START = """
            const [token, wsUrl, key, width, done] = arguments;
            (async () => {
              try {
                const live = await import('/js/live.js');
                if (!window.cap) window.cap = { sessions: {}, errors: {} };
                if (!cap.stream) cap.stream = await navigator.mediaDevices.getUserMedia({ audio: true,
                    video: { width: width, height: width * 3 / 4, frameRate: 15 } });
                const s = new live.LiveSession({ token: token, wsUrl: wsUrl, localStream: cap.stream });
                cap.errors[key] = [];
                s.on('error', e => cap.errors[key].push(e.code + ' ' + (e.message || '')));
                s.on('stream', e => {
                  const v = document.createElement('video');
                  v.muted = true; v.autoplay = true; v.playsInline = true; v.width = 80; v.srcObject = e.stream;
                  document.body.appendChild(v);
                });
                cap.sessions[key] = s;
                s.connect();
                done(true);
              } catch (e) { done(String(e && e.stack || e)); }
            })();
            """;

    /** Every session's counters: decoded video frames, bytes received and sent (with RTP headers), errors. */
    private static final String COUNTERS = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const out = {};
              for (const [k, s] of Object.entries((window.cap || {sessions: {}}).sessions)) {
                const c = { status: String(s.status), frames: 0, bytesIn: 0, bytesOut: 0, errors: cap.errors[k].join('; ') };
                try { if (s.sub) (await s.sub.getStats()).forEach(x => { if (x.type === 'inbound-rtp') {
                  c.bytesIn += (x.bytesReceived || 0) + (x.headerBytesReceived || 0);
                  if (x.kind === 'video') c.frames += x.framesDecoded || 0; } }); } catch (e) { /* closed */ }
                try { if (s.pub) (await s.pub.getStats()).forEach(x => { if (x.type === 'outbound-rtp')
                  c.bytesOut += (x.bytesSent || 0) + (x.headerBytesSent || 0); }); } catch (e) { /* closed */ }
                out[k] = c;
              }
              done(out);
            })();
            """;

    private static void start(Chromium page, JsonNode ticket, String key) {
        Object r = page.driver().executeAsyncScript(START, ticket.path("token").asString(),
                ticket.path("wsUrl").asString(), key, WIDTH);
        if (!Boolean.TRUE.equals(r)) {
            throw new IllegalStateException("room " + key + " did not start: " + r);
        }
    }

    /** Both pages' sides, named {@code r1/host}, {@code r1/guest}, … */
    static Map<String, CapacityStep.Side> sides(Chromium hosts, Chromium guests) {
        Map<String, CapacityStep.Side> sides = new LinkedHashMap<>();
        for (Map.Entry<String, Chromium> page : Map.of("host", hosts, "guest", guests).entrySet()) {
            Map<?, ?> all = (Map<?, ?>) page.getValue().driver().executeAsyncScript(COUNTERS);
            for (Map.Entry<?, ?> e : all.entrySet()) {
                Map<?, ?> c = (Map<?, ?>) e.getValue();
                sides.put(e.getKey() + "/" + page.getKey(), new CapacityStep.Side((String) c.get("status"),
                        ((Number) c.get("frames")).longValue(), ((Number) c.get("bytesIn")).longValue(),
                        ((Number) c.get("bytesOut")).longValue(), (String) c.get("errors")));
            }
        }
        return sides;
    }

    /** Null when each of the rooms' sides decodes video, else what is missing. */
    static String notDecoding(Map<String, CapacityStep.Side> sides, int rooms) {
        for (int i = 1; i <= rooms; i++) {
            for (String side : List.of("host", "guest")) {
                CapacityStep.Side s = sides.get("r" + i + "/" + side);
                if (s == null) {
                    return "r" + i + "/" + side + " has no session";
                }
                if (!s.errors().isEmpty()) {
                    return "r" + i + "/" + side + " failed: " + s.errors();
                }
                if (s.framesDecoded() == 0) {
                    return "r" + i + "/" + side + " decodes no video (status " + s.status() + ")";
                }
            }
        }
        return null;
    }

    private static CapacityStep.Sample sample(ChildJvm app, long janusPid, Chromium hosts, Chromium guests)
            throws InterruptedException {
        app.send("recorder");
        String r = app.next(30);
        if (!r.startsWith("RECORDER ")) {
            throw new IllegalStateException("recorder: " + r);
        }
        long[] machine = machineTicks();
        long appCpu = RecordingProc.cpuNanos(app.pid());
        long janusCpu = RecordingProc.cpuNanos(janusPid);
        if (appCpu < 0 || janusCpu < 0) {
            throw new IllegalStateException("the application or Janus is gone");
        }
        String[] recorder = r.substring(9).trim().split(" ");
        return new CapacityStep.Sample(appCpu, janusCpu, Long.parseLong(recorder[0]), Long.parseLong(recorder[1]),
                machine[0], machine[1], System.nanoTime(), sides(hosts, guests));
    }

    /** The machine's busy and total clock ticks (the cpu line of /proc/stat; idle and iowait are not busy). */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of the janus process in the namespace. */
    static long janusPid(String namespace) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "pids", namespace).redirectErrorStream(true).start();
        List<String> pids = new String(p.getInputStream().readAllBytes()).lines().map(String::strip).toList();
        p.waitFor();
        for (String pid : pids) {
            try {
                if (Files.readString(Path.of("/proc", pid, "comm")).strip().equals("janus")) {
                    return Long.parseLong(pid);
                }
            } catch (IOException | NumberFormatException e) {
                // gone, or not a pid
            }
        }
        throw new IllegalStateException("no janus process in namespace " + namespace + " (pids " + pids + ")");
    }

    private static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // moved meanwhile
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
