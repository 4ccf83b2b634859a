package org.lianxin.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.CountyNetwork;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.testing.LinkFaults;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.LianxinApplication;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./lianxin bench drop}: how fast video comes back at both ends of a live reception after the media link
 * drops for 3 s ({@code LIANXIN_BENCH_DROP_SECONDS}), {@code LIANXIN_BENCH_RUNS} (10) times. Recovery = from the
 * moment the link is whole again to the first growth of {@code framesDecoded} (getStats, polled every 20 ms by the
 * page) of the subscription at each end; a session's recovery is the later of its two ends.
 *
 * <p>Two applications run in this JVM against one real Janus (in a network namespace, {@link JanusTestHost}), each
 * with one reception (host and petitioner: headless Chromium with the fake camera on a minimal page speaking our
 * protocol, bench resource drop.html, publishing and subscribing to each other): "fixed" with the default
 * {@code lianxin.signaling.keyframe-on-media-resume=true}, "unfixed" with it false — the baseline. Each outage
 * ({@link LinkFaults}: every UDP packet between the browsers and Janus's ICE/RTP ports dropped, both ways; the
 * signaling WebSocket untouched) hits both receptions at once, so both are measured under the same drop and load.
 * The pages also log when their receiver sent a PLI and decoded a keyframe after the link returned: that shows
 * who asked for the keyframe and when.
 *
 * <p>Relayed: a third reception (fixed) from a {@link CountyNetwork}'s county, whose firewall passes only TURN/TLS on
 * 443 and the application: the petitioner's page in the county's Chromium is relayed by coturn over {@code turns:}
 * (checked from getStats), the host's page on this host. Its outage is the county link's
 * ({@link CountyNetwork#outage}: every packet in and out, the TLS connection to coturn and the signaling too), for the
 * same 3 s, at the same time as the direct one.
 */
public final class DropBench {
    static final int RUNS = BenchSettings.integer("LIANXIN_BENCH_RUNS", "lianxin.bench.runs", 10);
    static final int DROP_SECONDS = BenchSettings.integer("LIANXIN_BENCH_DROP_SECONDS", "lianxin.bench.drop-seconds", 3);
    static final String ROOM = "bench-drop";

    public static void main(String[] args) throws Exception {
        if (!JanusTestHost.available() || !Chromium.available()) {
            System.err.println("bench drop needs root, /usr/bin/janus, ip, nft, chromium and chromedriver");
            System.exit(2);
        }
        int rc = 1;
        try {
            rc = new DropBench().run();
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }

    /** One end's recovery after one outage: frames, and the first PLI sent / keyframe decoded (ms, -1: none). */
    record End(double framesMs, double receivedMs, double pliMs, double keyframeMs) {
    }

    /**
     * One application with one reception of two pages: the host's and the petitioner's, each publishing and subscribing
     * to the other.
     */
    static final class Session implements AutoCloseable {
        final String kind;
        final List<AutoCloseable> closing = new ArrayList<>();
        RemoteWebDriver host;
        RemoteWebDriver petitioner;

        Session(String kind) {
            this.kind = kind;
        }

        /** Direct: both pages in this host's Chromium, on 127.0.0.1, media straight to Janus over UDP. */
        void start(JanusTestHost janus, boolean fix, String pageBase) throws Exception {
            ConfigurableApplicationContext ctx = application("127.0.0.1", janus.wsUrl().toString(), janus.adminKey(),
                    fix, List.of());
            String wsUrl = "ws://127.0.0.1:" + port(ctx) + "/ws/signaling";
            Chromium h = new Chromium(janus.janusAddress());
            closing.add(0, h);
            Chromium p = new Chromium(janus.janusAddress());
            closing.add(0, p);
            admit(ctx, h.driver(), pageBase, p.driver(), pageBase, wsUrl);
        }

        /**
         * Relayed: the application on the host's address of the county network, with TURN; the host's page in this
         * host's Chromium (from 127.0.0.1: a secure context for the camera); the petitioner's in the county's
         * Chromium, behind the firewall that passes only TURN/TLS on 443 and the application, so its media goes
         * through coturn over {@code turns:} (checked: both its connections' selected pairs are relay over tls).
         */
        void startRelayed(CountyNetwork net, String localPageBase) throws Exception {
            ConfigurableApplicationContext ctx = application(net.hostAddress(), net.janusWsUrl().toString(),
                    net.janusAdminKey(), true, List.of("--lianxin.turn.urls=" + String.join(",", net.turnUrls()),
                            "--lianxin.turn.secret=" + net.turnSecret(),
                            "--lianxin.turn.realm=" + CountyNetwork.TURN_REALM));
            int port = port(ctx);
            String wsUrl = "ws://" + net.hostAddress() + ":" + port + "/ws/signaling";
            HttpServer countyPages = BenchPages.serve(List.of("drop.html", "first-frame.js"),
                    InetAddress.getByName(net.hostAddress()));
            closing.add(0, () -> countyPages.stop(0));
            String countyOrigin = "http://" + net.hostAddress() + ":" + countyPages.getAddress().getPort();
            net.firewall(port, countyPages.getAddress().getPort());
            Chromium h = new Chromium(net.hostAddress());
            closing.add(0, h);
            RemoteWebDriver p = RelayBench.countyBrowser(net, closing, "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream", "--unsafely-treat-insecure-origin-as-secure=" + countyOrigin);
            admit(ctx, h.driver(), localPageBase, p, countyOrigin + "/drop.html", wsUrl);
            for (String route : List.of(RelayBench.route(p, "sub"), RelayBench.route(p, "pub"))) {
                if (!route.equals("relay/tls")) {
                    throw new IllegalStateException(kind + ": the county page's media went " + route + ", not relay/tls");
                }
            }
        }

        private ConfigurableApplicationContext application(String address, String janusUrl, String janusAdminKey,
                boolean fix, List<String> more) throws Exception {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path data = Files.createTempDirectory("lianxin-bench-drop-" + kind + "-");
            closing.add(() -> ReviewLatencyBench.deleteTree(data));
            List<String> args = new ArrayList<>(List.of(
                    "--spring.profiles.active=dev",
                    "--server.address=" + address,
                    "--server.port=0",
                    "--spring.application.name=lianxin-bench-drop-" + kind,
                    "--lianxin.data-dir=" + data,
                    "--spring.datasource.url=jdbc:h2:mem:bench-drop-" + kind + ";DB_CLOSE_DELAY=-1",
                    "--lianxin.demo.password=" + Base64.getEncoder().encodeToString(secret).substring(0, 20),
                    "--lianxin.signaling.janus-url=" + janusUrl,
                    "--lianxin.signaling.janus-admin-key=" + janusAdminKey,
                    "--lianxin.signaling.token-secret=" + Base64.getEncoder().encodeToString(secret),
                    "--lianxin.signaling.keyframe-on-media-resume=" + fix,
                    "--logging.level.org.lianxin.signaling.live=INFO"));
            args.addAll(more);
            ConfigurableApplicationContext ctx = new SpringApplication(LianxinApplication.class)
                    .run(args.toArray(String[]::new));
            closing.add(0, ctx::close);
            closing.add(0, () -> ctx.getBean(LiveRooms.class).stop(Duration.ofSeconds(5)));
            System.out.println(kind + ": Lianxin on http://" + address + ":" + port(ctx)
                    + " (keyframe-on-media-resume=" + fix + ")");
            return ctx;
        }

        private static int port(ConfigurableApplicationContext ctx) {
            return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        }

        /** The host joins and publishes, the petitioner waits in the lobby, the host admits: video both ways. */
        private void admit(ConfigurableApplicationContext ctx, RemoteWebDriver hostPage, String hostBase,
                RemoteWebDriver petitionerPage, String petitionerBase, String wsUrl) throws Exception {
            LiveRooms rooms = ctx.getBean(LiveRooms.class);
            JoinTokens tokens = ctx.getBean(JoinTokens.class);
            SessionRef session = SessionRef.reception(ROOM);
            rooms.open(ROOM, session);
            host = hostPage;
            host.get(hostBase + "?ws=" + enc(wsUrl) + "&token="
                    + enc(tokens.issue(new JoinGrant(session, ROOM, Role.HOST, "host-1", "主持人"))));
            await(kind + ": the host publishes", 60, () -> check(host) && truthy(host.executeScript("return lx.answered")));
            petitioner = petitionerPage;
            petitioner.get(petitionerBase + "?ws=" + enc(wsUrl) + "&token="
                    + enc(tokens.issue(new JoinGrant(session, ROOM, Role.PETITIONER, "petitioner", "来访人"))));
            await(kind + ": the petitioner waits in the lobby", 60, () -> check(host)
                    && String.valueOf(host.executeScript("return lx.seen.join(' ')")).contains("participantWaiting"));
            host.executeScript("return lxSend({type: 'admit', participantId: 'petitioner'})");
            await(kind + ": both decode the other's video", 90, () -> flowing(host) && flowing(petitioner));
        }

        /** Both ends decoded a frame in the last 300 ms. */
        boolean flowing(RemoteWebDriver page) {
            check(page);
            Object last = page.executeScript("const f = lx.grew.frames; return f.length ? Date.now() - f[f.length - 1] : null");
            return last instanceof Number n && n.doubleValue() < 300;
        }

        End end(RemoteWebDriver page, long restoredAt) {
            return new End(after(page, "frames", restoredAt), after(page, "received", restoredAt),
                    after(page, "pli", restoredAt),
                    after(page, "keyframes", restoredAt));
        }

        private static double after(RemoteWebDriver page, String what, long t) {
            Object v = page.executeScript("return lxFirstAfter(arguments[0], arguments[1])", what, t);
            return v instanceof Number n ? n.doubleValue() - t : -1;
        }

        boolean recovered(long restoredAt) {
            return after(host, "frames", restoredAt) >= 0 && after(petitioner, "frames", restoredAt) >= 0;
        }

        String counters() {
            return "host " + host.executeScript("return JSON.stringify(lx.now)") + ", petitioner "
                    + petitioner.executeScript("return JSON.stringify(lx.now)");
        }

        @Override
        public void close() {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("cleanup " + kind + ": " + e);
                }
            }
        }
    }

    int run() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            JanusTestHost janus = JanusTestHost.start();
            closing.add(janus);
            System.out.println("Janus " + janus.wsUrl() + " in namespace " + janus.namespace());
            LinkFaults link = LinkFaults.janusMedia(janus);
            closing.add(0, link);
            HttpServer pages = BenchPages.serve(List.of("drop.html", "first-frame.js"));
            closing.add(0, () -> pages.stop(0));
            String pageBase = "http://127.0.0.1:" + pages.getAddress().getPort() + "/drop.html";

            Session fixed = new Session("fixed");
            closing.add(0, fixed);
            fixed.start(janus, true, pageBase);
            Session unfixed = new Session("unfixed");
            closing.add(0, unfixed);
            unfixed.start(janus, false, pageBase);

            // the relayed reception: its own network (county behind the firewall, coturn, another Janus)
            CountyNetwork net = CountyNetwork.start();
            closing.add(0, net);
            System.out.println("county network: Janus " + net.janusWsUrl() + ", TURN " + net.turnUrls() + ", county "
                    + net.countyAddress());
            Session relay = new Session("relay");
            closing.add(0, relay);
            relay.startRelayed(net, pageBase);
            List<Session> sessions = List.of(fixed, unfixed, relay);

            Map<String, List<Double>> recovery = Map.of("fixed", new ArrayList<>(), "unfixed", new ArrayList<>(),
                    "relay", new ArrayList<>());
            for (int i = 1; i <= RUNS; i++) {
                await("all receptions decoding before outage " + i, 90,
                        () -> sessions.stream().allMatch(s -> s.flowing(s.host) && s.flowing(s.petitioner)));
                // the same 3 s for all: Janus's media ports (direct) and the county's whole link (relayed)
                link.outage();
                net.outage(true);
                Thread.sleep(TimeUnit.SECONDS.toMillis(DROP_SECONDS)); // the outage itself: its length is the input
                long directRestoredAt = System.currentTimeMillis();
                link.restore();
                long relayRestoredAt = System.currentTimeMillis();
                net.outage(false);
                Map<Session, Long> restoredAt = Map.of(fixed, directRestoredAt, unfixed, directRestoredAt,
                        relay, relayRestoredAt);
                await("video back at both ends of every reception after outage " + i, 90,
                        () -> sessions.stream().allMatch(s -> s.recovered(restoredAt.get(s))));
                for (Session s : sessions) {
                    long t = restoredAt.get(s);
                    End h = s.end(s.host, t);
                    End p = s.end(s.petitioner, t);
                    double worst = Math.max(h.framesMs(), p.framesMs());
                    recovery.get(s.kind).add(worst);
                    System.out.printf(Locale.ROOT, "outage %2d %-7s recovery %6.0f ms (host %5.0f, petitioner %5.0f);"
                                    + " first PLI sent after the return: host %5.0f, petitioner %5.0f ms; first keyframe"
                                    + " decoded: host %5.0f, petitioner %5.0f ms; first frame received: host %5.0f,"
                                    + " petitioner %5.0f ms; load %s%n", i, s.kind, worst,
                            h.framesMs(), p.framesMs(), h.pliMs(), p.pliMs(), h.keyframeMs(), p.keyframeMs(),
                            h.receivedMs(), p.receivedMs(), load());
                }
            }
            for (Session s : sessions) {
                System.out.println(s.kind + " counters at the end: " + s.counters());
            }
            List<Double> f = recovery.get("fixed");
            List<Double> u = recovery.get("unfixed");
            List<Double> r = recovery.get("relay");
            System.out.printf(Locale.ROOT, "fixed:   min %s p50 %s p95 %s max %s ms (goal <= 1000)%n",
                    Stats.ms(Stats.percentile(f, 0)), Stats.ms(Stats.percentile(f, 50)),
                    Stats.ms(Stats.percentile(f, 95)), Stats.ms(Stats.percentile(f, 100)));
            System.out.printf(Locale.ROOT, "unfixed: min %s p50 %s p95 %s max %s ms%n",
                    Stats.ms(Stats.percentile(u, 0)), Stats.ms(Stats.percentile(u, 50)),
                    Stats.ms(Stats.percentile(u, 95)), Stats.ms(Stats.percentile(u, 100)));
            System.out.printf(Locale.ROOT, "relay:   min %s p50 %s p95 %s max %s ms (turns: on 443, county link out;"
                            + " goal <= 1000)%n",
                    Stats.ms(Stats.percentile(r, 0)), Stats.ms(Stats.percentile(r, 50)),
                    Stats.ms(Stats.percentile(r, 95)), Stats.ms(Stats.percentile(r, 100)));
            System.out.printf(Locale.ROOT, "BENCH drop n=%d direct_recovery_p50_ms=%.0f relay_recovery_p50_ms=%.0f"
                            + " drop_s=%d direct_recovery_p95_ms=%.0f direct_unfixed_p50_ms=%.0f"
                            + " relay_recovery_p95_ms=%.0f%n", f.size(), Stats.percentile(f, 50),
                    Stats.percentile(r, 50), DROP_SECONDS, Stats.percentile(f, 95), Stats.percentile(u, 50),
                    Stats.percentile(r, 95));
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

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static boolean check(RemoteWebDriver b) {
        Object errors = b.executeScript("return lx.errors");
        if (errors instanceof List<?> l && !l.isEmpty()) {
            throw new IllegalStateException("page errors: " + l);
        }
        return true;
    }

    private static boolean truthy(Object o) {
        return Boolean.TRUE.equals(o);
    }

    private static void await(String what, int seconds, BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!until.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
