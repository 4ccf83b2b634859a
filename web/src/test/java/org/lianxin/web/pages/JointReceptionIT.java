package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.testing.JanusTestHost;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A joint reception (联合接访) through the real pages, our /ws/signaling endpoint and a real Janus (in a network
 * namespace, see {@link JanusTestHost}), with three headless Chromiums: the petitioner at the terminal kiosk (county
 * staff check in with the case's ID number), the leader hosting from the console, and an invited department
 * official (成都市住建局, cd.housing) in the console. Everything about media is asserted from {@code getStats} of the
 * pages' own peer connections, per sender: before admission the petitioner receives and sends nothing; after it each
 * page decodes the other two's video and receives their audio; the host's server-side mute stops that stream at both
 * receivers while the others go on, and unmute brings it back; removing the official ends the official's media
 * everywhere; killing the kiosk's WebSocket resumes the place with the same token (no new admission); end completes
 * the booking.
 */
class JointReceptionIT extends LiveApp {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The span over which a stream must not move to count as stopped, and others must move to count as going on. */
    private static final Duration WINDOW = Duration.ofMillis(1500);
    private static final String PETITIONER = "petitioner";

    /**
     * Injected before every page's own scripts: records every RTCPeerConnection the page makes (so that "nothing
     * sent, nothing received" covers all of them, not only the live session's current two) and asks the fake
     * camera for 320x240 at 15 fps (three browsers on two cores).
     */
    private static final String INIT_SCRIPT = """
            (() => {
              const pcs = window.__jrPcs = [];
              const Orig = window.RTCPeerConnection;
              if (Orig) {
                const Recorded = function (...args) { const pc = new Orig(...args); pcs.push(pc); return pc; };
                Recorded.prototype = Orig.prototype;
                Object.setPrototypeOf(Recorded, Orig);
                window.RTCPeerConnection = Recorded;
              }
              const md = navigator.mediaDevices;
              if (md && md.getUserMedia) {
                const gum = md.getUserMedia.bind(md);
                md.getUserMedia = (c) => gum(c && c.video
                    ? Object.assign({}, c, { video: { width: 320, height: 240, frameRate: 15 } }) : c);
              }
            })();
            """;

    /**
     * Per sender, from the live session's subscriber connection: video frames decoded and bytes, audio bytes and
     * samples; plus the subscription's identity (a new one starts its counters again) and what the page sends.
     */
    private static final String STATS_SCRIPT = """
            const done = arguments[arguments.length - 1];
            const s = window.__lianxinLive;
            if (!s) { done(null); return; }
            (async () => {
              const out = { status: s.status, sub: null, pub: null, bytesSent: 0, in: {} };
              if (s.sub) {
                const pc = s.sub;
                if (!pc.__jrId) pc.__jrId = Math.random().toString(36).slice(2);
                out.sub = pc.__jrId;
                const midOfTrack = new Map();
                for (const t of pc.getTransceivers()) if (t.receiver && t.receiver.track) midOfTrack.set(t.receiver.track.id, t.mid);
                const owners = new Map(s.midOwner);
                const report = await pc.getStats();
                report.forEach(x => {
                  if (x.type !== 'inbound-rtp') return;
                  const mid = x.mid != null ? x.mid : midOfTrack.get(x.trackIdentifier);
                  const owner = owners.get(String(mid)) || ('mid-' + mid);
                  const o = out.in[owner] = out.in[owner] || { frames: 0, videoBytes: 0, audioBytes: 0, samples: 0 };
                  if (x.kind === 'video') { o.frames += x.framesDecoded || 0; o.videoBytes += x.bytesReceived || 0; }
                  if (x.kind === 'audio') { o.audioBytes += x.bytesReceived || 0; o.samples += x.totalSamplesReceived || 0; }
                });
              }
              if (s.pub) {
                if (!s.pub.__jrId) s.pub.__jrId = Math.random().toString(36).slice(2);
                out.pub = s.pub.__jrId;
                (await s.pub.getStats()).forEach(x => { if (x.type === 'outbound-rtp') out.bytesSent += x.bytesSent || 0; });
              }
              done(out);
            })().catch(e => done({ error: String(e) }));
            """;

    /** Every peer connection the page ever made: bytes in and out, and whether it is closed. */
    private static final String ALL_PEERS_SCRIPT = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const out = { peers: 0, open: 0, bytesReceived: 0, bytesSent: 0, framesDecoded: 0, samples: 0 };
              for (const pc of window.__jrPcs || []) {
                out.peers++;
                if (pc.signalingState !== 'closed') {
                  out.open++;
                  (await pc.getStats()).forEach(x => {
                    if (x.type === 'inbound-rtp') {
                      out.bytesReceived += x.bytesReceived || 0;
                      out.framesDecoded += x.framesDecoded || 0;
                      out.samples += x.totalSamplesReceived || 0;
                    }
                    if (x.type === 'outbound-rtp') out.bytesSent += x.bytesSent || 0;
                  });
                }
              }
              done(out);
            })().catch(e => done({ error: String(e) }));
            """;

    @Test
    void petitionerLeaderAndDepartmentOfficialSeeAndHearEachOtherThroughMuteRemovalAndAReconnect() {
        started = System.nanoTime();
        try (Browsers browsers = Browsers.startInBackground(3)) {
            LiveFixture f = LiveFixture.createForDemoLeaderWithHousing(baseUrl(), PASSWORD, "jinjiang.leader");
            assertThat(f.inviteeName()).isNotBlank();
            step("booking made");
            Page leader = new Page(browsers.get(0), "leader");
            Page kiosk = new Page(browsers.get(1), "kiosk");
            Page official = new Page(browsers.get(2), "official");
            step("three browsers started");
            try {
                inParallel(() -> leader.logIn("jinjiang.leader"), () -> kiosk.logIn("jinjiang.scheduler"),
                        () -> official.logIn(f.inviteeUsername()));
                step("three logged in");

                // the leader opens today's session in the console and hosts
                leader.openSessionInConsole(f.code());
                String leaderId = leader.youId();
                step("leader hosts");

                // county staff at the kiosk: booking code, the case's ID number, self-test, notice, join → lobby
                kiosk.open("/terminal/index.html");
                kiosk.type("code", f.code());
                kiosk.waitForPanel("identity");
                kiosk.type("id-number", f.idNumber());
                kiosk.waitForPanel("devices");
                kiosk.click("devices-next");
                kiosk.waitForPanel("notice");
                kiosk.click("notice-ack");
                kiosk.click("join");
                kiosk.waitForPanel("live");
                kiosk.wait.until(d -> kiosk.text("live-status").equals("等待接访"));
                assertThat(kiosk.youId()).isEqualTo(PETITIONER);
                step("petitioner in the lobby");

                // the invited department official opens the same session from the console (no lobby for officials)
                official.openSessionInConsole(f.code());
                String officialId = official.youId();
                step("official joined");
                assertThat(officialId).isNotEqualTo(leaderId);
                By waiting = By.cssSelector("[data-testid=waiting]");
                leader.wait.until(d -> d.findElement(waiting).getText().contains("信访人"));

                // leader and official see and hear each other while the petitioner waits
                receiving(Map.of(leader, List.of(officialId), official, List.of(leaderId)));
                step("leader and official receive each other");

                // before admission: the petitioner receives nothing on any peer connection (measured after the two
                // officials' media has flowed for a while); it publishes to nobody (issue 10: its camera already
                // reaches the media server, so that the admission is only subscriptions) and nobody receives from it
                kiosk.wait.until(d -> ((Number) kiosk.allPeers().get("bytesSent")).longValue() > 0);
                Map<String, Object> lobbyPeers = kiosk.allPeers();
                assertThat(lobbyPeers).as("kiosk peer connections in the lobby")
                        .containsEntry("bytesReceived", 0L).containsEntry("framesDecoded", 0L)
                        .containsEntry("samples", 0L);
                Snapshot lobbyStats = kiosk.snapshot();
                // its receiving connection is made ahead (instant admission) and carries nothing of anyone
                assertThat(lobbyStats.sub()).as("kiosk receiving connection in the lobby, made ahead").isNotNull();
                assertThat(lobbyStats.pub()).as("kiosk publisher in the lobby (to nobody)").isNotNull();
                assertThat(lobbyStats.in()).isEmpty();
                assertThat(leader.snapshot().in()).as("leader receives from").doesNotContainKey(PETITIONER);
                assertThat(official.snapshot().in()).as("official receives from").doesNotContainKey(PETITIONER);
                assertThat(kiosk.number("document.getElementById('remote-video').readyState")).isZero();
                assertThat(LiveFixture.state(baseUrl(), PASSWORD, f.bookingId())).isEqualTo("CHECKED_IN");

                // the leader admits: each decodes the other two's video and receives their audio
                leader.clickIn(waiting, "admit");
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                receiving(Map.of(kiosk, List.of(leaderId, officialId), leader, List.of(PETITIONER, officialId),
                        official, List.of(PETITIONER, leaderId)));
                step("admitted: all three receive the other two");
                assertThat(kiosk.snapshot().sub()).as("the admission renegotiated the receiving connection made ahead")
                        .isEqualTo(lobbyStats.sub());
                assertThat(kiosk.text("remote-name")).contains(f.leaderName());
                assertThat(LiveFixture.state(baseUrl(), PASSWORD, f.bookingId())).isEqualTo("IN_SESSION");
                leader.screenshotQuietly("joint-console-leader.png", null);
                official.screenshotQuietly("joint-console-official.png", null);
                kiosk.screenshotQuietly("joint-kiosk.png", null);

                // the host mutes the petitioner's sound: it stops at both receivers, its picture and the others go on
                By petitionerTile = By.cssSelector("[data-testid=tile][data-role=petitioner]");
                leader.clickIn(petitionerTile, "mute-audio");
                leader.wait.until(d -> d.findElement(petitionerTile).getText().contains("已静音"));
                kiosk.wait.until(d -> kiosk.text("live-detail").equals("您的声音已被主持人暂停"));
                stopped(new Check(leader, Flow.audio(PETITIONER), List.of(Flow.video(PETITIONER),
                                Flow.audio(officialId), Flow.video(officialId))),
                        new Check(official, Flow.audio(PETITIONER), List.of(Flow.video(PETITIONER),
                                Flow.audio(leaderId), Flow.video(leaderId))));
                step("petitioner's audio stopped at both receivers");

                // … and the petitioner's picture: it stops too, the officials' media goes on
                leader.clickIn(petitionerTile, "mute-video");
                kiosk.wait.until(d -> kiosk.text("live-detail").contains("您的画面已被主持人暂停"));
                stopped(new Check(leader, Flow.video(PETITIONER), List.of(Flow.audio(officialId),
                                Flow.video(officialId))),
                        new Check(official, Flow.video(PETITIONER), List.of(Flow.audio(leaderId),
                                Flow.video(leaderId))),
                        new Check(kiosk, null, List.of(Flow.audio(leaderId), Flow.video(leaderId),
                                Flow.audio(officialId), Flow.video(officialId))));
                step("petitioner's video stopped at both receivers");

                // unmute both: the petitioner's sound and picture come back at both receivers; the kiosk draws its
                // page again for it, and keeps the official's tile (a new video element would start the picture again)
                kiosk.js("window.__officialVideo = document.querySelector('#others video')");
                leader.clickIn(petitionerTile, "mute-audio");
                leader.clickIn(petitionerTile, "mute-video");
                kiosk.wait.until(d -> kiosk.text("live-detail").isEmpty());
                assertThat(kiosk.js("const v = document.querySelector('#others video');"
                        + " return v !== null && v === window.__officialVideo"))
                        .as("the official's video element kept while the kiosk's page is drawn again").isEqualTo(true);
                receiving(Map.of(leader, List.of(PETITIONER, officialId), official, List.of(PETITIONER, leaderId)));
                step("unmuted: petitioner's audio and video back at both receivers");

                // the host removes the department official: the official's page says so and its media ends
                By officialTile = By.cssSelector("[data-testid=tile][data-participant-id='" + officialId + "']");
                leader.js("window.confirm = () => true");
                leader.clickIn(officialTile, "remove");
                official.wait.until(d -> official.text("conn-status").equals("您已被移出本次接访"));
                leader.wait.until(ExpectedConditions.invisibilityOfElementLocated(officialTile));
                official.wait.until(d -> ((Number) official.allPeers().get("open")).longValue() == 0);
                leader.waitNotReceiving(officialId);
                kiosk.waitNotReceiving(officialId);
                kiosk.wait.until(d -> kiosk.js("return document.querySelectorAll('#others video').length")
                        .equals(0L));
                receiving(Map.of(leader, List.of(PETITIONER), kiosk, List.of(leaderId)));
                step("official removed");

                // the kiosk's WebSocket is killed: it reconnects with the same token and resumes its place (no
                // lobby, no new admission), the booking stays in session and the media flows again both ways
                kiosk.js("""
                        const s = window.__lianxinLive;
                        window.__jrReconnect = { statuses: [], joined: [], token: s.token };
                        s.on('status', e => window.__jrReconnect.statuses.push(e.status));
                        s.on('joined', e => window.__jrReconnect.joined.push(!!e.resumed));
                        s.ws.close();""");
                kiosk.wait.until(d -> ((List<?>) kiosk.js("return window.__jrReconnect.joined")).size() == 1);
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                assertThat(kiosk.js("return window.__jrReconnect.joined")).as("joined again, resumed")
                        .isEqualTo(List.of(true));
                @SuppressWarnings("unchecked")
                List<String> statuses = (List<String>) kiosk.js("return window.__jrReconnect.statuses");
                assertThat(statuses).contains("reconnecting", "inSession").doesNotContain("lobby", "failed");
                assertThat(kiosk.js("return window.__lianxinLive.token === window.__jrReconnect.token"))
                        .isEqualTo(true);
                assertThat(leader.driver().findElements(waiting)).as("nobody waits for admission").isEmpty();
                assertThat(LiveFixture.state(baseUrl(), PASSWORD, f.bookingId())).isEqualTo("IN_SESSION");
                receiving(Map.of(leader, List.of(PETITIONER), kiosk, List.of(leaderId)));
                step("kiosk reconnected and resumed");
                assertThat(kiosk.snapshot().in()).doesNotContainKey(officialId);

                // the host ends: the booking is completed and the kiosk asks for the evaluation
                leader.click("end");
                leader.wait.until(d -> leader.text("conn-status").equals("接访已结束"));
                kiosk.waitForPanel("evaluate");
                leader.wait.until(d -> LiveFixture.state(baseUrl(), PASSWORD, f.bookingId()).equals("COMPLETED"));
                step("ended");
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-joint-kiosk.png", e);
                leader.screenshotQuietly("failure-joint-leader.png", e);
                official.screenshotQuietly("failure-joint-official.png", e);
                throw e;
            }
        }
    }

    private long started;

    private void step(String what) {
        System.out.printf("JointReceptionIT %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    /**
     * What one page must see between two polls of the same subscription: {@code stopped} (if not null) does not
     * move at all, each of {@code growing} does (audio also with samples played).
     */
    private record Check(Page page, Flow stopped, List<Flow> growing) {
        boolean holds(Snapshot before, Snapshot now) {
            if (now.sub() == null || !now.sub().equals(before.sub())) return false;
            if (stopped != null && (stopped.counter(now) < 0 || stopped.counter(now) != stopped.counter(before))) {
                return false;
            }
            for (Flow g : growing) {
                if (g.counter(before) < 0 || g.counter(now) <= g.counter(before)) return false;
                if (!g.video() && now.in().get(g.participantId()).samples() <= 0) return false;
            }
            return true;
        }
    }

    /** Waits until each page decodes more video frames from each of its senders and receives more of their audio. */
    private void receiving(Map<Page, List<String>> senders) {
        List<Check> checks = new ArrayList<>();
        senders.forEach((page, ids) -> checks.add(new Check(page, null,
                ids.stream().flatMap(id -> Stream.of(Flow.video(id), Flow.audio(id))).toList())));
        await("receiving", Duration.ofMillis(600), 1, checks);
    }

    /** Waits for two 1-second windows in a row in which every check holds (its stopped stream did not move). */
    private void stopped(Check... checks) {
        await("stopped", Duration.ofSeconds(1), 2, List.of(checks));
    }

    private void await(String what, Duration poll, int inARow, List<Check> checks) {
        Map<Check, Snapshot> last = new LinkedHashMap<>();
        int[] run = {0};
        WebDriverWait w = new WebDriverWait(checks.get(0).page().driver(), TIMEOUT, poll);
        w.withMessage(() -> what + " " + checks + "; last " + last);
        // a starved browser may not answer getStats in time: that look counts as "not yet", the wait goes on
        w.ignoring(ScriptTimeoutException.class);
        w.until(d -> {
            boolean all = true;
            for (Check c : checks) {
                Snapshot now = c.page().snapshot();
                Snapshot before = last.put(c, now);
                if (before == null) {
                    all = false; // the first look: nothing to compare with yet
                } else {
                    all &= c.holds(before, now);
                }
            }
            run[0] = all ? run[0] + 1 : 0;
            return run[0] >= inARow;
        });
    }

    /** A thread of its own per task (the common pool may have a single thread on two cores). */
    private static final Executor OWN_THREAD = r -> {
        Thread t = new Thread(r, "joint-reception");
        t.setDaemon(true);
        t.start();
    };

    /** Runs the actions at once in their own threads (one per browser) and waits for all; rethrows a failure. */
    private static void inParallel(Runnable... actions) {
        List<CompletableFuture<Void>> all = Stream.of(actions)
                .map(a -> CompletableFuture.runAsync(a, OWN_THREAD)).toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /** Browsers with fake media started in the background; closing waits for each start and closes them all. */
    private static final class Browsers implements AutoCloseable {
        private final List<CompletableFuture<ChromiumBrowser>> starting = new ArrayList<>();

        static Browsers startInBackground(int n) {
            Browsers b = new Browsers();
            for (int i = 0; i < n; i++) {
                b.starting.add(CompletableFuture.supplyAsync(() -> ChromiumBrowser.startWithFakeMedia("zh-CN"),
                        OWN_THREAD));
            }
            return b;
        }

        ChromiumBrowser get(int i) {
            try {
                return starting.get(i).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw e;
            }
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            for (CompletableFuture<ChromiumBrowser> f : starting) {
                try {
                    f.join().close();
                } catch (RuntimeException e) { // a browser that did not start has nothing to close
                    if (failure == null) failure = e; else failure.addSuppressed(e);
                }
            }
            if (failure != null && !(failure instanceof CompletionException)) throw failure;
        }
    }

    /** One sender's audio or video. */
    private record Flow(String participantId, boolean video) {
        static Flow audio(String participantId) {
            return new Flow(participantId, false);
        }

        static Flow video(String participantId) {
            return new Flow(participantId, true);
        }

        /** Frames decoded (video) or bytes received (audio) from this sender; -1 when not subscribed to it. */
        long counter(Snapshot s) {
            Received r = s.in().get(participantId);
            if (r == null) return -1;
            return video ? r.frames() : r.audioBytes();
        }

        @Override
        public String toString() {
            return participantId + (video ? " video" : " audio");
        }
    }

    private record Received(long frames, long videoBytes, long audioBytes, long samples) {
    }

    /** The live session's counters at one moment: subscription and publisher identity, per-sender reception. */
    private record Snapshot(String status, String sub, String pub, long bytesSent, Map<String, Received> in) {
        @SuppressWarnings("unchecked")
        static Snapshot of(Object raw) {
            if (!(raw instanceof Map<?, ?> m)) return new Snapshot(null, null, null, 0, Map.of());
            if (m.get("error") != null) throw new IllegalStateException("getStats failed: " + m.get("error"));
            Map<String, Received> in = new LinkedHashMap<>();
            ((Map<String, Map<String, Object>>) m.get("in")).forEach((owner, r) -> in.put(owner,
                    new Received(num(r.get("frames")), num(r.get("videoBytes")), num(r.get("audioBytes")),
                            num(r.get("samples")))));
            return new Snapshot((String) m.get("status"), (String) m.get("sub"), (String) m.get("pub"),
                    num(m.get("bytesSent")), in);
        }

        private static long num(Object o) {
            return o instanceof Number n ? n.longValue() : 0;
        }
    }

    /** One browser's page, with explicit waits (no sleeps). */
    private final class Page {
        final ChromiumBrowser browser;
        final String name;
        final WebDriverWait wait;

        Page(ChromiumBrowser browser, String name) {
            this.browser = browser;
            this.name = name;
            this.wait = browser.waiting(TIMEOUT);
            this.wait.ignoring(StaleElementReferenceException.class);
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
            browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", INIT_SCRIPT));
        }

        @Override
        public String toString() {
            return name;
        }

        org.openqa.selenium.chrome.ChromeDriver driver() {
            return browser.driver();
        }

        /** Logs in at /login (wherever the login then lands: leaders on the console, staff on the booking page). */
        void logIn(String username) {
            new BookingPage(driver(), baseUrl()).submitLogin(username, PASSWORD);
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
        }

        void open(String path) {
            driver().get(baseUrl() + path);
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        }

        /** Opens the console and the booking's session, and waits until connected. */
        void openSessionInConsole(String code) {
            open("/console/index.html");
            By row = By.cssSelector("[data-testid=session-row][data-code='" + code + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                    .findElement(By.cssSelector("[data-testid=open-session]")).click();
            js("window.confirm = () => true");
            wait.until(d -> text("conn-status").equals("已连接"));
        }

        String youId() {
            wait.until(d -> js("return window.__lianxinLive && window.__lianxinLive.you "
                    + "&& window.__lianxinLive.you.id") != null);
            return (String) js("return window.__lianxinLive.you.id");
        }

        void waitForPanel(String step) {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-step", step));
        }

        String text(String id) {
            return driver().findElement(By.id(id)).getText();
        }

        void click(String id) {
            wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        }

        void type(String id, String value) {
            WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
            box.clear();
            box.sendKeys(value, Keys.ENTER);
        }

        void clickIn(By within, String testId) {
            wait.until(d -> {
                d.findElement(within).findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
                return true;
            });
        }

        Object js(String script) {
            return ((JavascriptExecutor) driver()).executeScript(script);
        }

        double number(String expression) {
            Object n = js("const v = " + expression + "; return typeof v === 'number' ? v : 0");
            return ((Number) n).doubleValue();
        }

        Snapshot snapshot() {
            return Snapshot.of(((JavascriptExecutor) driver()).executeAsyncScript(STATS_SCRIPT));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> allPeers() {
            Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) driver())
                    .executeAsyncScript(ALL_PEERS_SCRIPT);
            if (m.get("error") != null) throw new IllegalStateException("getStats failed: " + m.get("error"));
            return m;
        }

        /** Waits until the page's subscription no longer carries anything from {@code sender}. */
        void waitNotReceiving(String sender) {
            Snapshot[] last = {null};
            WebDriverWait w = browser.waiting(TIMEOUT);
            w.ignoring(StaleElementReferenceException.class);
            w.withMessage(() -> name + " no longer receiving from " + sender + "; last " + last[0]).until(d -> {
                last[0] = snapshot();
                return !last[0].in().containsKey(sender);
            });
        }

        void screenshotQuietly(String file, Throwable failure) {
            try {
                Path shot = driver().getScreenshotAs(OutputType.FILE).toPath();
                Path target = Path.of("target", file);
                Files.createDirectories(target.getParent());
                Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (RuntimeException | IOException e) {
                if (failure != null) failure.addSuppressed(e);
            }
        }
    }
}
