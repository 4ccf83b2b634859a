package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.lianxin.web.pages.BookingPage;
import org.lianxin.web.pages.ChromiumBrowser;
import org.lianxin.web.pages.LiveFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One recorded reception driven through the real pages in two headless Chromiums with fake camera and
 * microphone, the way LiveReceptionIT does it: the demo leader jinjiang.leader opens the session in the
 * console and hosts; county staff (jinjiang.scheduler) check the petitioner in at the terminal kiosk, acknowledge
 * the recording notice and join the lobby; the leader admits (capture starts), both see each other's video; the
 * leader ends. Shared by the recording reliability ITs; the app may run in the test JVM or as a separate process
 * (only its base URL and the demo password are needed).
 *
 * <p>Every wait is explicit (60 s: 2 cores shared with other browsers); no fixed pause: how long a session runs is
 * the test's condition on the recording (e.g. a minute of media chained per track).
 */
final class RecordedSessionDriver implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String LEADER = "jinjiang.leader";
    static final String STAFF = "jinjiang.scheduler";
    private static final String CONNECTED = "已连接";

    private final String baseUrl;
    private final String password;
    private final String name;
    private final LiveFixture fixture;
    private ChromiumBrowser leaderBrowser;
    private ChromiumBrowser kioskBrowser;
    private Page leader;
    private Page kiosk;
    private Instant admittedAt;
    private Instant playingAt;
    private Instant endedAt;
    private Instant endConfirmedAt;

    private RecordedSessionDriver(String baseUrl, String password, String name, LiveFixture fixture) {
        this.baseUrl = baseUrl;
        this.password = password;
        this.name = name;
        this.fixture = fixture;
    }

    /**
     * A booking that can be checked in now, hosted by jinjiang.leader, and the two browsers started.
     *
     * @param name used in screenshot file names under target/
     */
    static RecordedSessionDriver open(String baseUrl, String password, String name) {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl, password, LEADER);
        RecordedSessionDriver d = new RecordedSessionDriver(baseUrl, password, name, f);
        try {
            d.leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
            d.kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        d.leader = new Page(d.leaderBrowser);
        d.kiosk = new Page(d.kioskBrowser);
        return d;
    }

    LiveFixture fixture() {
        return fixture;
    }

    /** The console's page (the leader's). */
    Page leader() {
        return leader;
    }

    /** The terminal kiosk's page (the petitioner's). */
    Page kiosk() {
        return kiosk;
    }

    long bookingId() {
        return fixture.bookingId();
    }

    /** When the leader pressed admit (capture starts with the admission). */
    Instant admittedAt() {
        return admittedAt;
    }

    /** When both pages played each other's video after the admission. */
    Instant playingAt() {
        return playingAt;
    }

    /** When the leader was about to press end (the server's end comes after). */
    Instant endedAt() {
        return endedAt;
    }

    /** When the console showed the reception ended (the server's end came before). */
    Instant endConfirmedAt() {
        return endConfirmedAt;
    }

    /**
     * The leader hosts from the console; the kiosk checks the petitioner in (code, identity, devices, recording
     * notice), joins and waits in the lobby.
     */
    void hostAndCheckIn() {
        new BookingPage(leaderBrowser.driver(), baseUrl).logIn(LEADER, password);
        leaderBrowser.driver().get(baseUrl + "/console/index.html");
        leader.waitUntilReady();
        By row = By.cssSelector("[data-testid=session-row][data-code='" + fixture.code() + "']");
        leader.wait.until(ExpectedConditions.visibilityOfElementLocated(row))
                .findElement(By.cssSelector("[data-testid=open-session]")).click();
        leader.js("window.confirm = () => true");
        leader.waitUntil("the console connected as host", d -> leader.text("conn-status").equals(CONNECTED));

        new BookingPage(kioskBrowser.driver(), baseUrl).logIn(STAFF, password);
        kioskBrowser.driver().get(baseUrl + "/terminal/index.html");
        kiosk.waitUntilReady();
        kiosk.type("code", fixture.code());
        kiosk.waitForPanel("identity");
        kiosk.type("id-number", fixture.idNumber());
        kiosk.waitForPanel("devices");
        kiosk.click("devices-next");
        kiosk.waitForPanel("notice");
        kiosk.click("notice-ack");
        kiosk.click("join");
        kiosk.waitForPanel("live");
        kiosk.waitUntil("the kiosk waiting in the lobby", d -> kiosk.text("live-status").equals("等待接访"));
    }

    /**
     * The leader admits the petitioner; returns once the kiosk plays the leader's video and the console the
     * petitioner's (both publish and subscribe).
     */
    Instant admit() {
        By waiting = By.cssSelector("[data-testid=waiting]");
        leader.waitUntil("the petitioner in the console's lobby", d -> d.findElement(waiting).getText().contains("信访人"));
        admittedAt = Instant.now();
        leader.clickIn(waiting, "admit");
        kiosk.waitUntil("the kiosk connected after admission", d -> kiosk.text("live-status").equals(CONNECTED));
        kiosk.videoPlays("document.getElementById('remote-video')");
        leader.videoPlays(PETITIONER_VIDEO);
        playingAt = Instant.now();
        return admittedAt;
    }

    private static final String PETITIONER_VIDEO =
            "document.querySelector('[data-testid=tile][data-role=petitioner] video')";

    /** Both pages still say connected and receive video now (checked after a pause). */
    void assertStillLive() {
        assertThat(leader.text("conn-status")).as("console status").isEqualTo(CONNECTED);
        assertThat(kiosk.text("live-status")).as("kiosk status").isEqualTo(CONNECTED);
        kiosk.waitForFramesFlowing("the kiosk decoding the leader's video");
        leader.waitForFramesFlowing("the console decoding the petitioner's video");
    }

    /** Marks the current peer connections of both pages, to tell later that they were replaced. */
    void markPeerConnections() {
        for (Page p : new Page[] {leader, kiosk}) {
            Object ok = p.js("const s = window.__lianxinLive; if (!s || !s.pub || !s.sub) return false;"
                    + " s.pub.__lxOld = true; s.sub.__lxOld = true; return true;");
            assertThat(ok).as("both pages have a publisher and a subscriber connection to mark").isEqualTo(true);
        }
    }

    /**
     * After the media server was restarted: both pages come back by themselves — connected, a new publisher and a
     * new subscriber peer connection each (re-published, re-subscribed), video decoded and played again.
     */
    void awaitMediaBackOnBothPages() {
        for (Page p : new Page[] {leader, kiosk}) {
            String who = p == leader ? "console" : "kiosk";
            p.waitUntil(who + ": a new publisher and subscriber connection after the media server restart", d ->
                    Boolean.TRUE.equals(p.js("const s = window.__lianxinLive; return !!(s && s.pub && s.sub"
                            + " && !s.pub.__lxOld && !s.sub.__lxOld"
                            + " && s.pub.connectionState === 'connected' && s.sub.connectionState === 'connected')")));
        }
        leader.waitUntil("the console connected again", d -> leader.text("conn-status").equals(CONNECTED));
        kiosk.waitUntil("the kiosk connected again", d -> kiosk.text("live-status").equals(CONNECTED));
        kiosk.waitForFramesFlowing("the kiosk decoding the leader's video again");
        leader.waitForFramesFlowing("the console decoding the petitioner's video again");
        kiosk.videoPlays("document.getElementById('remote-video')");
        leader.videoPlays(PETITIONER_VIDEO);
    }

    /** The leader ends the reception; returns when the console says it ended and the kiosk asks for an evaluation. */
    Instant end() {
        endedAt = Instant.now();
        leader.click("end");
        leader.waitUntil("the console showing the reception ended", d -> leader.text("conn-status").equals("接访已结束"));
        endConfirmedAt = Instant.now();
        kiosk.waitForPanel("evaluate");
        leader.waitUntil("booking COMPLETED",
                d -> LiveFixture.state(baseUrl, password, fixture.bookingId()).equals("COMPLETED"));
        return endedAt;
    }

    /** Screenshots of both pages into target/, attached to {@code failure} if they cannot be taken. */
    void screenshots(String suffix, Throwable failure) {
        if (leader != null) leader.screenshotQuietly(name + "-" + suffix + "-console.png", failure);
        if (kiosk != null) kiosk.screenshotQuietly(name + "-" + suffix + "-kiosk.png", failure);
    }

    /** Quits both browsers (idempotent). */
    @Override
    public void close() {
        try {
            if (kioskBrowser != null) kioskBrowser.close();
        } finally {
            kioskBrowser = null;
            try {
                if (leaderBrowser != null) leaderBrowser.close();
            } finally {
                leaderBrowser = null;
            }
        }
    }

    /** One browser's page, with explicit waits (no sleeps). */
    static final class Page {
        final ChromiumBrowser browser;
        final WebDriverWait wait;

        Page(ChromiumBrowser browser) {
            this.browser = browser;
            this.wait = browser.waiting(TIMEOUT);
            this.wait.ignoring(StaleElementReferenceException.class);
        }

        <T> T waitUntil(String what, java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
            WebDriverWait w = browser.waiting(TIMEOUT);
            w.ignoring(StaleElementReferenceException.class);
            return w.withMessage(what).until(condition);
        }

        void waitUntilReady() {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        }

        void waitForPanel(String step) {
            waitUntil("kiosk step " + step, ExpectedConditions.attributeToBe(By.tagName("body"), "data-step", step));
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

        /** Waits until decoded video frames grow by more than 5 between two polls (half a second apart). */
        void waitForFramesFlowing(String what) {
            long[] last = {framesDecoded()};
            waitUntil(what, d -> {
                long now = framesDecoded();
                boolean flowing = now > last[0] + 5;
                last[0] = now;
                return flowing;
            });
        }

        /** The video element (a JS expression) has frames and its time advances. */
        void videoPlays(String element) {
            waitUntil("video data in " + element, d -> number("(" + element + " || {}).readyState") >= 2);
            double t0 = number("(" + element + " || {}).currentTime");
            waitUntil("video time advancing in " + element,
                    d -> number("(" + element + " || {}).currentTime") > t0 + 0.3);
            assertThat(number("(" + element + " || {}).videoWidth")).as("video width of " + element).isPositive();
        }

        void screenshot(String name) throws IOException {
            Path shot = browser.driver().getScreenshotAs(OutputType.FILE).toPath();
            Path file = Path.of("target", "recording-it", name);
            Files.createDirectories(file.getParent());
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(file.resolveSibling(name + ".console.txt"),
                    browser.driver().getCurrentUrl() + "\n" + browser.consoleLog());
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
