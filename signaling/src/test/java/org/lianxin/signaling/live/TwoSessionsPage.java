package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.protocol.ProtocolCodec;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinTokens;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Our signaling endpoint over live rooms on a local Tomcat, serving the test page {@code two-sessions.html} with the
 * web app's own {@code live.js}, and a headless Chromium on it (two participants in one page, fake camera): what the
 * Janus ITs of live rooms drive.
 */
final class TwoSessionsPage implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Tomcat tomcat;
    private ChromeDriver browser;
    private Path profile;

    static boolean chromiumAvailable() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private final LiveRooms rooms;

    /**
     * Live rooms on {@code media} (started; each room's events added to {@code events}) behind the page's server,
     * on 127.0.0.1 (any free port). {@link #close()} stops them too.
     */
    static TwoSessionsPage over(MediaEngine media, JoinTokens tokens, List<RoomEvent> events) throws Exception {
        ProtocolCodec codec = new ProtocolCodec();
        WebSocketConnections connections = new WebSocketConnections(codec);
        LiveRooms rooms = new LiveRooms(media, tokens, RoomSettings.defaults(), Clock.systemUTC(), connections,
                (room, session, e) -> events.add(e));
        rooms.start();
        return new TwoSessionsPage(rooms, connections, codec);
    }

    /** The live rooms behind the page. */
    LiveRooms rooms() {
        return rooms;
    }

    private TwoSessionsPage(LiveRooms rooms, WebSocketConnections connections, ProtocolCodec codec) throws Exception {
        this.rooms = rooms;
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

    /** The signaling WebSocket's URL. */
    String wsUrl() {
        return "ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + SignalingEndpoint.PATH;
    }

    /** The port of the page's server on 127.0.0.1. */
    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** Opens the page in a fresh headless Chromium. */
    ChromeDriver open() throws IOException {
        return open("http://127.0.0.1:" + port() + "/");
    }

    /** Opens the page from {@code url} (e.g. through a proxy) in a fresh headless Chromium. */
    ChromeDriver open(String url) throws IOException {
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
        browser.get(url);
        return browser;
    }

    /** Starts both sessions on the signaling at {@code wsUrl} (e.g. through a proxy); "started" when both are in. */
    Object startSessions(String wsUrl, String tokenA, String tokenB) {
        return browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " window.startSessions(arguments[0], {a: arguments[1], b: arguments[2]}).then(done, e => done('error: ' + e));",
                wsUrl, tokenA, tokenB);
    }

    /** Runs a page script and returns its value. */
    Object script(String js) {
        return browser.executeScript(js);
    }

    /** Starts both sessions ({@code window.startSessions}); "started" when both are in. */
    Object startSessions(String tokenA, String tokenB) {
        return browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " window.startSessions(arguments[0], {a: arguments[1], b: arguments[2]}).then(done, e => done('error: ' + e));",
                wsUrl(), tokenA, tokenB);
    }

    /** Each participant's report ({@code window.report()}: status, framesDecoded, mediarestart, ...). */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> report() {
        return (Map<String, Map<String, Object>>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.report().then(done, e => done({}));");
    }

    /** The frames {@code who} decoded of the other's video so far. */
    long decoded(String who) {
        Map<String, Object> r = report().get(who);
        return r == null ? 0 : num(r, "framesDecoded");
    }

    static long num(Map<String, Object> r, String key) {
        Object v = r == null ? null : r.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        rooms.stop(Duration.ofSeconds(3));
        tomcat.stop();
        tomcat.destroy();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
