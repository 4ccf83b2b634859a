package org.lianxin.bench;

import static org.lianxin.bench.BenchPages.enc;
import static org.lianxin.bench.BenchPages.noErrors;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.LianxinApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./lianxin bench join}: an official's page start → first decoded frame of the petitioner's video, 20 times
 * ({@code LIANXIN_BENCH_RUNS}),
 * through Lianxin (the application in this JVM on 127.0.0.1 with in-memory H2, a real Janus in a network namespace
 * made by {@link JanusTestHost}); baseline in the same run: the same Chromium subscribing to the same kind of
 * publisher in a bare Janus room (same room settings) from a page talking Janus's WebSocket API directly. The runs
 * alternate (Lianxin, bare, bare, Lianxin, ...) so that load drifts hit both alike; 2 warm-up runs of each are not
 * counted. Times are the page's own performance.now() (0 = navigation start).
 *
 * <p>The official's side is a minimal page speaking our protocol (bench resource lianxin.html: join, subscribe,
 * answer), not the console page; the petitioner is a Chromium with the fake camera on the same minimal page,
 * admitted by a host on a JDK WebSocket.
 */
public final class JoinBench {
    static final int RUNS = BenchSettings.integer("LIANXIN_BENCH_RUNS", "lianxin.bench.runs", 20);
    static final int WARMUP = 2;
    static final String ROOM = "bench-join";
    static final int RAW_ROOM = 424242;

