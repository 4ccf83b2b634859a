package org.lianxin.bench;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.web.LianxinApplication;
import org.openqa.selenium.By;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./lianxin bench admit}: the leader's admit click → the first decoded remote video frame at BOTH ends
 * (the kiosk decodes the leader, the console decodes the petitioner), 20 times ({@code LIANXIN_BENCH_RUNS}), with
 * the petitioner publishing to nobody while it waits in the lobby (issue 10), so that the admission is only
 * subscriptions. Baseline in the same run: the join bench's bare-Janus page start → first frame
 * ({@link JoinBench.RawJanus}, {@link JoinBench#measure}); the runs alternate (admission, bare, bare, admission, …)
 * so that load drifts hit both alike; 2 warm-up runs of each are not counted.
 *
 * <p>Lianxin runs in this JVM on 127.0.0.1 (dev profile, H2 in memory, recording on: the recorder's forwarders
 * start at the admission as in production), Janus in a network namespace ({@link JanusTestHost}). One real booking
 * (the REST API, {@link ReceptionFixture}), checked in. The leader's side is the real console page
 * (/console/index.html, logged in as jinjiang.leader), opened once: it hosts and publishes throughout. The kiosk's
 * side is headless Chromium on the application's origin running the kiosk's own live code (/js/devices.js
 * openDevices, /js/live.js LiveSession, which the terminal page uses) with a fresh join token each run: it joins the
 * lobby, publishes to nobody, and once its publisher has been connected for {@link #LOBBY_SECONDS} (5 s; a real
 * wait is minutes) the leader's console clicks admit; after both ends decoded it leaves, and the next run joins the lobby again (the same booking, IN_SESSION
 * from the first admission on). Times are wall clock in the pages (performance.timeOrigin + performance.now(),
 * same machine): the click in a capturing listener of the console, the first frame by requestVideoFrameCallback on
 * the shown video or getStats framesDecoded > 0 polled every 5 ms, whichever comes first.
 */
public final class AdmitBench {
    static final int RUNS = BenchSettings.integer("LIANXIN_BENCH_RUNS", "lianxin.bench.runs", 20);
    static final int WARMUP = 2;
    /**
     * How long the kiosk waits in the lobby, publishing, before the leader admits ({@code LIANXIN_BENCH_LOBBY_SECONDS}):
     * a petitioner waits for minutes, and by then its browser's bandwidth estimate has ramped up, so the keyframe
     * asked for at the admission goes out at once; right after publishing it is paced out over hundreds of ms.
     */
    static final int LOBBY_SECONDS = BenchSettings.integer("LIANXIN_BENCH_LOBBY_SECONDS", "lianxin.bench.lobby-seconds", 5);

    /**
     * {@code LIANXIN_BENCH_LOBBY_PUBLISH=0}: the kiosk ignores the server's prepareMedia and publishes only once
     * admitted (the flow before issue 10), for comparison; the BENCH line then measures that flow.
     */
    static final boolean LOBBY_PUBLISH = BenchSettings.integer("LIANXIN_BENCH_LOBBY_PUBLISH", "lianxin.bench.lobby-publish",
            1) != 0;

    /**
     * {@code LIANXIN_BENCH_DIAGNOSE=1}: prints each publisher's encoder state at the click, the first frame's size, and
     * what the console's main thread did after the click (its messages and listeners, its busy stretches).
     */
    static final boolean DIAGNOSE = BenchSettings.integer("LIANXIN_BENCH_DIAGNOSE", "lianxin.bench.diagnose", 0) != 0;

    public static void main(String[] args) throws Exception {
        if (!JanusTestHost.available() || !Chromium.available()) {
            System.err.println("bench admit needs root, /usr/bin/janus, ip, chromium and chromedriver");
            System.exit(2);
        }
        int rc = 1;
        try {
            rc = new AdmitBench().run();
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }


    int run() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>();
        List<AdmitReport.Admission> admissions = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> rawDecoded = new ArrayList<>();
        try {
            JanusTestHost janus = JanusTestHost.start();
            closing.add(janus);
            System.out.println("Janus " + janus.wsUrl() + " in namespace " + janus.namespace());

            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getEncoder().encodeToString(secret).substring(0, 20);
            Path data = Files.createTempDirectory("lianxin-bench-admit-");
            List<String> appArgs = new ArrayList<>(List.of(
                    "--spring.profiles.active=dev",
                    "--server.address=127.0.0.1",
                    "--server.port=0",
                    "--lianxin.data-dir=" + data,
                    "--spring.datasource.url=jdbc:h2:mem:bench-admit;DB_CLOSE_DELAY=-1",
                    "--lianxin.demo.password=" + password,
                    "--lianxin.signaling.janus-url=" + janus.wsUrl(),
                    "--lianxin.signaling.janus-admin-key=" + janus.adminKey(),
                    "--lianxin.signaling.token-secret=" + Base64.getEncoder().encodeToString(secret),
                    "--lianxin.recording.rtp-host=" + janus.hostAddress(),
                    "--lianxin.recording.storage.type=local",
                    "--lianxin.recording.storage.local-dir=" + data.resolve("recordings")));
            if (DIAGNOSE) { // the server's side of each admission, in its log: held streams sent, the write's time
                appArgs.add("--logging.level.org.lianxin.signaling.live.HeldStreams=DEBUG");
                appArgs.add("--logging.level.org.lianxin.signaling.live.AdmissionRecording=INFO");
            }
            ConfigurableApplicationContext ctx = new SpringApplication(LianxinApplication.class).run(
                    appArgs.toArray(String[]::new));
            closing.add(0, ctx::close);
            closing.add(0, () -> ctx.getBean(LiveRooms.class).stop(Duration.ofSeconds(5)));
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            String app = "http://127.0.0.1:" + port;
            System.out.println("Lianxin on " + app + " (in-process, dev profile, H2 in memory, recording on)");

            HttpServer pages = BenchPages.serve(List.of("janus.html", "first-frame.js"));
            closing.add(0, () -> pages.stop(0));
            JoinBench.RawJanus bare = JoinBench.RawJanus.start(janus,
                    "http://127.0.0.1:" + pages.getAddress().getPort() + "/", closing);

            ReceptionFixture f = ReceptionFixture.create(app, password, "jinjiang.leader", "jinjiang.scheduler");
            f.checkIn();
            Chromium leader = new Chromium(janus.janusAddress());
            closing.add(0, leader);
            openConsole(leader, app, password, f);
            Chromium kiosk = new Chromium(janus.janusAddress());
            closing.add(0, kiosk);
            kiosk.driver().get(app + "/login.html"); // the application's origin, for its modules
            Chromium official = new Chromium(janus.janusAddress());
            closing.add(0, official);

            for (int i = -WARMUP; i < RUNS; i++) {
                boolean admissionFirst = Math.floorMod(i, 2) == 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == admissionFirst) {
                        AdmitReport.Admission a = admit(i, leader, kiosk, f);
                        System.out.printf(Locale.ROOT, "admit   %s %3d kiosk %7.1f ms (%s) console %7.1f ms (%s) both"
                                        + " %7.1f ms; %s; steps kiosk %s console %s%n", i < 0 ? "warm-up" : "run    ", i,
                                a.kioskMs(), a.kioskBy(), a.consoleMs(), a.consoleBy(), a.bothMs(),
                                a.sameConnections() ? "same receiving connections" : "NEW receiving connection",
                                a.kioskSteps(), a.consoleSteps());
                        if (i >= 0) {
                            admissions.add(a);
                        }
                    } else {
                        JoinBench.Run r = JoinBench.measure(official, bare.subscribeUrl(), "janus", i);
                        Map<?, ?> steps = settledSteps(official, "return lx.t", "decoded", "statsDecoded");
                        System.out.printf(Locale.ROOT, "janus   %s %3d first frame %7.1f ms (%s) steps %s%n",
                                i < 0 ? "warm-up" : "run    ", i, r.firstFrameMs(), r.by(), steps);
                        if (i >= 0) {
                            raw.add(r.firstFrameMs());
                            rawDecoded.add(AdmitReport.decoded(steps, r.firstFrameMs()));
                        }
                    }
                }
            }
            leader.js("window.confirm = () => true");
            leader.driver().findElement(By.id("end")).click();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
        } finally {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("cleanup: " + e);
                }
            }
        }
        return AdmitReport.report(admissions, raw, rawDecoded, RUNS);
    }

    /**
     * The page's steps ({@code script}), once {@code keys} are among them or after 500 ms: a frame callback's decode
     * time comes a little after getStats saw the frame, and the other way round.
     */
    static Map<?, ?> settledSteps(Chromium page, String script, String... keys) throws InterruptedException {
        long until = System.nanoTime() + 500_000_000L;
        Map<?, ?> steps = (Map<?, ?>) page.js(script);
        while (!steps.keySet().containsAll(List.of(keys)) && System.nanoTime() < until) {
            Thread.sleep(20);
            steps = (Map<?, ?>) page.js(script);
        }
        return steps;
    }

    // ------------------------------------------------------------------ the pages

    /** The leader logs in, opens the booking's session in the console and hosts (publishing from the start). */
    private static void openConsole(Chromium leader, String app, String password, ReceptionFixture f) throws Exception {
        leader.driver().get(app + "/login.html");
        leader.driver().findElement(By.id("username")).sendKeys("jinjiang.leader");
        leader.driver().findElement(By.id("password")).sendKeys(password);
        leader.driver().findElement(By.id("login-submit")).click();
        JoinBench.await("the leader is logged in", 30, () -> !leader.driver().getCurrentUrl().contains("login"));
        leader.driver().get(app + "/console/index.html");
        By open = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "'] [data-testid=open-session]");
        JoinBench.await("the console lists the booking", 30, () -> !leader.driver().findElements(open).isEmpty());
        leader.driver().findElement(open).click();
        leader.js("window.confirm = () => true");
        JoinBench.await("the leader hosts and publishes", 30, () -> Boolean.TRUE.equals(leader.js(
                "const s = window.__lianxinLive; return !!(s && s.status === 'inSession' && s.pub"
                        + " && s.pub.connectionState === 'connected')")));
        // the admit click's time, in a capturing listener (before the page's own handler sends the admit)
        leader.js("window.ab = {admitAt: null, frameAt: null, by: null};"
                + "document.addEventListener('click', e => { if (e.target.closest && e.target.closest("
                + "'[data-testid=admit]')) ab.admitAt = performance.timeOrigin + performance.now(); }, true);");
    }

    /** One admission of a kiosk waiting in the lobby; the kiosk leaves afterwards. */
    private static AdmitReport.Admission admit(int index, Chromium leader, Chromium kiosk, ReceptionFixture f)
            throws Exception {
        ReceptionFixture.Ticket ticket = f.joinToken("jinjiang.scheduler");
        JoinBench.await("the console has nobody in the session", 30, () -> Boolean.TRUE.equals(leader.js(
                "const s = window.__lianxinLive; return s.participants.size === 0 && s.streams.size === 0")));
        Object started = kiosk.driver().executeAsyncScript(KIOSK_JOIN, ticket.token(), ticket.wsUrl(), LOBBY_PUBLISH);
        if (!Boolean.TRUE.equals(started)) {
            throw new IllegalStateException("the kiosk did not start: " + started);
        }
        JoinBench.await("the kiosk publishes to nobody from the lobby", 30, () -> {
            Object r = kiosk.js("if (kx.errors.length) return 'errors ' + kx.errors.join('; ');"
                    + "const s = window.kiosk; if (s.status !== 'lobby' || (" + LOBBY_PUBLISH + " && (!s.pub"
                    + " || s.pub.connectionState !== 'connected'))) return false;"
                    + "if (!kx.upAt) kx.upAt = performance.now(); return true;");
            if (r instanceof String error) {
                throw new IllegalStateException("kiosk: " + error);
            }
            return Boolean.TRUE.equals(r);
        });
        JoinBench.await("the kiosk waited in the lobby", LOBBY_SECONDS + 30, () -> Boolean.TRUE.equals(kiosk.js(
                "return window.kiosk.status === 'lobby' && performance.now() - kx.upAt > " + LOBBY_SECONDS * 1000)));
        By admit = By.cssSelector("[data-testid=waiting] [data-testid=admit]");
        JoinBench.await("the console shows the petitioner waiting", 30,
                () -> !leader.driver().findElements(admit).isEmpty());
        leader.js(CONSOLE_WATCH);
        JoinBench.await("the console counted what it received so far", 10,
                () -> Boolean.TRUE.equals(leader.js("return ab.base !== null")));
        // the receiving connections made ahead: the admission is to add streams to these very connections
        leader.js("window.__subBefore = window.__lianxinLive.sub");
        kiosk.js("window.__subBefore = window.kiosk.sub");
        // each end's own publisher (what the other end is to decode): when the keyframe request reaches its browser
        // and when each simulcast layer's keyframe is encoded and sent, counted from now on
        // (diagnostics only: more getStats polls load the pages)
        if (DIAGNOSE) {
            leader.js(PUBLISHER_WATCH, "window.__lianxinLive", "ab");
            leader.js(CONSOLE_DIAGNOSE);
            kiosk.js(PUBLISHER_WATCH, "window.kiosk", "kx");
            JoinBench.await("both publishers counted", 10, () -> Boolean.TRUE.equals(leader.js("return !!ab.pubBase"))
                    && Boolean.TRUE.equals(kiosk.js("return !!kx.pubBase")));
        }
        clickFresh(leader, admit);
        JoinBench.await("both ends decode", 30, () -> {
            Object errors = kiosk.js("return kx.errors.join('; ')");
            if (errors instanceof String s && !s.isEmpty()) {
                throw new IllegalStateException("kiosk: " + s);
            }
            return Boolean.TRUE.equals(kiosk.js("return kx.frameAt !== null"))
                    && Boolean.TRUE.equals(leader.js("return ab.frameAt !== null"));
        });
        String reused = "return window.__subBefore !== null && window.__subBefore === %s.sub";
        boolean sameConnections = Boolean.TRUE.equals(leader.js(String.format(reused, "window.__lianxinLive")))
                && Boolean.TRUE.equals(kiosk.js(String.format(reused, "window.kiosk")));
        Map<?, ?> c = (Map<?, ?>) leader.js("return ab");
        double click = ((Number) c.get("admitAt")).doubleValue();
        String steps = "const o = {}; for (const [k, v] of Object.entries(%s.t)) o[k] = Math.round((v - " + click
                + ") * 10) / 10; return o";
        settledSteps(kiosk, "return kx.t", "decoded", "stats-collected");
        settledSteps(leader, "return ab.t", "decoded", "stats-collected");
        Map<?, ?> k = (Map<?, ?>) kiosk.js("return {frameAt: kx.frameAt, by: kx.by}");
        AdmitReport.Admission a = new AdmitReport.Admission(index, ((Number) k.get("frameAt")).doubleValue() - click,
                ((Number) c.get("frameAt")).doubleValue() - click, (String) k.get("by"), (String) c.get("by"),
                (Map<?, ?>) kiosk.js(String.format(steps, "kx")), (Map<?, ?>) leader.js(String.format(steps, "ab")),
                sameConnections);
        if (DIAGNOSE) {
            System.out.printf(Locale.ROOT, "  click at %.1f (wall clock, ms; %s)%n", click,
                    java.time.Instant.ofEpochMilli((long) click).atZone(java.time.ZoneId.systemDefault()).toLocalTime());
            System.out.println("  publishers at the click: leader " + leader.js("return ab.pubInfo") + "; kiosk "
                    + kiosk.js("return kx.pubInfo"));
            System.out.println("  console messages (type@ms after the click+ms handling; [listener ms]): "
                    + leader.js("return ab.log.join(' ')"));
            System.out.println("  console main thread busy > 15 ms (at:length, ms after the click): "
                    + leader.js("return ab.gaps.join(' ')"));
            System.out.println("  console long animation frames (at:ms (its rendering, of it style and layout; scripts)): "
                    + leader.js("return ab.loaf.join(' | ')"));
            System.out.println("  first decoded: kiosk " + kiosk.js("return kx.firstFrame") + " (frames received "
                    + kiosk.js("return kx.framesAtFirst") + "); console " + leader.js("return ab.firstFrame")
                    + " (frames received " + leader.js("return ab.framesAtFirst") + ")");
        }
        kiosk.js("window.kiosk.leave(); document.querySelectorAll('video').forEach(v => v.remove())");
        return a;
    }

    /**
     * The kiosk's live code on the application's origin: the camera as the kiosk opens it (once), a LiveSession with
     * the join token; the first remote frame (the leader's) timed as on the console.
     */
    private static final String KIOSK_JOIN = """
            const [token, wsUrl, lobbyPublish, done] = arguments;
            (async () => {
              try {
                const live = await import('/js/live.js');
                if (!window.kxStream) window.kxStream = (await (await import('/js/devices.js')).openDevices()).stream;
                window.kx = { frameAt: null, by: null, errors: [], t: {} };
                const mark = k => { if (!(k in kx.t)) kx.t[k] = performance.timeOrigin + performance.now(); };
                const at = how => { if (kx.frameAt === null) { kx.frameAt = performance.timeOrigin + performance.now(); kx.by = how; } };
                // the first report with a decoded frame: when its stats were collected (Chromium caches a report for 50 ms)
                // and when the last packet so far arrived (the keyframe's, while framesReceived is 1)
                const decoded = md => { if (md && md.receiveTime && !('decoded' in kx.t))
                  kx.t.decoded = performance.timeOrigin + md.receiveTime + (md.processingDuration || 0) * 1000; };
                const stamp = x => { kx.t['stats-collected'] = x.timestamp; kx.t['last-rtp-rx'] = x.lastPacketReceivedTimestamp; kx.framesAtFirst = x.framesReceived; };
                const s = new live.LiveSession({ token: token, wsUrl: wsUrl, localStream: window.kxStream });
                s.on('error', e => kx.errors.push(e.code + ' ' + (e.message || '')));
                if (!lobbyPublish) s.onPrepareMedia = () => {}; // the flow before issue 10: publish once admitted
                s.on('stream', e => {
                  const v = document.createElement('video');
                  v.muted = true; v.autoplay = true; v.playsInline = true; v.srcObject = e.stream;
                  document.body.appendChild(v);
                  if (v.requestVideoFrameCallback) v.requestVideoFrameCallback((now, md) => { decoded(md); at('rVFC'); });
                });
                const poll = setInterval(async () => {
                  if ((kx.frameAt !== null && 'stats-collected' in kx.t) || s.finished) return clearInterval(poll);
                  const pc = s.sub;
                  if (!pc) return;
                  if (pc.iceConnectionState === 'connected') mark('ice');
                  if (pc.connectionState === 'connected') mark('dtls');
                  try { (await pc.getStats()).forEach(x => { if (x.type === 'inbound-rtp' && x.kind === 'video') { if (x.packetsReceived > 0) mark('rtp'); if (x.pliCount > 0) mark('pli'); if (x.framesDecoded > 0) { if (!kx.firstFrame) { kx.firstFrame = x.frameWidth + 'x' + x.frameHeight; stamp(x); } at('getStats'); } } }); } catch (e) { /* closed */ }
                }, 5);
                const handle = s.handle.bind(s), send = s.send.bind(s);
                s.handle = m => { if (s.status !== 'lobby' || m.type === 'admitted') mark('got-' + m.type); return handle(m); };
                s.send = m => { if (s.status !== 'lobby') mark('sent-' + m.type); return send(m); };
                window.kiosk = s;
                s.connect();
                done(true);
              } catch (e) { done(String(e && e.stack || e)); }
            })();
            """;

    /** On the console: the first decoded frame of the petitioner's tile, timed from now on. */
    private static final String CONSOLE_WATCH = """
            ab.admitAt = null; ab.frameAt = null; ab.by = null; ab.t = {}; ab.firstFrame = null;
            const mark = k => { if (!(k in ab.t)) ab.t[k] = performance.timeOrigin + performance.now(); };
            const s = window.__lianxinLive;
            if (!s.__timed) {
              s.__timed = true;
              const handle = s.handle.bind(s), send = s.send.bind(s);
              s.handle = m => { if (window.ab.t) window.ab.markIt('got-' + m.type); return handle(m); };
              s.send = m => { if (window.ab.t) window.ab.markIt('sent-' + m.type); return send(m); };
            }
            ab.markIt = mark;
            const at = how => { if (ab.frameAt === null) { ab.frameAt = performance.timeOrigin + performance.now(); ab.by = how; } };
            let hooked = null;
            ab.base = null;
            // the receiving connection is kept from one admission to the next: count only what comes after now
            const counters = async pc => { const c = { rtp: 0, pli: 0, frames: 0 }; if (!pc) return c;
              (await pc.getStats()).forEach(x => { if (x.type === 'inbound-rtp' && x.kind === 'video') {
                c.rtp += x.packetsReceived || 0; c.pli += x.pliCount || 0; c.frames += x.framesDecoded || 0; c.size = x.frameWidth + 'x' + x.frameHeight;
                c.received = (c.received || 0) + (x.framesReceived || 0); c.collected = x.timestamp; c.lastRx = x.lastPacketReceivedTimestamp; } }); return c; };
            counters(s.sub).then(c => { ab.base = { pc: s.sub, c: c }; });
            const poll = setInterval(async () => {
              if (ab.frameAt !== null && 'stats-collected' in ab.t) return clearInterval(poll);
              if (ab.base === null) return;
              const v = document.querySelector('[data-testid=tile][data-role=petitioner] video');
              if (v && v !== hooked && v.requestVideoFrameCallback) { hooked = v; v.requestVideoFrameCallback((now, md) => {
                if (md && md.receiveTime && !('decoded' in ab.t)) ab.t.decoded = performance.timeOrigin + md.receiveTime + (md.processingDuration || 0) * 1000;
                at('rVFC'); }); }
              const pc = window.__lianxinLive && window.__lianxinLive.sub;
              if (!pc) return;
              if (pc.iceConnectionState === 'connected') mark('ice');
              if (pc.connectionState === 'connected') mark('dtls');
              const base = pc === ab.base.pc ? ab.base.c : { rtp: 0, pli: 0, frames: 0 };
              try { const c = await counters(pc); if (c.rtp > base.rtp) mark('rtp'); if (c.pli > base.pli) mark('pli'); if (c.frames > base.frames) { if (!ab.firstFrame) { ab.firstFrame = c.size; ab.t['stats-collected'] = c.collected; ab.t['last-rtp-rx'] = c.lastRx; ab.framesAtFirst = c.received - (base.received || 0); } at('getStats'); } } catch (e) { /* closed */ }
            }, 5);
            """;

    /**
     * On the console, diagnostics only (they load its main thread): each message's arrival and handling time, each
     * listener's time over 3 ms, and the stretches over 15 ms in which a 2 ms timer did not run (the main thread busy:
     * handlers, style, layout, paint), until 800 ms after the click.
     */
    private static final String CONSOLE_DIAGNOSE = """
            const s = window.__lianxinLive;
            ab.log = []; ab.gaps = [];
            const since = () => Math.round(performance.timeOrigin + performance.now() - ab.admitAt);
            if (!s.__diagnosed) {
              s.__diagnosed = true;
              const handle = s.handle.bind(s);
              s.handle = m => { const t0 = performance.now(), at = ab.admitAt ? since() : null; const r = handle(m);
                if (at !== null) ab.log.push(m.type + '@' + at + '+' + Math.round(performance.now() - t0)); return r; };
              for (const [ev, fns] of s.handlers) fns.forEach((fn, i) => { fns[i] = d => { const t0 = performance.now();
                try { return fn(d); } finally { const dt = performance.now() - t0;
                  if (ab.admitAt && dt > 3) ab.log.push('[' + ev + '#' + i + ' ' + Math.round(dt) + ']'); } }; });
            }
            ab.loaf = [];
            if (!window.__loafObserver && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
              window.__loafObserver = new PerformanceObserver(list => { for (const e of list.getEntries()) {
                if (!ab.admitAt || performance.timeOrigin + e.startTime + e.duration < ab.admitAt) continue;
                const end = e.startTime + e.duration;
                ab.loaf.push(Math.round(performance.timeOrigin + e.startTime - ab.admitAt) + ':' + Math.round(e.duration)
                  + ' (render ' + Math.round(e.renderStart ? end - e.renderStart : 0) + ', style+layout '
                  + Math.round(e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0) + '; '
                  + e.scripts.map(x => (x.invoker || x.invokerType) + ' ' + Math.round(x.duration) + (x.forcedStyleAndLayoutDuration ? ' forced ' + Math.round(x.forcedStyleAndLayoutDuration) : '')).join(', ') + ')');
              } });
              window.__loafObserver.observe({ type: 'long-animation-frame' });
            }
            let last = performance.now();
            const lag = setInterval(() => { const n = performance.now();
              if (ab.admitAt && n - last > 15) ab.gaps.push(Math.round(performance.timeOrigin + last - ab.admitAt) + ':' + Math.round(n - last));
              last = n; if (ab.admitAt && since() > 800) clearInterval(lag); }, 2);
            """;

    /**
     * In a page (arguments: the live session's expression, the page's marks object): polls its own publisher's video
     * every 5 ms from now on and marks {@code pub-pli} (a keyframe request reached the browser) and
     * {@code pub-kf-<rid>} (a keyframe of that simulcast layer encoded); {@code pubInfo}
     * is the encoder's state now (fps, size, target bitrate, quality limitation per layer).
     */
    private static final String PUBLISHER_WATCH = """
            const s = eval(arguments[0]), m = window[arguments[1]];
            m.pubBase = null; m.pubInfo = null;
            const read = async () => { const out = {}; if (!s.pub) return out;
              (await s.pub.getStats()).forEach(x => { if (x.type === 'outbound-rtp' && x.kind === 'video') out[x.rid || '-'] = x; });
              return out; };
            read().then(b => {
              m.pubBase = b;
              m.pubInfo = Object.entries(b).map(([r, x]) => r + ':' + x.frameWidth + 'x' + x.frameHeight + '@'
                + x.framesPerSecond + 'fps,' + Math.round((x.targetBitrate || 0) / 1000) + 'kbps,'
                + x.qualityLimitationReason + ',kf' + x.keyFramesEncoded + ',pli' + x.pliCount
                + (x.active === false ? ',inactive' : '')).join(' ');
              const mark = k => { if (m.t && !(k in m.t)) m.t[k] = performance.timeOrigin + performance.now(); };
              const started = performance.now();
              const poll = setInterval(async () => {
                if (performance.now() - started > 3000) return clearInterval(poll);
                try { const now = await read();
                  for (const [r, x] of Object.entries(now)) { const o = b[r] || {};
                    if ((x.pliCount || 0) > (o.pliCount || 0)) mark('pub-pli');
                    if ((x.keyFramesEncoded || 0) > (o.keyFramesEncoded || 0)) mark('pub-kf-' + r);
                  } } catch (e) { /* closed */ }
              }, 5);
            });
            """;

    /**
     * Clicks the element {@code by} finds, finding it again if the page re-rendered it between the find and the
     * click (the console redraws its waiting list whenever a lobby status arrives).
     */
    private static void clickFresh(Chromium page, By by) {
        for (int attempt = 1; ; attempt++) {
            try {
                page.driver().findElement(by).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
