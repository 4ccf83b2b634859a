package org.lianxin.bench;

import static org.lianxin.bench.BenchPages.await;
import static org.lianxin.bench.BenchPages.enc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.CountyNetwork;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.LianxinApplication;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./lianxin bench relay}: the join bench's official join (page start → first decoded frame of the petitioner's
 * video, through Lianxin) from a county whose firewall passes only HTTPS — relayed by coturn over {@code turns:} on
 * 443 — against the same join from the same county with the firewall off (media straight to Janus), alternating in
 * one run, 10 times each ({@code LIANXIN_BENCH_RUNS}) after 2 warm-ups of each. The network is a
 * {@link CountyNetwork} (router, Janus, coturn with a test certificate, the county's Chromium pinning it); the
 * application runs in this JVM on the host's address of that network with TURN configured, so both kinds of run get
 * the same {@code iceServers}; the relay runs check that the selected candidate pair is {@code relay} over
 * {@code tls}, the direct runs that it is not. Times are the page's own performance.now() (0 = navigation start).
 */
public final class RelayBench {
    static final int RUNS = BenchSettings.integer("LIANXIN_BENCH_RUNS", "lianxin.bench.runs", 10);
    static final int WARMUP = 2;
    /** A diagnostic: how long the official's page waits before it connects (0: at once, the measured join). */
    static final int HOLD_MS = BenchSettings.integer("LIANXIN_BENCH_HOLD_MS", "lianxin.bench.hold-ms", 0);
    /**
     * A diagnostic: 1 adds a third kind of run, relayed with the receiving connection relay-only ({@code
     * iceTransportPolicy: 'relay'}) as the product's page makes it once its publishing connection went through the
     * relay (this bench's page only receives, so it cannot know); its p50 is printed apart, the BENCH line unchanged.
     */
    static final int KNOWN_RELAY = BenchSettings.integer("LIANXIN_BENCH_KNOWN_RELAY", "lianxin.bench.known-relay", 0);
    /**
     * A diagnostic: at least 0 makes the official's page create its receiving connection at {@code joined} with a
     * candidate pool ({@code iceCandidatePoolSize: 1}) and ask for the subscription this many ms later, the offer
     * then going to that connection; -1 (default): the measured join, a connection made at the offer.
     */
    static final int POOL_MS = BenchSettings.integer("LIANXIN_BENCH_POOL_MS", "lianxin.bench.pool-ms", -1);
    /**
     * A diagnostic: a file for the county Chromium's log with WebRTC's port allocation and ICE lines (none: off). It
     * holds the run's ICE passwords and TURN usernames (throwaway, of this run's network): not for sharing as is.
     */
    static final String CHROMIUM_LOG = System.getenv().getOrDefault("LIANXIN_BENCH_CHROMIUM_LOG", "");
    static final String ROOM = "bench-relay";

    public static void main(String[] args) throws Exception {
        if (!CountyNetwork.available() || !Chromium.available()) {
            System.err.println("bench relay needs root, ip, nft, /usr/bin/janus, /usr/bin/turnserver, openssl,"
                    + " chromium and chromedriver");
            System.exit(2);
        }
        int rc = 1;
        try {
            rc = new RelayBench().run();
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }

    record Run(String kind, int index, double firstFrameMs, String route, Map<?, ?> steps) {
    }

    int run() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            CountyNetwork net = CountyNetwork.start();
            closing.add(net);
            System.out.println("county network: Janus " + net.janusWsUrl() + ", TURN " + net.turnUrls() + ", county "
                    + net.countyAddress() + ", this host " + net.hostAddress());

            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path data = Files.createTempDirectory("lianxin-bench-relay-");
            closing.add(0, () -> deleteQuietly(data));
            SpringApplication app = new SpringApplication(LianxinApplication.class);
            ConfigurableApplicationContext ctx = app.run(
                    "--spring.profiles.active=dev",
                    "--server.address=" + net.hostAddress(),
                    "--server.port=0",
                    "--lianxin.data-dir=" + data,
                    "--spring.datasource.url=jdbc:h2:mem:bench-relay;DB_CLOSE_DELAY=-1",
                    "--lianxin.demo.password=" + Base64.getEncoder().encodeToString(secret).substring(0, 20),
                    "--lianxin.signaling.janus-url=" + net.janusWsUrl(),
                    "--lianxin.signaling.janus-admin-key=" + net.janusAdminKey(),
                    "--lianxin.signaling.token-secret=" + Base64.getEncoder().encodeToString(secret),
                    "--lianxin.turn.urls=" + String.join(",", net.turnUrls()),
                    "--lianxin.turn.secret=" + net.turnSecret(),
                    "--lianxin.turn.realm=" + CountyNetwork.TURN_REALM);
            closing.add(0, ctx::close);
            closing.add(0, () -> ctx.getBean(LiveRooms.class).stop(Duration.ofSeconds(5)));
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            String wsUrl = "ws://" + net.hostAddress() + ":" + port + "/ws/signaling";
            System.out.println("Lianxin on http://" + net.hostAddress() + ":" + port
                    + " (in-process, dev profile, H2 in memory, TURN on)");

            LiveRooms rooms = ctx.getBean(LiveRooms.class);
            JoinTokens tokens = ctx.getBean(JoinTokens.class);
            SessionRef session = SessionRef.reception(ROOM);
            rooms.open(ROOM, session);

            HttpServer pages = BenchPages.serve(List.of("lianxin.html", "first-frame.js"),
                    InetAddress.getByName(net.hostAddress()));
            closing.add(0, () -> pages.stop(0));
            int pagesPort = pages.getAddress().getPort();
            String base = "http://" + net.hostAddress() + ":" + pagesPort + "/";

            // the host admits the petitioner (this host's Chromium, fake camera), who then publishes
            JoinBench.HostClient host = new JoinBench.HostClient(URI.create(wsUrl));
            closing.add(0, host);
            host.send("{\"type\":\"join\",\"token\":\"" + tokens.issue(new JoinGrant(session, ROOM, Role.HOST,
                    "host-1", "主持人")) + "\"}");
            // its page from 127.0.0.1: a secure context for the camera (the county's pages need none: they only watch)
            HttpServer localPages = BenchPages.serve(List.of("lianxin.html", "first-frame.js"));
            closing.add(0, () -> localPages.stop(0));
            Chromium petitioner = new Chromium(net.hostAddress());
            closing.add(0, petitioner);
            petitioner.driver().get("http://127.0.0.1:" + localPages.getAddress().getPort()
                    + "/lianxin.html?mode=publish&ws=" + enc(wsUrl) + "&token="
                    + tokens.issue(new JoinGrant(session, ROOM, Role.PETITIONER, "petitioner", "来访人")));
            await("the petitioner waits in the lobby", 20, () -> host.seen("participantWaiting"));
            host.send("{\"type\":\"admit\",\"participantId\":\"petitioner\"}");
            await("the petitioner publishes", 30, () -> noErrors(petitioner.driver())
                    && host.seen("\"participantPublishing\",\"participantId\":\"petitioner\",\"publishing\":true"));

            if (!CHROMIUM_LOG.isEmpty()) { // kept before the network (and its folder) goes
                net.chromedriver(true);
                closing.add(0, () -> Files.copy(net.chromedriverLog(), Path.of(CHROMIUM_LOG),
                        StandardCopyOption.REPLACE_EXISTING));
            }
            RemoteWebDriver official = CHROMIUM_LOG.isEmpty() ? countyBrowser(net, closing)
                    : countyBrowser(net, closing, "--enable-logging=stderr", "--v=0",
                            "--vmodule=*basic_port_allocator*=1,*port_allocator*=1,*p2p_transport_channel*=1,"
                                    + "*turn_port*=1,*tcp_port*=1,*peer_connection*=1,*jsep_transport_controller*=1");
            List<Run> relay = new ArrayList<>();
            List<Run> direct = new ArrayList<>();
            List<Run> known = new ArrayList<>();
            List<String> kinds = KNOWN_RELAY == 1 ? List.of("relay", "known", "direct") : List.of("relay", "direct");
            for (int i = -WARMUP; i < RUNS; i++) {
                for (int k = 0; k < kinds.size(); k++) {
                    String kind = kinds.get(Math.floorMod(i + k, kinds.size())); // each kind first in turn
                    boolean relayed = !kind.equals("direct");
                    if (relayed) {
                        net.firewall(port, pagesPort); // only TURN:443, the app and its pages
                    } else {
                        net.noFirewall();
                    }
                    String url = base + "lianxin.html?mode=subscribe&ws=" + enc(wsUrl) + "&hold=" + HOLD_MS
                            + (kind.equals("known") ? "&policy=relay" : "") + (POOL_MS >= 0 ? "&pool=" + POOL_MS : "")
                            + "&token=" + tokens.issue(new JoinGrant(session, ROOM, Role.OFFICIAL,
                                    "official-" + (i + 100) + k, "部门" + (i + 100)));
                    Run r = measure(official, url, kind, i);
                    if (relayed && !r.route().equals("relay/tls")) {
                        throw new IllegalStateException("a relay run went " + r.route() + ", not relay/tls");
                    }
                    if (!relayed && r.route().startsWith("relay")) {
                        throw new IllegalStateException("a direct run went " + r.route());
                    }
                    if (i >= 0) {
                        (kind.equals("relay") ? relay : kind.equals("known") ? known : direct).add(r);
                    }
                    System.out.printf("%-6s %s %3d first frame %7.1f ms (%s) steps %s%n", r.kind(),
                            i < 0 ? "warm-up" : "run    ", i, r.firstFrameMs(), r.route(), r.steps());
                }
            }
            if (!known.isEmpty()) {
                List<Double> kl = known.stream().map(Run::firstFrameMs).toList();
                System.out.printf("known relay (relay-only receiving connection, diagnostic): min %s p50 %s p95 %s max %s"
                        + " ms; ratio to direct %s%n", Stats.ms(Stats.percentile(kl, 0)),
                        Stats.ms(Stats.percentile(kl, 50)), Stats.ms(Stats.percentile(kl, 95)),
                        Stats.ms(Stats.percentile(kl, 100)), String.format(Locale.ROOT, "%.2f",
                                Stats.percentile(kl, 50) / Stats.percentile(direct.stream().map(Run::firstFrameMs)
                                        .toList(), 50)));
            }
            net.noFirewall();
            host.send("{\"type\":\"end\"}");

            List<Double> rl = relay.stream().map(Run::firstFrameMs).toList();
            List<Double> dl = direct.stream().map(Run::firstFrameMs).toList();
            double relayP50 = Stats.percentile(rl, 50), directP50 = Stats.percentile(dl, 50);
            System.out.println("official side: minimal page speaking Lianxin's protocol (bench lianxin.html) in the"
                    + " county namespace's Chromium; petitioner: this host's Chromium, fake camera");
            System.out.printf("relay:  min %s p50 %s p95 %s max %s ms (turns: on 443, county firewall on)%n",
                    Stats.ms(Stats.percentile(rl, 0)), Stats.ms(relayP50), Stats.ms(Stats.percentile(rl, 95)),
                    Stats.ms(Stats.percentile(rl, 100)));
            System.out.printf("direct: min %s p50 %s p95 %s max %s ms (no firewall: straight to Janus)%n",
                    Stats.ms(Stats.percentile(dl, 0)), Stats.ms(directP50), Stats.ms(Stats.percentile(dl, 95)),
                    Stats.ms(Stats.percentile(dl, 100)));
            System.out.printf("BENCH relay n=%d relay_p50_ms=%s direct_p50_ms=%s ratio=%s%n", rl.size(),
                    Stats.ms(relayP50), Stats.ms(directP50), String.format(Locale.ROOT, "%.2f", relayP50 / directP50));
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
     * Chromium in the county (its chromedriver there), pinning the test TURN certificate; {@code more}: further
     * arguments (bench drop's county page publishes the fake camera).
     */
    static RemoteWebDriver countyBrowser(CountyNetwork net, List<AutoCloseable> closing, String... more)
            throws IOException {
        Path profile = Files.createTempDirectory("lianxin-bench-county-chromium-");
        closing.add(0, () -> deleteQuietly(profile));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--autoplay-policy=no-user-gesture-required",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-features=WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints",
                "--ignore-certificate-errors-spki-list=" + net.certificateSpki(), "--user-data-dir=" + profile);
        options.addArguments(more);
        RemoteWebDriver driver = new RemoteWebDriver(net.chromedriver().toURL(), options);
        closing.add(0, driver::quit);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static Run measure(RemoteWebDriver browser, String url, String kind, int index) throws Exception {
        browser.executeScript("window.leave && window.leave()");
        browser.get(url);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Object r = browser.executeScript("return lx.firstFrame === null && lx.errors.length === 0 ? null"
                    + " : {ms: lx.firstFrame, errors: lx.errors, t: lx.t}");
            if (r instanceof Map<?, ?> m) {
                if (m.get("ms") == null) {
                    throw new IllegalStateException(kind + " page failed: " + m.get("errors") + " " + m.get("t"));
                }
                return new Run(kind, index, ((Number) m.get("ms")).doubleValue(), route(browser), (Map<?, ?>) m.get("t"));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(kind + " page: no decoded frame within 30 s: "
                + browser.executeScript("return lx"));
    }

    /** The subscriber connection's selected pair: local candidate type, and the relay protocol when relayed. */
    private static String route(RemoteWebDriver browser) {
        return route(browser, "sub");
    }

    /**
     * The selected pair of the page's peer connection in the global {@code connection} ({@code sub}, {@code pub}):
     * local candidate type, and the relay protocol when relayed.
     */
    static String route(RemoteWebDriver browser, String connection) {
        Object route = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const pc = window.eval(arguments[0]);"
                + "if (typeof pc !== 'object' || !pc) return done('none');"
                + "pc.getStats().then(r => { let out = 'unknown'; r.forEach(x => {"
                + "  if (x.type === 'transport' && x.selectedCandidatePairId) {"
                + "    const p = r.get(x.selectedCandidatePairId); const l = p && r.get(p.localCandidateId);"
                + "    if (l) out = l.candidateType + (l.relayProtocol ? '/' + l.relayProtocol : ''); } });"
                + "  done(out); }, e => done('error ' + e));", connection);
        return String.valueOf(route);
    }

    private static boolean noErrors(RemoteWebDriver b) {
        return BenchPages.noErrors(b.executeScript("return lx.errors"));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }
}
