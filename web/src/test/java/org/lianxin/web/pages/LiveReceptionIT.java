package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.JanusTestHost;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole reception through the real pages, our signaling endpoint and a real Janus (in a network namespace, see
 * {@link JanusTestHost}): the leader opens the console and hosts; county staff check the petitioner in at the
 * terminal kiosk and join; the petitioner waits until the leader admits, then each sees the other's video; the leader
 * mutes the petitioner's sound; the kiosk's connection drops and comes back; the leader invites a department official,
 * and ends; the kiosk asks for the evaluation, which is
 * stored with the booking.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev", "lianxin.signaling.janus-request-timeout=5s"})
@DirtiesContext
class LiveReceptionIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static JanusTestHost janus;
    static Path dataDir;
    static LiveRooms roomsToStop;

    @LocalServerPort
    int port;
    @Autowired
    LiveRooms rooms;

    @BeforeAll
    static void startJanus() throws Exception {
        ChromiumBrowser.assumeAvailable();
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        janus = JanusTestHost.start();
        dataDir = Files.createTempDirectory("lianxin-live-reception-it-");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("lianxin.demo.password", () -> PASSWORD);
        r.add("lianxin.data-dir", () -> dataDir.toString());
        r.add("lianxin.signaling.janus-url", () -> janus.wsUrl().toString());
        r.add("lianxin.signaling.janus-admin-key", () -> janus.adminKey());
    }

    @BeforeEach
    void remember() {
        roomsToStop = rooms;
    }

    @AfterAll
    static void stopJanus() throws IOException {
        if (roomsToStop != null) roomsToStop.stop(Duration.ofSeconds(5)); // while Janus still runs
        if (janus != null) janus.close();
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void theLeaderAdmitsThePetitionerTheySeeEachOtherAndTheKioskStoresTheEvaluation() throws IOException {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            Page leader = new Page(leaderBrowser);
            Page kiosk = new Page(kioskBrowser);
            try {
                // the leader opens today's session in the console and hosts (no lobby for the host)
                new BookingPage(leaderBrowser.driver(), baseUrl()).logIn("jinjiang.leader", PASSWORD);
                leaderBrowser.driver().get(baseUrl() + "/console/index.html");
                leader.waitUntilReady();
                By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                        .findElement(By.cssSelector("[data-testid=open-session]")).click();
                leader.js("window.confirm = () => true");
                leader.wait.until(d -> leader.text("conn-status").equals("已连接"));

                // county staff: booking code, identity, self-test, recording notice, join → the lobby
                new BookingPage(kioskBrowser.driver(), baseUrl()).logIn("jinjiang.scheduler", PASSWORD);
                kioskBrowser.driver().get(baseUrl() + "/terminal/index.html");
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
                kiosk.wait.until(d -> kiosk.text("lobby-place").equals("您排在第 1 位"));
                assertThat(kiosk.number("document.getElementById('remote-video').readyState")).isZero();

                // the leader sees the petitioner waiting and admits
                By waiting = By.cssSelector("[data-testid=waiting]");
                leader.wait.until(d -> d.findElement(waiting).getText().contains("信访人"));
                leader.clickIn(waiting, "admit");

                // both see each other: the kiosk shows the leader large, the console the petitioner's tile
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                kiosk.videoPlays("document.getElementById('remote-video')");
                assertThat(kiosk.text("remote-name")).contains(f.leaderName());
                By petitionerTile = By.cssSelector("[data-testid=tile][data-role=petitioner]");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(petitionerTile));
                leader.videoPlays("document.querySelector('[data-testid=tile][data-role=petitioner] video')");
                leader.wait.until(d -> LiveFixture.state(baseUrl(), PASSWORD, f.bookingId()).equals("IN_SESSION"));
                kiosk.screenshot("reception-kiosk.png");
                leader.screenshot("reception-console.png");

                // the leader mutes the petitioner's sound: both pages say so
                leader.clickIn(petitionerTile, "mute-audio");
                leader.wait.until(d -> d.findElement(petitionerTile).getText().contains("已静音"));
                kiosk.wait.until(d -> kiosk.text("live-detail").equals("您的声音已被主持人暂停"));

                // the kiosk's connection drops: it reconnects with the same token, resumes without a new
                // admission, still muted, and the video flows again both ways
                kiosk.js("window.__lianxinLive.dropConnection()");
                kiosk.wait.until(d -> kiosk.text("live-status").equals("正在重新连接…"));
                kiosk.wait.until(d -> kiosk.text("live-status").equals("已连接"));
                assertThat(kiosk.text("live-detail")).isEqualTo("您的声音已被主持人暂停");
                kiosk.waitForFramesFlowing();
                leader.waitForFramesFlowing();
                kiosk.videoPlays("document.getElementById('remote-video')");
                assertThat(LiveFixture.state(baseUrl(), PASSWORD, f.bookingId())).isEqualTo("IN_SESSION");

                // the leader invites a department official during the session
                leader.click("invite-open");
                WebElement invitee = leader.wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("[data-testid=invitee]")));
                invitee.click();
                leader.click("i-confirm");
                leader.wait.until(d -> leader.text("room-info").startsWith("已邀请"));
                assertThat(LiveFixture.invitations(baseUrl(), PASSWORD, f.bookingId())).isEqualTo(1);

                // the leader ends: the kiosk asks for the evaluation and stores it with the booking
                leader.click("end");
                leader.wait.until(d -> leader.text("conn-status").equals("接访已结束"));
                kiosk.waitForPanel("evaluate");
                leader.wait.until(d -> LiveFixture.state(baseUrl(), PASSWORD, f.bookingId()).equals("COMPLETED"));
                kioskBrowser.driver().findElement(By.cssSelector("[data-testid=score][data-score='5']")).click();
                WebElement comment = kioskBrowser.driver().findElement(By.id("eval-comment"));
                comment.sendKeys("解答清楚，态度很好");
                kiosk.click("eval-submit");
                kiosk.wait.until(d -> kiosk.text("eval-done").equals("感谢您的评价！"));
                assertThat(LiveFixture.satisfactionScore(baseUrl(), PASSWORD, f.bookingId())).isEqualTo(5);
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-reception-kiosk.png", e);
                leader.screenshotQuietly("failure-reception-console.png", e);
                throw e;
            }
        }
    }

    /** One browser's page, with explicit waits (no sleeps). */
    private static final class Page {
        final ChromiumBrowser browser;
        final WebDriverWait wait;

        Page(ChromiumBrowser browser) {
            this.browser = browser;
            this.wait = browser.waiting(TIMEOUT);
            this.wait.ignoring(StaleElementReferenceException.class);
        }

        void waitUntilReady() {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        }

        void waitForPanel(String step) {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-step", step));
        }

        String text(String id) {
            return browser.driver().findElement(By.id(id)).getText();
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
            return ((JavascriptExecutor) browser.driver()).executeScript(script);
        }

        double number(String expression) {
            Object n = js("const v = " + expression + "; return typeof v === 'number' ? v : 0");
            return ((Number) n).doubleValue();
        }

        /** Video frames decoded by the page's live session so far (its current subscription). */
        long framesDecoded() {
            Object n = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const s = window.__lianxinLive;"
                            + "if (!s) return done(0); s.stats().then(r => done(r.framesDecoded), () => done(0));");
            return ((Number) n).longValue();
        }

        /**
         * Waits until decoded video frames grow by more than 5 between two polls (half a second apart); a new
         * subscription (its counter starts again) just resets the comparison.
         */
        void waitForFramesFlowing() {
            long[] last = {framesDecoded()};
            wait.until(d -> {
                long now = framesDecoded();
                boolean flowing = now > last[0] + 5;
                last[0] = now;
                return flowing;
            });
        }

        /** The video element (a JS expression) has frames and its time advances. */
        void videoPlays(String element) {
            wait.until(d -> number("(" + element + " || {}).readyState") >= 2);
            double t0 = number("(" + element + " || {}).currentTime");
            wait.until(d -> number("(" + element + " || {}).currentTime") > t0 + 0.3);
            assertThat(number("(" + element + " || {}).videoWidth")).isPositive();
        }

        void screenshot(String name) throws IOException {
            var driver = browser.driver();
            Dimension window = driver.manage().window().getSize();
            Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(4000, height.intValue() + 140)));
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path file = Path.of("target", name);
            Files.createDirectories(file.getParent());
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(window);
        }

        void screenshotQuietly(String name, Throwable failure) {
            try {
                screenshot(name);
            } catch (RuntimeException | IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