    public static void main(String[] args) throws Exception {
        if (!JanusTestHost.available() || !Chromium.available()) {
            System.err.println("bench join needs root, /usr/bin/janus, ip, chromium and chromedriver");
            System.exit(2);
        }
        int rc = 1;
        try {
            rc = new JoinBench().run();
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }

    record Run(String kind, int index, double firstFrameMs, String by, Map<?, ?> steps) {
    }

    int run() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            JanusTestHost janus = JanusTestHost.start();
            closing.add(janus);
            System.out.println("Janus " + janus.wsUrl() + " in namespace " + janus.namespace());

            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path data = Files.createTempDirectory("lianxin-bench-join-");
            SpringApplication app = new SpringApplication(LianxinApplication.class);
            ConfigurableApplicationContext ctx = app.run(
                    "--spring.profiles.active=dev",
                    "--server.address=127.0.0.1",
                    "--server.port=0",
                    "--lianxin.data-dir=" + data,
                    "--spring.datasource.url=jdbc:h2:mem:bench-join;DB_CLOSE_DELAY=-1",
                    "--lianxin.demo.password=" + Base64.getEncoder().encodeToString(secret).substring(0, 20),
                    "--lianxin.signaling.janus-url=" + janus.wsUrl(),
                    "--lianxin.signaling.janus-admin-key=" + janus.adminKey(),
                    "--lianxin.signaling.token-secret=" + Base64.getEncoder().encodeToString(secret));
            closing.add(0, ctx::close);
            closing.add(0, () -> ctx.getBean(LiveRooms.class).stop(Duration.ofSeconds(5)));
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            String wsUrl = "ws://127.0.0.1:" + port + "/ws/signaling";
            System.out.println("Lianxin on http://127.0.0.1:" + port + " (in-process, dev profile, H2 in memory)");

            LiveRooms rooms = ctx.getBean(LiveRooms.class);
            JoinTokens tokens = ctx.getBean(JoinTokens.class);
            SessionRef session = SessionRef.reception(ROOM);
            rooms.open(ROOM, session);

            HttpServer pages = BenchPages.serve(List.of("lianxin.html", "janus.html", "first-frame.js"));
            closing.add(0, () -> pages.stop(0));
            String base = "http://127.0.0.1:" + pages.getAddress().getPort() + "/";

            // the host admits the petitioner, who then publishes its fake camera
            HostClient host = new HostClient(URI.create(wsUrl));
            closing.add(0, host);
            host.send("{\"type\":\"join\",\"token\":\"" + tokens.issue(new JoinGrant(session, ROOM, Role.HOST,
                    "host-1", "主持人")) + "\"}");
            Chromium petitioner = new Chromium(janus.janusAddress());
            closing.add(0, petitioner);
            petitioner.driver().get(base + "lianxin.html?mode=publish&ws=" + enc(wsUrl) + "&token="
                    + tokens.issue(new JoinGrant(session, ROOM, Role.PETITIONER, "petitioner", "来访人")));
            await("the petitioner waits in the lobby", 20, () -> host.seen("participantWaiting"));
            host.send("{\"type\":\"admit\",\"participantId\":\"petitioner\"}");
            await("the petitioner publishes", 30, () -> check(petitioner) && host.seen("\"participantPublishing\",\"participantId\":\"petitioner\",\"publishing\":true")
                    || host.seen("participantPublishing"));
            check(petitioner);

            RawJanus bare = RawJanus.start(janus, base, closing);
            Thread.sleep(2000); // both publishers up and sending for a moment

            Chromium official = new Chromium(janus.janusAddress());
            closing.add(0, official);
            List<Run> ours = new ArrayList<>();
            List<Run> raw = new ArrayList<>();
            for (int i = -WARMUP; i < RUNS; i++) {
                boolean oursFirst = Math.floorMod(i, 2) == 0;
                for (int k = 0; k < 2; k++) {
                    boolean lianxin = (k == 0) == oursFirst;
                    String url = lianxin
                            ? base + "lianxin.html?mode=subscribe&ws=" + enc(wsUrl) + "&token="
                                    + tokens.issue(new JoinGrant(session, ROOM, Role.OFFICIAL, "official-" + (i + 100),
                                            "部门" + (i + 100)))
                            : bare.subscribeUrl();
                    Run r = measure(official, url, lianxin ? "lianxin" : "janus", i);
                    if (i >= 0) {
                        (lianxin ? ours : raw).add(r);
                    }
                    System.out.printf("%-7s %s %3d first frame %7.1f ms (%s) steps %s%n", r.kind(),
                            i < 0 ? "warm-up" : "run    ", i, r.firstFrameMs(), r.by(), r.steps());
                }
            }
            host.send("{\"type\":\"end\"}");

            List<Double> o = ours.stream().map(Run::firstFrameMs).toList();
            List<Double> j = raw.stream().map(Run::firstFrameMs).toList();
            double p50 = Stats.percentile(o, 50), p95 = Stats.percentile(o, 95), rawP50 = Stats.percentile(j, 50);
            System.out.println("official side: minimal page speaking Lianxin's protocol (bench lianxin.html), not the"
                    + " console page; petitioner: Chromium fake camera on the same minimal page");
            System.out.printf("lianxin: min %s p50 %s p95 %s max %s ms%n", Stats.ms(Stats.percentile(o, 0)),
                    Stats.ms(p50), Stats.ms(p95), Stats.ms(Stats.percentile(o, 100)));
            System.out.printf("janus:   min %s p50 %s p95 %s max %s ms%n", Stats.ms(Stats.percentile(j, 0)),
                    Stats.ms(rawP50), Stats.ms(Stats.percentile(j, 95)), Stats.ms(Stats.percentile(j, 100)));
            System.out.printf("BENCH join n=%d p50_ms=%s p95_ms=%s raw_janus_p50_ms=%s ratio=%s%n", o.size(),
                    Stats.ms(p50), Stats.ms(p95), Stats.ms(rawP50), String.format(java.util.Locale.ROOT, "%.2f", p50 / rawP50));
            return 0;
        } finally {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("cleanup: " + e);
                }
            }
        }
    }

    /**
     * The baseline (also of {@code bench admit}): a bare-Janus publisher (Chromium's fake camera on bench page
     * janus.html, in its own room with Lianxin's room settings) and the URL of a page subscribing to it straight
     * through Janus's WebSocket API; {@link #measure} times that page's start → first decoded frame. The pages
     * janus.html and first-frame.js must be served at {@code base}.
     */
    record RawJanus(String base, JanusTestHost janus, long feed) {
        static RawJanus start(JanusTestHost janus, String base, List<AutoCloseable> closing) throws Exception {
            Chromium rawPublisher = new Chromium(janus.janusAddress());
            closing.add(0, rawPublisher);
            rawPublisher.driver().get(base + "janus.html?mode=publish&janus=" + enc(janus.wsUrl().toString())
                    + "&room=" + RAW_ROOM + "&adminKey=" + enc(janus.adminKey()));
            await("the bare-Janus publisher is answered", 30, () -> {
                check(rawPublisher);
                return truthy(rawPublisher.js("return lx.answered"));
            });
            check(rawPublisher);
            return new RawJanus(base, janus, ((Number) rawPublisher.js("return lx.feed")).longValue());
        }

        String subscribeUrl() {
            return base + "janus.html?mode=subscribe&janus=" + enc(janus.wsUrl().toString()) + "&room=" + RAW_ROOM
                    + "&feed=" + feed;
        }
    }

    static Run measure(Chromium browser, String url, String kind, int index) throws Exception {
        browser.js("window.leave && window.leave()");
        browser.driver().get(url);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Object r = browser.js("return lx.firstFrame === null && lx.errors.length === 0 ? null"
                    + " : {ms: lx.firstFrame, by: lx.firstFrameBy, errors: lx.errors, t: lx.t}");
            if (r instanceof Map<?, ?> m) {
                if (m.get("ms") == null) {
                    throw new IllegalStateException(kind + " page failed: " + m.get("errors") + " " + m.get("t"));
                }
                return new Run(kind, index, ((Number) m.get("ms")).doubleValue(), (String) m.get("by"),
                        (Map<?, ?>) m.get("t"));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(kind + " page: no decoded frame within 20 s: " + browser.js("return lx"));
    }

    static boolean check(Chromium b) {
        return noErrors(b.js("return lx.errors"));
    }

    private static boolean truthy(Object o) {
        return Boolean.TRUE.equals(o);
    }

    /** {@link BenchPages#await}, under the name AdmitBench calls. */
    static void await(String what, int seconds, BooleanSupplier until) throws InterruptedException {
        BenchPages.await(what, seconds, until);
    }

    /** The host on a JDK WebSocket: keeps every frame's text, heartbeats every 15 s. */
    static final class HostClient implements AutoCloseable {
        private final StringBuffer frames = new StringBuffer();
        private final WebSocket socket;
        private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "host-heartbeat");
            t.setDaemon(true);
            return t;
        });
        private final AtomicBoolean closed = new AtomicBoolean();

        HostClient(URI url) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    frames.append(data);
                    if (last) {
                        frames.append('\n');
                    }
                    ws.request(1);
                    return null;
                }
            }).join();
            beat.scheduleAtFixedRate(() -> send("{\"type\":\"heartbeat\"}"), 15, 15, TimeUnit.SECONDS);
        }

        synchronized void send(String text) {
            if (!closed.get()) {
                socket.sendText(text, true).join();
            }
        }

        boolean seen(String fragment) {
            return frames.indexOf(fragment) >= 0;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                beat.shutdownNow();
                socket.abort();
            }
        }
    }
}
