package org.lianxin.bench;

import static org.lianxin.bench.BenchPages.enc;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.CountyNetwork;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.LianxinApplication;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One application with one reception of two pages: the host's and the petitioner's, each publishing and subscribing
 * to the other.
 */
final class DropSession implements AutoCloseable {
    /** One end's recovery after one outage: frames, and the first PLI sent / keyframe decoded (ms, -1: none). */
    record End(double framesMs, double receivedMs, double pliMs, double keyframeMs) {
    }

    final String kind;
    final List<AutoCloseable> closing = new ArrayList<>();
    RemoteWebDriver host;
    RemoteWebDriver petitioner;

    DropSession(String kind) {
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
        SessionRef session = SessionRef.reception(DropBench.ROOM);
        rooms.open(DropBench.ROOM, session);
        host = hostPage;
        String flush = switch (kind) {
            case "keyframe" -> "&noflush=1"; // the fix before 2026-12-04: keyframes only
            case "more" -> "&watch=" + DropBench.MORE_WATCH_MS + "&restarts=" + DropBench.MORE_RESTARTS;
            case "hold" -> "&off=" + DropBench.HOLD_OFF_MS;
            case "replace" -> "&replace=1";
            default -> "";
        };
        host.get(hostBase + "?ws=" + enc(wsUrl) + flush + "&token="
                + enc(tokens.issue(new JoinGrant(session, DropBench.ROOM, Role.HOST, "host-1", "主持人"))));
        await(kind + ": the host publishes", 60, () -> check(host) && truthy(host.executeScript("return lx.answered")));
        petitioner = petitionerPage;
        petitioner.get(petitionerBase + "?ws=" + enc(wsUrl) + flush + "&token="
                + enc(tokens.issue(new JoinGrant(session, DropBench.ROOM, Role.PETITIONER, "petitioner", "来访人"))));
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

    /**
     * The phases of one outage at the page's publishing side and receiving side (ms after the return, -1: none):
     * what its sender did (last video packet and frame encoded before the return, first after; the first PLI that
     * reached it, its first keyframe encoded), what its receiver got (first video packet), and the connections'
     * ICE states, the sender's quality limitation and target bitrate from 3.5 s before to 2 s after; then per 100 ms
     * from 0.3 s before to 2 s after: the video kbit/s its sender sent, the mean time those packets waited in its pacer,
     * the video kbit/s its receiver got, and the video packets its sender sent (of which retransmitted).
     */
    String phases(RemoteWebDriver page, long t) {
        return String.format(Locale.ROOT, "sent last %5.0f first %5.0f (audio %5.0f); encoded last %5.0f first %5.0f;"
                        + " PLI in %5.0f; keyframe encoded %5.0f; packet received %5.0f; flushed %5.0f (%s times);"
                        + " ICE restarts so far %s; [%s]%n      per 100 ms, kbit/s sent (of which"
                        + " retransmitted)/pacer delay ms/kbit/s received/packets sent (retransmitted): %s",
                before(page, "sent", t), after(page, "sent", t), after(page, "audioSent", t),
                before(page, "encoded", t), after(page, "encoded", t), after(page, "pliIn", t),
                after(page, "keyEncoded", t), after(page, "packets", t), after(page, "flush", t),
                page.executeScript("return lx.grew.flush.filter(x => x > arguments[0]).length", t),
                page.executeScript("return lxMedia.restarts"),
                page.executeScript("return lxBetween(arguments[0], arguments[1], arguments[2])", t,
                        t - TimeUnit.SECONDS.toMillis(DropBench.DROP_SECONDS) - 500, t + 2000),
                page.executeScript("return lxRates(arguments[0], -300, 2000, 100)", t));
    }

    private static double before(RemoteWebDriver page, String what, long t) {
        Object v = page.executeScript("return lxLastBefore(arguments[0], arguments[1])", what, t);
        return v instanceof Number n ? n.doubleValue() - t : Double.NaN;
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

    private static boolean check(RemoteWebDriver b) {
        return BenchPages.noErrors(b.executeScript("return lx.errors"));
    }

    private static boolean truthy(Object o) {
        return Boolean.TRUE.equals(o);
    }

    /** {@link BenchPages#await}, asking every 20 ms (DropBench's waits). */
    static void await(String what, int seconds, BooleanSupplier until) throws InterruptedException {
        BenchPages.await(what, seconds, 20, until);
    }
}
