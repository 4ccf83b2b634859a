package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The terminal kiosk and the official console in real headless Chromium with the fake camera and microphone,
 * against the whole application on the dev profile's demo data and H2. Covers what needs no live signaling server:
 * choosing the booking, the identity check, the device self-test, the recording notice; the console's list of
 * today's sessions and opening one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class LivePagesIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = tempDir();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    private ChromiumBrowser browser;
    private WebDriverWait wait;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            try {
                screenshot("failure-" + context.getRequiredTestMethod().getName() + ".png");
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
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void countyStaffChooseTheBookingCheckThePetitionerInTestCameraAndMicAndShowTheRecordingNotice() throws IOException {
        LiveFixture f = LiveFixture.create(baseUrl(), PASSWORD);
        new BookingPage(browser.driver(), baseUrl()).logIn("jinjiang.scheduler", PASSWORD);
        assertThat(browser.driver().findElement(By.id("nav-terminal")).getText()).isEqualTo("接访终端");
        browser.driver().findElement(By.id("nav-terminal")).click();
        waitUntilReady();
        assertThat(text("pick-title")).isEqualTo("请选择今天的接访预约");
        assertThat(browser.driver().getTitle()).isEqualTo("接访终端 · 连心");

        // 1. today's list shows the booking; the code finds it too
        WebElement item = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=today-item][data-code='" + f.code() + "']")));
        assertThat(item.getText()).contains(f.leaderName()).contains(f.caseNumber()).contains("已预约");
        type("code", "NO-SUCH-CODE", true);
        assertThat(waitForText("pick-error")).startsWith("找不到相关记录");
        type("code", f.code().toLowerCase(), true);
        waitForPanel("identity");
        assertThat(text("booking-banner")).contains(f.leaderName()).contains(f.caseNumber());

        // 2. identity: a malformed number is caught in the page, a wrong one by the server; the field never keeps it
        type("id-number", "12345", true);
        assertThat(waitForText("identity-error")).startsWith("身份证号码格式不正确");
        type("id-number", f.otherValidIdNumber(), true);
        wait.until(d -> text("identity-error").startsWith("身份证号码与案件登记的不一致"));
        assertThat(browser.driver().findElement(By.id("id-number")).getAttribute("type")).isEqualTo("password");
        assertThat(browser.driver().findElement(By.id("id-number")).getAttribute("value")).isEmpty();
        assertThat(LiveFixture.state(baseUrl(), PASSWORD, f.bookingId())).isEqualTo("BOOKED");
        type("id-number", f.idNumber(), true);
        waitForPanel("devices");
        assertThat(LiveFixture.state(baseUrl(), PASSWORD, f.bookingId())).isEqualTo("CHECKED_IN");
        assertThat((String) js("return document.documentElement.innerHTML")).doesNotContain(f.idNumber());

        // 3. self-test: the fake camera plays in the preview, the fake microphone moves the level meter
        wait.until(d -> ((Number) js("return document.getElementById('self-test-video').readyState")).intValue() >= 2);
        double t0 = ((Number) js("return document.getElementById('self-test-video').currentTime")).doubleValue();
        wait.until(d -> ((Number) js("return document.getElementById('self-test-video').currentTime")).doubleValue()
                > t0 + 0.3);
        assertThat(((Number) js("return document.getElementById('self-test-video').videoWidth")).intValue()).isPositive();
        wait.until(d -> Integer.parseInt(browser.driver().findElement(By.id("meter")).getAttribute("data-max")) > 10);
        assertThat(waitForText("devices-status")).isEqualTo("摄像头和麦克风工作正常。");
        assertThat(text("devices-error")).isEmpty();
        screenshot("terminal-devices.png");

        // 4. the recording notice, before anything is joined
        click("devices-next");
        waitForPanel("notice");
        assertThat(text("notice-title")).isEqualTo("接访全程录音录像");
        assertThat(browser.driver().findElement(By.id("join")).isEnabled()).isFalse();
        click("notice-ack");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("join")));
        assertThat(resourcesFromOtherOrigins()).as("nothing loaded from outside the app").isEmpty();
        screenshot("terminal-notice.png");

        // English
        click("lang-switch");
        wait.until(d -> text("notice-title").equals("This reception is recorded (audio and video)"));
        assertThat(text("join")).isEqualTo("Start the video reception");
        click("lang-switch");
        wait.until(d -> text("notice-title").equals("接访全程录音录像"));
    }

    @Test
    void aCameraBlockedByTheBrowserIsExplainedInTheSelfTest() {
        LiveFixture f = LiveFixture.create(baseUrl(), PASSWORD);
        new BookingPage(browser.driver(), baseUrl()).logIn("jinjiang.scheduler", PASSWORD);
        browser.driver().get(baseUrl() + "/terminal/index.html");
        waitUntilReady();
        // the kiosk's browser refuses camera and microphone
        js("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('blocked', 'NotAllowedError'))");
        type("code", f.code(), true);
        waitForPanel("identity");
        type("id-number", f.idNumber(), true);
        waitForPanel("devices");
        assertThat(waitForText("devices-error")).startsWith("摄像头或麦克风被禁止使用");
        assertThat(browser.driver().findElement(By.id("devices-next")).isEnabled()).isFalse();
    }

    @Test
    void anInvitedDepartmentOfficialSeesTodaysSessionInTheConsoleAndOpensIt() throws IOException {
        LiveFixture f = LiveFixture.create(baseUrl(), PASSWORD, true);
        new BookingPage(browser.driver(), baseUrl()).logIn(f.inviteeUsername(), PASSWORD);
        browser.driver().findElement(By.id("nav-console")).click();
        waitUntilReady();
        assertThat(text("sessions-title")).isEqualTo("今日接访");
        By row = By.cssSelector("[data-testid=session-row][data-code='" + f.code() + "']");
        WebElement r = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(r.getText()).contains(f.caseNumber()).contains(f.leaderName()).contains(f.inviteeName() + "（待确认）");
        screenshot("console-sessions.png");

        r.findElement(By.cssSelector("[data-testid=open-session]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("room-panel")));
        assertThat(text("room-title")).contains(f.caseNumber()).contains(f.leaderName());
        // without the live server side the join token is refused and said so; with it, the status moves on
        wait.until(d -> !text("room-error").isBlank() || !List.of("", "正在连接…").contains(text("conn-status")));
        screenshot("console-room.png");
        click("leave");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    }

    // ---------------------------------------------------------------- helpers

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

    private Object js(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private List<String> resourcesFromOtherOrigins() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => !n.startsWith(location.origin + '/'))");
    }

    /** The whole page (not just the window) into target/, for a person to look at. */
    private void screenshot(String name) throws IOException {
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

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lianxin-live-pages-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
