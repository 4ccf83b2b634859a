package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lianxin.scheduler.Bookings;
import org.lianxin.web.security.SystemActor;
import org.openqa.selenium.By;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The terminal kiosk as an elderly petitioner and county staff use it on a touch screen (issue 9, 适老化): every
 * step — the booking list and a code not found, the identity check with its errors, the camera self-test working,
 * refused and tested again, the recording notice, the lobby, the live reception with the petitioner's own picture,
 * the end and the evaluation — in Chinese and in English, on a landscape 1366×768 screen and a portrait 1080×1920
 * one: {@link PageAudit} finds nothing, every primary action and message is inside the viewport without scrolling,
 * touch targets are at least 44 px and text at least 18 px.
 *
 * <p>One browser (with Chromium's fake camera and microphone) walks one booking through every step; at each step
 * the viewport is set to both sizes (Emulation.setDeviceMetricsOverride) and the language switched both ways. The
 * live step runs against {@link FakeSignaling} in the page; the booking's session is started and completed through
 * the scheduler as the live room would, so that the evaluation is really stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class KioskPageIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = TestDataDir.create("lianxin-kiosk-page-it-");
    private static final Duration TIMEOUT = Duration.ofSeconds(60); // generous: 2 cores, other browsers running
    private static final int[][] SIZES = {{1366, 768}, {1080, 1920}};

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    Bookings bookings;
    @Autowired
    SystemActor system;

    private ChromiumBrowser browser;
    private WebDriverWait wait;
    private final List<String> problems = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            try {
                screenshot("failure-kiosk-" + context.getRequiredTestMethod().getName() + ".png");
            } catch (RuntimeException | IOException e) {
                context.getExecutionException().get().addSuppressed(e);
            }
        }
    };

    @BeforeEach
    void startBrowser() {
        ChromiumBrowser.assumeAvailable();
        browser = ChromiumBrowser.startWithFakeMedia("zh-CN");
        wait = browser.waiting(TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    @AfterAll
    static void deleteDataDir() throws IOException {
        TestDataDir.delete(DATA_DIR);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void everyStepReadsInOneLanguageAndShowsItsActionsAndMessagesOnALandscapeAndAPortraitScreen() throws IOException {
        LiveFixture f = LiveFixture.create(baseUrl(), PASSWORD);
        names.addAll(List.of(f.leaderName(), f.caseNumber(), f.code(), "李测试"));
        new BookingPage(browser.driver(), baseUrl()).logIn("jinjiang.scheduler", PASSWORD);
        browser.driver().get(baseUrl() + "/terminal/index.html");
        waitUntilReady();
        names.add((String) ((JavascriptExecutor) browser.driver()).executeAsyncScript( // the staff member's name
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/me').then(r => r.json()).then(me => done(me.displayName || me.username))"));
        String terminal = wait.until(d -> {
            List<WebElement> items = d.findElements(By.cssSelector("[data-testid=today-item][data-code='" + f.code()
                    + "']"));
            return items.isEmpty() ? null : items.get(0);
        }).getAttribute("data-terminal");
        if (terminal != null) names.add(terminal);

        // 1. today's list, and a code that is not found
        check("pick", By.id("code"), By.id("code-find"), By.id("pick-refresh"),
                By.cssSelector("[data-testid=today-item][data-code='" + f.code() + "']"));
        type("code", "NO-SUCH-CODE", true);
        waitForText("pick-error");
        check("pick: code not found", By.id("code"), By.id("code-find"), By.id("pick-error"));
        type("code", f.code(), true);
        waitForPanel("identity");
        check("identity", By.id("id-number"), By.id("identity-check"), By.id("identity-show"),
                By.id("identity-back"));

        // 2. identity: the number is readable while typed, masked after, shown again on demand
        WebElement field = browser.driver().findElement(By.id("id-number"));
        field.sendKeys(f.otherValidIdNumber().substring(0, 10));
        assertThat(field.getAttribute("type")).as("the number is visible while typing").isEqualTo("text");
        assertThat(field.getAttribute("value")).hasSize(10).doesNotContain("*");
        type("id-number", "12345", true);
        waitForText("identity-error");
        check("identity: malformed number", By.id("id-number"), By.id("identity-check"), By.id("identity-error"));
        String other = f.otherValidIdNumber();
        type("id-number", other, true);
        wait.until(d -> text("identity-error").length() > 0 && !text("identity-error").startsWith("身份证号码格式"));
        wait.until(d -> browser.driver().findElement(By.id("identity-check")).isEnabled());
        String masked = browser.driver().findElement(By.id("id-number")).getAttribute("value");
        assertThat(masked).as("masked after the check").isEqualTo(other.substring(0, 4) + "*".repeat(10)
                + other.substring(14));
        assertThat(text("identity-error")).as("one language").isEqualTo("身份证号码与案件登记的不一致，请核对后重新输入。");
        check("identity: number does not match the case", By.id("id-number"), By.id("identity-check"),
                By.id("identity-error"), By.id("identity-show"));
        click("identity-show");
        wait.until(d -> browser.driver().findElement(By.id("id-number")).getAttribute("value").equals(other));
        click("identity-show");
        wait.until(d -> browser.driver().findElement(By.id("id-number")).getAttribute("value").equals(masked));
        type("id-number", f.idNumber(), true);
        waitForPanel("devices");
        assertThat((String) js("return document.documentElement.innerHTML")).doesNotContain(f.idNumber());
        assertThat(browser.driver().findElement(By.id("id-number")).getAttribute("value")).isEmpty();

        // 3. the self-test: working; refused (the error, test again, next disabled); tested again and working
        wait.until(d -> "true".equals(browser.driver().findElement(By.id("meter")).getAttribute("data-heard")));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("devices-next")));
        check("devices: working", By.id("self-test-video"), By.id("meter"), By.id("devices-status"),
                By.id("devices-retry"), By.id("devices-next"));
        js("window.__realGum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);"
                + "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('blocked', 'NotAllowedError'))");
        click("devices-retry");
        waitForText("devices-error");
        assertThat(browser.driver().findElement(By.id("devices-next")).isEnabled()).isFalse();
        assertThat(text("preview-empty")).as("the picture's box says why it is empty").isNotBlank();
        check("devices: camera refused", By.id("devices-error"), By.id("preview-empty"), By.id("devices-retry"),
                By.id("devices-next"));
        js("navigator.mediaDevices.getUserMedia = window.__realGum");
        click("devices-retry");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("devices-next")));
        assertThat(text("devices-error")).isEmpty();
        click("devices-next");

        // 4. the recording notice
        waitForPanel("notice");
        click("notice-ack");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("join")));
        check("recording notice", By.id("notice-title"), By.id("notice-ack-label"), By.id("join"),
                By.id("notice-back"));

        // the network fails as the petitioner joins: said so, with the way back to the start; the booking, checked
        // in already, then goes straight to the self-test
        js("window.__realFetch = window.fetch; window.fetch = (input, init) => String(input.url || input)"
                + ".endsWith('/join-token') ? Promise.reject(new TypeError('Failed to fetch')) : window.__realFetch(input, init)");
        click("join");
        waitForPanel("live");
        waitForText("live-error");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-restart")));
        check("live: joining failed", By.id("live-status"), By.id("live-error"), By.id("live-retry"),
                By.id("live-restart"));
        js("window.fetch = window.__realFetch");
        click("live-restart");
        waitForPanel("pick");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=today-item][data-code='"
                + f.code() + "']"))).click();
        waitForPanel("devices");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("devices-next")));
        click("devices-next");
        waitForPanel("notice");
        click("notice-ack");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("join")));

        // 5. the lobby: the leader's name, the session's time, the place in the queue and the wait, the own picture
        FakeSignaling server = FakeSignaling.install(browser.driver(), "token-1", "PETITIONER");
        click("join");
        waitForPanel("live");
        server.awaitSent("join", 1, TIMEOUT);
        Map<String, Object> me = FakeSignaling.participant("p-1", "李测试", "petitioner", false);
        Map<String, Object> leader = FakeSignaling.participant("leader-1", f.leaderName(), "host", true);
        Map<String, Object> joined = new HashMap<>();
        joined.put("type", "joined");
        joined.put("you", me);
        joined.put("participants", List.of());
        joined.put("waiting", List.of());
        joined.put("lobby", Map.of("position", 2, "estimatedWaitSeconds", 300));
        joined.put("resumed", false);
        server.say(joined);
        wait.until(d -> text("live-status").equals("等待接访"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lobby")));
        assertThat(text("lobby-leader")).contains(f.leaderName());
        assertThat(text("lobby-place")).contains("2");
        assertThat(text("lobby-wait")).contains("5");
        assertThat(text("lobby-time")).isNotBlank();
        videoPlays("self-video");
        check("lobby", By.id("live-status"), By.id("lobby-leader"), By.id("lobby-time"), By.id("lobby-place"),
                By.id("lobby-wait"), By.id("self-video"));

        // 6. admitted: the leader large, the petitioner's own picture small, both in view
        bookings.startSession(system.get(), f.bookingId()); // as the live room does on admission
        server.say(Map.of("type", "admitted", "participants", List.of(leader)));
        server.awaitSent("subscribe", 1, TIMEOUT);
        wait.until(d -> text("live-status").equals("已连接"));
        videoPlays("remote-video");
        videoPlays("self-video");
        check("live: connected", By.id("live-status"), By.id("remote-video"), By.id("self-video"),
                By.id("remote-name"));
        server.say(Map.of("type", "muted", "participantId", "p-1", "kind", "audio", "muted", true));
        wait.until(d -> text("live-detail").equals("您的声音已被主持人暂停"));
        check("live: sound paused by the host", By.id("live-status"), By.id("live-detail"), By.id("self-video"));

        // the connection drops: reconnecting, then the same place again
        server.drop();
        wait.until(d -> text("live-status").equals("正在重新连接…"));
        check("live: reconnecting", By.id("live-status"), By.id("self-video"));
        server.awaitSent("join", 2, TIMEOUT);
        joined.put("participants", List.of(leader));
        joined.put("lobby", null);
        joined.put("resumed", true);
        server.say(joined);
        wait.until(d -> text("live-status").equals("已连接"));

        // 7. the end: the evaluation in words, large; then thanks
        bookings.complete(system.get(), f.bookingId()); // as the live room does when the host ends
        server.say(Map.of("type", "ended", "reason", "host"));
        waitForPanel("evaluate");
        List<WebElement> choices = browser.driver().findElements(By.cssSelector("[data-testid=score]"));
        assertThat(choices).extracting(WebElement::getText)
                .containsExactly("非常满意", "满意", "基本满意", "不满意", "非常不满意");
        check("evaluation", By.cssSelector("[data-testid=score]"), By.id("eval-comment"), By.id("eval-submit"));
        browser.driver().findElement(By.cssSelector("[data-testid=score][data-score='4']")).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=score][data-score='4']"),
                "aria-checked", "true"));
        type("eval-comment", "工作人员很耐心", false);
        click("eval-submit");
        waitForText("eval-done");
        assertThat(LiveFixture.satisfactionScore(baseUrl(), PASSWORD, f.bookingId())).isEqualTo(4);
        check("evaluation: thanks", By.id("eval-done"), By.id("eval-finish"));
        screenshot("kiosk-evaluated.png");

        assertThat(problems).isEmpty();
    }

    // ---------------------------------------------------------------- the checks of each state

    /**
     * Checks the page as it is, in Chinese and then English (switching back after), at both screen sizes: the
     * audit's findings, the {@code visible} elements inside the viewport, touch targets and text sizes. Problems
     * are collected, so that one run lists them all.
     */
    private void check(String state, By... visible) {
        for (String language : List.of("zh", "en")) {
            switchTo(language);
            for (int[] size : SIZES) {
                setViewport(size[0], size[1]);
                String where = state + " [" + language + " " + size[0] + "×" + size[1] + "]";
                for (String p : PageAudit.outsideViewport(browser.driver(), visible)) problems.add(where + ": " + p);
                for (String p : smallTargetsAndText()) problems.add(where + ": " + p);
                if (size == SIZES[0]) problems.addAll(PageAudit.of(browser.driver(), language).allowing(names)
                        .findings(state));
                if (Boolean.getBoolean("kiosk.screenshots")) screenshotQuietly("kiosk-" + state.replaceAll("\\W+", "-")
                        + "-" + language + "-" + size[0] + "x" + size[1] + ".png");
            }
        }
        switchTo("zh");
        setViewport(SIZES[0][0], SIZES[0][1]);
    }

    /** Buttons, fields and choices smaller than 44 px, and visible text smaller than 18 px. */
    @SuppressWarnings("unchecked")
    private List<String> smallTargetsAndText() {
        return (List<String>) js("""
                const out = [];
                const shown = e => e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width > 0;
                const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '');
                for (const e of document.querySelectorAll('button, input, select, textarea, a[href]')) {
                  if (!shown(e)) continue;
                  const target = e.type === 'checkbox' || e.type === 'radio' ? (e.closest('label') || e) : e;
                  const r = target.getBoundingClientRect();
                  if (r.width < 44 || r.height < 44) out.push('touch target ' + name(e) + ' is '
                      + Math.round(r.width) + '×' + Math.round(r.height) + ' px');
                }
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const e = n.parentElement;
                  if (!n.nodeValue.trim() || !e || !shown(e)) continue;
                  const size = parseFloat(getComputedStyle(e).fontSize);
                  if (size < 18) out.push('text of ' + size + ' px in ' + name(e) + ': "' + n.nodeValue.trim() + '"');
                }
                return [...new Set(out)];
                """);
    }

    private void switchTo(String language) {
        String want = language.equals("en") ? "en" : "zh-CN";
        if (!want.equals(js("return document.documentElement.lang"))) {
            click("lang-switch");
            wait.until(d -> want.equals(js("return document.documentElement.lang")));
        }
    }

    /** The viewport (window.innerWidth × innerHeight) of a kiosk screen, whatever the window's own chrome. */
    private void setViewport(int width, int height) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height",
                height, "deviceScaleFactor", 1, "mobile", false));
        wait.until(d -> ((Number) js("return window.innerWidth")).intValue() == width
                && ((Number) js("return window.innerHeight")).intValue() == height);
    }

    // ---------------------------------------------------------------- helpers

    private void videoPlays(String id) {
        wait.until(d -> ((Number) js("return document.getElementById(arguments[0]).readyState", id)).intValue() >= 2);
        double t0 = ((Number) js("return document.getElementById(arguments[0]).currentTime", id)).doubleValue();
        wait.until(d -> ((Number) js("return document.getElementById(arguments[0]).currentTime", id)).doubleValue()
                > t0 + 0.2);
    }

    private void waitUntilReady() {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    private void waitForPanel(String step) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-step", step));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-" + step)));
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private String waitForText(String id) {
        wait.until(d -> !text(id).isBlank());
        return text(id);
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void type(String id, String value, boolean enter) {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        box.clear();
        if (enter) box.sendKeys(value, Keys.ENTER); else box.sendKeys(value);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    /** The viewport as it is, into target/, for a person to look at. */
    private void screenshot(String name) throws IOException {
        Path shot = browser.driver().getScreenshotAs(OutputType.FILE).toPath();
        Path file = Path.of("target", name);
        Files.createDirectories(file.getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** With -Dkiosk.screenshots=true, each state as a person sees it, for a person to look at. */
    private void screenshotQuietly(String name) {
        try {
            screenshot(name);
        } catch (IOException | RuntimeException e) {
            problems.add("screenshot " + name + ": " + e);
        }
    }

}
