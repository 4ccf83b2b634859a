package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.testing.CounterWaits;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.testing.RtpSink;
import org.lianxin.signaling.protocol.ProtocolCodec;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.signaling.media.ForwardTarget;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole live path against a real Janus: headless Chromium running the web app's own
 * {@code live.js} (two participants in one page) over our signaling WebSocket endpoint, LiveRooms,
 * the Janus adapter and Janus in its network namespace. Recording's forwarders deliver RTP to a UDP
 * socket on the veth; then Janus is stopped for several seconds and started again, and both
 * participants publish and receive each other again on the same signaling connections.
 */
class LiveRoomsJanusIT {

    private static final Logger log = LoggerFactory.getLogger(LiveRoomsJanusIT.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ROOM = "booking-restart";
    private static final SessionRef SESSION = SessionRef.reception("31");
    /** How long Janus stays down. */
    private static final Duration DOWN = Duration.ofSeconds(6);

    private JanusTestHost janus;
    private JanusMediaEngine engine;
    private LiveRooms rooms;
    private Tomcat tomcat;
    private ChromeDriver browser;
    private Path profile;
    private final JoinTokens tokens = new JoinTokens(
            "it-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    private final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    private final List<RtpSink> sinks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        boolean chromium = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!chromium && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT: chromium missing");
        }
        assumeTrue(chromium, "needs chromium and chromedriver");
        janus = JanusTestHost.start();
        engine = new JanusMediaEngine(janus.settings());
        engine.start().get(15, TimeUnit.SECONDS);
        ProtocolCodec codec = new ProtocolCodec();
        WebSocketConnections connections = new WebSocketConnections(codec);
        rooms = new LiveRooms(engine, tokens, RoomSettings.defaults(), Clock.systemUTC(), connections,
                (room, session, e) -> events.add(e));
        rooms.start();
        rooms.open(ROOM, SESSION);
        startServer(connections, codec);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (rooms != null) {
            rooms.stop(Duration.ofSeconds(3));
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        sinks.forEach(RtpSink::close);
        if (engine != null) {
            engine.close();
        }
        if (janus != null) {
            janus.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void forwardersDeliverRtpAndAfterAJanusRestartBothPublishAndReceiveAgainOnTheSameConnections() throws Exception {
        openPage();
        String wsUrl = "ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + SignalingEndpoint.PATH;
        assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " window.startSessions(arguments[0], {a: arguments[1], b: arguments[2]}).then(done, e => done('error: ' + e));",
                wsUrl, token(Role.HOST, "a"), token(Role.OFFICIAL, "b"))).isEqualTo("started");

        await().atMost(30, TimeUnit.SECONDS).until(() -> decoded("a") > 10 && decoded("b") > 10);
        assertThat(startedCount("a")).isEqualTo(1);
        assertThat(startedCount("b")).isEqualTo(1);

        // recording: forward a's feed to sockets on our end of the veth
        RtpSink audio = sink();
        RtpSink video = sink();
        List<Forwarder> forwarders = rooms.forward(ROOM, "a", recorder(janus.hostAddress(), audio.port(), video.port()))
                .get(10, TimeUnit.SECONDS);
        assertThat(forwarders).hasSize(2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audio.packets() > 20 && video.packets() > 20);
        assertThat(audio.payloadTypes()).containsExactly(111);
        assertThat(video.payloadTypes()).containsExactly(96);
        rooms.requestKeyframe(ROOM, "a").get(10, TimeUnit.SECONDS);
        rooms.requestKeyframe(ROOM, "b").get(10, TimeUnit.SECONDS);
        try {
            rooms.requestKeyframe(ROOM, "nobody").get(10, TimeUnit.SECONDS);
            throw new AssertionError("a keyframe for nobody");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(MediaException.in(e).orElseThrow().code()).isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        }

        // Janus goes down for several seconds
        janus.stopJanus();
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.MediaNodeLost));
        // down for several seconds: until the adapter has seen the node unreachable for 6 s
        await().atMost(30, TimeUnit.SECONDS).until(() -> !engine.health().reachable()
                && Duration.between(engine.health().since(), java.time.Instant.now()).compareTo(DOWN) >= 0);
        assertThat(rooms.isOpen(ROOM)).isTrue();
        assertThat(events).noneMatch(e -> e instanceof RoomEvent.MediaNodeRestored);
        long audioWhileDown = audio.packets();

        long back = System.nanoTime();
        janus.startJanus();
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.MediaNodeRestored));
        long restoredMs = (System.nanoTime() - back) / 1_000_000;
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            Map<String, Map<String, Object>> r = report();
            return num(r.get("a"), "mediarestart") >= 1 && num(r.get("b"), "mediarestart") >= 1
                    && num(r.get("a"), "framesDecoded") > 10 && num(r.get("b"), "framesDecoded") > 10;
        });
        long flowingMs = (System.nanoTime() - back) / 1_000_000;
        log.info("Janus back -> room restored {} ms, both decoding each other again {} ms", restoredMs, flowingMs);
        await().atMost(5, TimeUnit.SECONDS).until(() -> startedCount("a") == 2 && startedCount("b") == 2);

        Map<String, Map<String, Object>> r = report();
        for (String who : List.of("a", "b")) {
            assertThat(r.get(who).get("status")).as(who).isEqualTo("inSession");
            assertThat((String) r.get(who).get("statuses")).as(who + ": the signaling connection stayed")
                    .doesNotContain("reconnecting");
            assertThat(num(r.get(who), "mediarestart")).as(who).isEqualTo(1);
        }
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.PublishingStopped).hasSize(2);

        // the recording goes on: forward again (the recorder does this on PublishingStarted)
        assertThat(audio.packets()).as("nothing forwarded on a dead node").isLessThan(audioWhileDown + 5);
        RtpSink audio2 = sink();
        RtpSink video2 = sink();
        rooms.forward(ROOM, "a", recorder(janus.hostAddress(), audio2.port(), video2.port())).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audio2.packets() > 20 && video2.packets() > 20);
        rooms.stopForward(ROOM, "a").get(10, TimeUnit.SECONDS);
        // what was on its way has arrived; then, for a second (a measurement, not a wait), nothing more
        CounterWaits.awaitUnchangedFor("forwarded packets", () -> audio2.packets() + video2.packets(),
                Duration.ofMillis(500), Duration.ofSeconds(10));
        long stopped = audio2.packets() + video2.packets();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(audio2.packets() + video2.packets()).as("after stopForward")
                        .isEqualTo(stopped));
    }

    // ------------------------------------------------------------------ helpers

    private String token(Role role, String id) {
        return tokens.issue(new JoinGrant(SESSION, ROOM, role, id, "name of " + id));
    }

    private long startedCount(String id) {
        return events.stream().filter(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals(id))
                .count();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> report() {
        return (Map<String, Map<String, Object>>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.report().then(done, e => done({}));");
    }

    private long decoded(String who) {
        Map<String, Object> r = report().get(who);
        return r == null ? 0 : num(r, "framesDecoded");
    }

    private static long num(Map<String, Object> r, String key) {
        Object v = r == null ? null : r.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private void startServer(WebSocketConnections connections, ProtocolCodec codec) throws Exception {
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("two-sessions.html")) {
            page = in.readAllBytes();
        }
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        Path scripts = Path.of(base).resolve("../web/src/main/resources/static/js").normalize();
        assertThat(scripts.resolve("live.js")).as("the web app's live.js").isRegularFile();
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("lianxin-signaling-it").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "static", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                // live.js and the modules it imports, from the web app's /js/
                String uri = req.getRequestURI();
                boolean js = uri.matches("/js/[a-z0-9-]+\\.js") && Files.isRegularFile(scripts.resolve(uri.substring(4)));
                resp.setContentType(js ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8");
                resp.getOutputStream().write(js ? Files.readAllBytes(scripts.resolve(uri.substring(4))) : page);
            }
        });
        ctx.addServletMappingDecoded("/", "static");
        ctx.addServletContainerInitializer(new WsSci(), null);
        ctx.addServletContainerInitializer((classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(SignalingEndpoint.config(rooms, connections, codec, Duration.ofSeconds(60)));
            } catch (jakarta.websocket.DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }, null);
        tomcat.start();
    }

    private void openPage() throws IOException {
        profile = Files.createTempDirectory("lianxin-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-features=WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        browser.get("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
    }

    private RtpSink sink() throws SocketException {
        RtpSink s = new RtpSink(janus.hostAddress());
        sinks.add(s);
        return s;
    }

    /** The recorder's side of a forward: Opus on payload type 111, VP8 on 96 (what the tests' receivers expect). */
    private static ForwardTarget recorder(String host, int audioPort, int videoPort) {
        return new ForwardTarget(host, audioPort, 111, videoPort, 96);
    }
}
