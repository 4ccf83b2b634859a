package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.CountyNetwork;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reception from a county whose network passes only HTTPS (issue 10, "TURN"): the kiosk's Chromium runs in the
 * {@link CountyNetwork}'s county namespace, whose firewall drops all UDP and every TCP connection but to the TURN
 * server's 443 and to the application; the leader's console runs on this host. The application hands both browsers
 * TURN credentials with their join; the kiosk's media goes relayed over TURN/TLS on 443 (its selected candidate pair,
 * from getStats), and both sides decode the other's video and audio. Then coturn stops: within 20 s the kiosk says in
 * plain words that the video link is lost and the staff are told, and the leader's console shows why on the
 * petitioner's tile (the relay is unreachable). Then coturn starts again: without anyone clicking, ICE restarts
 * through the relay, video and audio flow at both ends again, the kiosk says it is connected, the staff's reason is
 * gone and the booking is still in session. Last, the county's whole link drops for 3 s: the video comes back at both
 * ends by itself, still relayed, the booking in session. On the way, the kiosk renews its TURN credentials (for the peer
 * connections it would make after those of the join expired).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev", "lianxin.signaling.janus-request-timeout=5s"})
@DirtiesContext
class TurnRelayIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static CountyNetwork net;
    static Path dataDir;
    static LiveRooms roomsToStop;

    @LocalServerPort
    int port;
    @Autowired
    LiveRooms rooms;

    @BeforeAll
    static void startNetwork() throws Exception {
        ChromiumBrowser.assumeAvailable();
        assumeTrue(CountyNetwork.available(), "needs root, ip, nft, janus, coturn and openssl");
        net = CountyNetwork.start();
        dataDir = Files.createTempDirectory("lianxin-turn-relay-it-");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("lianxin.demo.password", () -> PASSWORD);
        r.add("lianxin.data-dir", () -> dataDir.toString());
        r.add("lianxin.signaling.janus-url", () -> net.janusWsUrl().toString());
        r.add("lianxin.signaling.janus-admin-key", () -> net.janusAdminKey());
        r.add("lianxin.turn.urls", () -> String.join(",", net.turnUrls()));
        r.add("lianxin.turn.secret", () -> net.turnSecret());
        r.add("lianxin.turn.realm", () -> CountyNetwork.TURN_REALM);
    }

    @BeforeEach
    void remember() {
        roomsToStop = rooms;
        net.firewall(port);
    }

    @AfterAll
    static void stopNetwork() throws IOException {
        if (roomsToStop != null) roomsToStop.stop(Duration.ofSeconds(5)); // while Janus still runs
        if (net != null) net.close();
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theKioskBehindAnHttpsOnlyFirewallIsRelayedOverTlsOn443SaysSoWhenTheRelayDiesAndRecoversWhenItIsBack() throws IOException {
        String leaderBase = "http://localhost:" + port;
        LiveFixture f = LiveFixture.createForDemoLeader(leaderBase, PASSWORD, "jinjiang.leader");
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             CountyChromium kioskBrowser = CountyChromium.start(net, port, "zh-CN")) {
            Page leader = new Page(leaderBrowser.driver());
            Page kiosk = new Page(kioskBrowser.driver());
            try {
                // the leader hosts from the console on this host
                new BookingPage(leaderBrowser.driver(), leaderBase).logIn("jinjiang.leader", PASSWORD);
                leaderBrowser.driver().get(leaderBase + "/console/index.html");
                leader.waitUntilReady();
                By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                        .findElement(By.cssSelector("[data-testid=open-session]")).click();
                leader.js("window.confirm = () => true");
                leader.wait.until(d -> leader.text("conn-status").equals("已连接"));

                // county staff at the kiosk, behind the firewall: check in and join
                String countyBase = net.appUrl(port);
                new BookingPage(kioskBrowser.driver(), countyBase).logIn("jinjiang.scheduler", PASSWORD);
                kioskBrowser.driver().get(countyBase + "/terminal/index.html");
                kiosk.waitUntilReady();
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

                By waiting = By.cssSelector("[data-testid=waiting]");
                leader.wait.until(d -> d.findElement(waiting).getText().contains("信访人"));
                leader.clickIn(waiting, "admit");

                // media flows both ways, video and audio, the kiosk's relayed over TURN/TLS on 443
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                kiosk.waitForMediaFlowing();
                leader.waitForMediaFlowing();
                JsonNode kioskPaths = kiosk.media().get("pairs");
                assertThat(kioskPaths).as("the kiosk's selected candidate pairs: %s", kioskPaths).hasSize(2);
                for (JsonNode pair : kioskPaths) {
                    assertThat(pair.get("type").asString()).as("%s", pair).isEqualTo("relay");
                    assertThat(pair.get("relayProtocol").asString()).as("%s", pair).isEqualTo("tls");
                    assertThat(pair.get("url").asString()).as("%s", pair)
                            .isEqualTo("turns:" + net.turnAddress() + ":443?transport=tcp");
                }
                // its receiving connection, made once its publishing one went through the relay, checks the relay only
                assertThat(kiosk.js("return window.__lianxinLive.media.sub.getConfiguration().iceTransportPolicy"))
                        .isEqualTo("relay");
                screenshot(kioskBrowser.driver(), "turn-relay-kiosk.png");

                // before its credentials expire the page asks for fresh ones, for its next connections and ICE
                String first = String.valueOf(kiosk.js("return window.__lianxinLive.media.iceServers[0].username"));
                kiosk.js("window.__lianxinLive.send({type: 'renewIceServers'})");
                kiosk.wait.until(d -> !first.equals(kiosk.js("return window.__lianxinLive.media.iceServers[0].username")));
                String renewed = String.valueOf(kiosk.js("return window.__lianxinLive.media.iceServers[0].username"));
                assertThat(Long.parseLong(renewed.split(":")[0])).isGreaterThan(Long.parseLong(first.split(":")[0]));
                assertThat(kiosk.js("return window.__lianxinLive.pub.getConfiguration().iceServers[0].username"))
                        .isEqualTo(renewed);

                // the relay dies: the kiosk says so within 20 s, in words a petitioner understands
                net.stopTurn();
                kiosk.waitAtMost(Duration.ofSeconds(20)).until(d -> kiosk.text("live-status").equals("视频连接中断，正在恢复"));
                assertThat(kiosk.text("live-detail")).isEqualTo(
                        "网络出了问题，您暂时看不到也听不到对方。工作人员已收到通知，请在原地稍候。");
                // and the leader's console shows why, on the petitioner's tile
                By reason = By.cssSelector("[data-testid=tile][data-role=petitioner] [data-testid=media-path]");
                // the console re-renders the tile as its stats come in: read route and words in one look, again
                // if the element was replaced in between
                List<String> why = leader.wait.until(d -> {
                    WebElement e = d.findElement(reason);
                    return e.isDisplayed() ? List.of(String.valueOf(e.getAttribute("data-route")), e.getText()) : null;
                });
                assertThat(why.get(0)).isEqualTo("relay");
                assertThat(why.get(1)).startsWith("视频连接中断：经中继服务器（TURN）的线路不通");
                screenshot(kioskBrowser.driver(), "turn-relay-lost-kiosk.png");
                screenshot(leaderBrowser.driver(), "turn-relay-lost-console.png");
                auditBothLanguages(kiosk, "kiosk: the video link lost (TURN down)", List.of(f.leaderName()));
                assertThat(kiosk.text("live-status")).isEqualTo("视频连接中断，正在恢复");
                long restartsBefore = kioskRestarts(kiosk);

                // the relay is back: the reception recovers by itself (ICE restarts through the new relay, with the
                // renewed credentials), nobody clicks anything
                net.startTurn();
                long relayBack = System.nanoTime();
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                kiosk.waitForMediaFlowing();
                leader.waitForMediaFlowing();
                System.out.printf("TurnRelayIT: coturn back -> media flowing at both ends in %d ms (diagnostic)%n",
                        Duration.ofNanos(System.nanoTime() - relayBack).toMillis());
                leader.wait.until(d -> d.findElements(reason).isEmpty());
                assertThat(kioskRestarts(kiosk)).as("ICE restarts of the kiosk").isGreaterThan(restartsBefore);
                JsonNode healed = kiosk.media().get("pairs");
                assertThat(healed).as("the kiosk's selected candidate pairs after the relay came back: %s", healed)
                        .hasSize(2);
                for (JsonNode pair : healed) {
                    assertThat(pair.get("type").asString()).as("%s", pair).isEqualTo("relay");
                    assertThat(pair.get("relayProtocol").asString()).as("%s", pair).isEqualTo("tls");
                }
                assertThat(kiosk.text("live-detail")).isEmpty();
                assertThat(LiveFixture.state(leaderBase, PASSWORD, f.bookingId())).isEqualTo("IN_SESSION");
                screenshot(kioskBrowser.driver(), "turn-relay-recovered-kiosk.png");
                screenshot(leaderBrowser.driver(), "turn-relay-recovered-console.png");

                // the county's link drops for 3 s (every packet, the TLS connection to the relay and the signaling
                // too): the video comes back at both ends by itself, still relayed, and the reception goes on
                net.outage(true);
                try {
                    Thread.sleep(3000); // the outage itself: its length is the input, not a wait for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted during the outage", e);
                } finally {
                    net.outage(false);
                }
                long linkBack = System.nanoTime();
                kiosk.waitForMediaFlowing();
                leader.waitForMediaFlowing();
                System.out.printf("TurnRelayIT: county link back -> media flowing at both ends in %d ms (diagnostic)%n",
                        Duration.ofNanos(System.nanoTime() - linkBack).toMillis());
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                leader.wait.until(d -> d.findElements(reason).isEmpty());
                for (JsonNode pair : kiosk.media().get("pairs")) {
                    assertThat(pair.get("type").asString()).as("%s", pair).isEqualTo("relay");
                }
                assertThat(LiveFixture.state(leaderBase, PASSWORD, f.bookingId())).isEqualTo("IN_SESSION");
            } catch (RuntimeException | AssertionError e) {
                e.addSuppressed(new AssertionError("kiosk console:\n" + kioskBrowser.consoleLog() + "\ncoturn:\n"
                        + net.turnLogTail(40)));
                screenshotQuietly(kioskBrowser.driver(), "failure-turn-relay-kiosk.png", e);
                screenshotQuietly(leaderBrowser.driver(), "failure-turn-relay-console.png", e);
                throw e;
            } finally {
                net.outage(false);
                net.startTurn();
            }
        }
    }

    /** How many ICE restarts the kiosk's live session has asked for so far. */
    private static long kioskRestarts(Page kiosk) {
        return ((Number) kiosk.js("return window.__lianxinLive.media.restarts")).longValue();
    }

    /** The page as it is now has no findings in Chinese, then in English (the switch), and is Chinese again. */
    private static void auditBothLanguages(Page page, String state, List<String> names) {
        assertThat(PageAudit.of(page.driver, "zh").allowing(names).findings(state)).isEmpty();
        page.click("lang-switch");
        page.wait.until(d -> "en".equals(page.js("return document.documentElement.lang")));
        assertThat(page.text("live-status")).isEqualTo("The video link is lost. Restoring it…");
        assertThat(PageAudit.of(page.driver, "en").allowing(names).findings(state)).isEmpty();
        page.click("lang-switch");
        page.wait.until(d -> "zh-CN".equals(page.js("return document.documentElement.lang")));
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Path file = Path.of("target", name);
        Files.createDirectories(file.getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void screenshotQuietly(WebDriver driver, String name, Throwable failure) {
        try {
            screenshot(driver, name);
        } catch (RuntimeException | IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** One browser's page, with explicit waits (no sleeps). */
    private static final class Page {
        final WebDriver driver;
        final WebDriverWait wait;

        Page(WebDriver driver) {
            this.driver = driver;
            this.wait = waitAtMost(TIMEOUT);
        }

        WebDriverWait waitAtMost(Duration timeout) {
            WebDriverWait w = new WebDriverWait(driver, timeout);
            w.ignoring(StaleElementReferenceException.class);
            return w;
        }

        void waitUntilReady() {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        }

        void waitForPanel(String step) {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-step", step));
        }

        String text(String id) {
            return driver.findElement(By.id(id)).getText();
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
            return ((JavascriptExecutor) driver).executeScript(script);
        }

        /**
         * The live session's media from getStats: video frames decoded and audio samples received (all subscriptions),
         * and each connection's selected candidate pair (local candidate type, relay protocol, TURN URL).
         */
        JsonNode media() {
            Object json = ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const s = window.__lianxinLive;"
                            + "if (!s) return done('{\"framesDecoded\":0,\"audioSamples\":0,\"pairs\":[]}');"
                            + "(async () => { const out = {framesDecoded: 0, audioSamples: 0, pairs: []};"
                            + "  for (const pc of [s.pub, s.sub]) { if (!pc) continue; const r = await pc.getStats();"
                            + "    r.forEach(x => {"
                            + "      if (x.type === 'inbound-rtp' && x.kind === 'video') out.framesDecoded += x.framesDecoded || 0;"
                            + "      if (x.type === 'inbound-rtp' && x.kind === 'audio') out.audioSamples += x.totalSamplesReceived || 0;"
                            + "      if (x.type === 'transport' && x.selectedCandidatePairId) {"
                            + "        const p = r.get(x.selectedCandidatePairId); const l = p && r.get(p.localCandidateId);"
                            + "        if (l) out.pairs.push({type: l.candidateType, relayProtocol: l.relayProtocol || '',"
                            + "          url: l.url || '', port: l.port}); } }); }"
                            + "  return JSON.stringify(out); })().then(done, e => done('{\"error\":\"' + e + '\",\"pairs\":[]}'));");
            return JSON.readTree(String.valueOf(json));
        }

        /** Waits until decoded video frames and received audio samples both grow between two polls. */
        void waitForMediaFlowing() {
            long[] last = {-1, -1};
            wait.until(d -> {
                JsonNode m = media();
                long frames = m.path("framesDecoded").asLong();
                long samples = m.path("audioSamples").asLong();
                boolean flowing = last[0] >= 0 && frames > last[0] + 5 && samples > last[1];
                last[0] = frames;
                last[1] = samples;
                return flowing;
            });
        }
    }
}
