package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.testing.IdNumbers;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every signed-in page's scripts (native ES modules, one part per job) load and run without a script error, also
 * along the paths the other page ITs do not take: the booking list's show-all and refresh, changing the chosen
 * case; the kiosk's code search, identity check, camera self-test again, the notice and every back button; the
 * console's new-consultation dialog with its case search and the office-tree invite dialog; the review page's
 * legal hold set and released with the access log shown, closing a recording; and a language switch on each page
 * with its parts shown (every part re-renders). A recorder injected before the page's own scripts keeps uncaught
 * errors, rejected promises nobody handled, console.error and scripts that failed to load; it must stay empty.
 * Real headless Chromium against the whole application (dev profile, H2).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class PageScriptsIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = tempDir();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Runs before the page's own scripts: keeps every script error the page meets in window.__scriptErrors. */
    private static final String RECORDER = """
            (() => {
              const seen = window.__scriptErrors = [];
              window.addEventListener('error', (e) => {
                const t = e.target;
                if (t && t !== window && (t.src || t.href)) seen.push('failed to load ' + (t.src || t.href));
                else seen.push(String(e.message) + ' at ' + e.filename + ':' + e.lineno + ':' + e.colno);
              }, true);
              window.addEventListener('unhandledrejection', (e) => {
                seen.push('unhandled rejection: ' + (e.reason && e.reason.stack ? e.reason.stack : String(e.reason)));
              });
              const error = console.error.bind(console);
              console.error = (...args) => {
                seen.push('console.error: ' + args.map(a => a && a.stack ? a.stack : String(a)).join(' '));
                error(...args);
              };
            })();
            """;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:page-scripts-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @LocalServerPort
    int port;
    @Autowired
    RecordingCatalog catalog;
    @Autowired
    ObjectStore store;
    @Autowired
    Cases cases;
    @Autowired
    Offices offices;

    private ChromiumBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        ChromiumBrowser.assumeAvailable();
        browser = ChromiumBrowser.startWithFakeMedia("zh-CN"); // the kiosk's self-test opens the fake camera
        driver = browser.driver();
        browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
        wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class); // the pages re-render what they show
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    @AfterAll
    static void deleteDataDir() throws IOException {
        TestDataDir.delete(DATA_DIR);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lianxin-page-scripts-it-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void theBookingPageListsChangesTheCaseAndSwitchesLanguageWithoutAScriptError() {
        LiveFixture f = LiveFixture.create(baseUrl(), PASSWORD);
        BookingPage page = new BookingPage(driver, baseUrl());
        page.logIn("jinjiang.scheduler", PASSWORD);

        By row = By.cssSelector("tr[data-testid=booking-row][data-code='" + f.code() + "']");
        click("show-all");
        wait.until(d -> d.findElement(row).isDisplayed());
        click("refresh");
        wait.until(d -> d.findElement(row).isDisplayed());
        page.findAndPickCase(f.caseNumber(), f.caseNumber());
        page.chooseLeader("COUNTY");
        page.chooseFirstActiveTerminal();
        assertThat(page.freeSlots()).isNotEmpty();
        click("case-change");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("case-results")));
        assertThat(driver.findElement(By.id("leader")).isEnabled()).as("no case, no leader").isFalse();

        // a dialog open while the language switches re-renders in English
        clickWhenThere(By.cssSelector("tr[data-testid=booking-row][data-code='" + f.code() + "'] [data-testid=history]"));
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=history-entry]")).isEmpty());
        switchLanguage("Reception booking");
        wait.until(ExpectedConditions.textToBe(By.id("list-title"), "Bookings of this office"));
        click("h-close");
        switchLanguage("视频接访预约");
        wait.until(ExpectedConditions.textToBe(By.id("list-title"), "本单位预约"));

        assertNoScriptError();
    }

    @Test
    void theKioskGoesThroughItsStepsAndBackWithoutAScriptError() {
        LiveFixture f = LiveFixture.create(baseUrl(), PASSWORD);
        new BookingPage(driver, baseUrl()).logIn("jinjiang.scheduler", PASSWORD);
        driver.get(baseUrl() + "/terminal/");
        waitUntilReady();

        // an unknown code, then today's list again, then the booking by its code
        type("code", "NO-SUCH-CODE");
        click("code-find");
        wait.until(d -> !d.findElement(By.id("pick-error")).getText().isBlank());
        click("pick-refresh");
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=today-item][data-code='" + f.code() + "']")).isEmpty());
        type("code", f.code());
        click("code-find");
        waitForStep("identity");

        // a wrong ID number is refused by the page; the right one checks in
        type("id-number", "123");
        click("identity-check");
        wait.until(d -> !d.findElement(By.id("identity-error")).getText().isBlank());
        type("id-number", f.idNumber());
        click("identity-check");
        waitForStep("devices");

        // the self-test, again, then on to the notice and back to the start through every back button
        wait.until(ExpectedConditions.elementToBeClickable(By.id("devices-next")));
        click("devices-retry");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("devices-next")));
        click("devices-next");
        waitForStep("notice");
        click("notice-ack");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("join")));
        switchLanguage("Reception terminal");
        back("devices");
        waitForStep("devices");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("devices-next")));
        back("identity-or-pick");
        waitForStep("pick"); // checked in: back to the list
        switchLanguage("接访终端");

        assertNoScriptError();
    }

    @Test
    void theConsoleOpensAConsultationAndItsInviteDialogWithoutAScriptError() {
        new BookingPage(driver, baseUrl()).submitLogin("cd.leader", PASSWORD);
        wait.until(ExpectedConditions.urlContains("/console/"));
        waitUntilReady();
        wait.until(ExpectedConditions.attributeToBe(By.id("consultations-panel"), "data-loaded", "true"));

        click("consult-new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("consult-dialog")));
        type("cd-title-input", "页面脚本检查 " + UUID.randomUUID().toString().substring(0, 8));
        type("cd-case-q", "PAGE");
        wait.until(d -> d.findElements(By.cssSelector("#cd-case option")).size() > 0);
        switchLanguage("Reception console");
        click("cd-create");

        // the next step opens by itself: the office tree, the caller's chain open
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("consult-invite-dialog")));
        By county = By.cssSelector("[data-testid=office-node][data-code='510104']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(county));
        clickWhenThere(By.cssSelector("[data-testid=office-node][data-code='510104'] > [data-testid=office-toggle]"));
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=office-node][data-code='510104'] [data-testid=tree-official]"))
                .isEmpty());
        switchLanguage("接访控制台");
        click("ci-close");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("consult-invite-dialog")));
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=consult-row][data-state=OPEN]")).isEmpty());

        assertNoScriptError();
    }

    @Test
    void theReviewPageHoldsAndReleasesAndShowsTheAccessesWithoutAScriptError() throws Exception {
        long province = offices.byCode("510000").id();
        String number = "PS-" + UUID.randomUUID().toString().substring(0, 8);
        CaseFile c = cases.create(Actor.system(province), new NewCase(number, "李脚本", IdNumbers.valid("510104", 4343),
                "13800004343", "拆迁安置", "住房城建", "510104"));
        Recording r = finishedRecording(c);

        new BookingPage(driver, baseUrl()).logIn("sc.reviewer", PASSWORD);
        driver.get(baseUrl() + "/review/?case=" + number);
        waitUntilReady();
        By caseButton = By.cssSelector("[data-testid=case-result][data-case-id='" + c.id() + "']");
        wait.until(ExpectedConditions.elementToBeClickable(caseButton)).click();
        By row = By.cssSelector("[data-testid=recording-row][data-id='" + r.id() + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        click("list-refresh");
        clickWhenThere(By.cssSelector("[data-testid=recording-row][data-id='" + r.id() + "'] [data-testid=recording-open]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));

        // the access log first, so that the hold reloads it
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=accesses-load]"))).click();
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=access-row]")).isEmpty());
        int accesses = driver.findElements(By.cssSelector("[data-testid=access-row]")).size();
        type("hold-reason", "行政复议");
        driver.findElement(By.cssSelector("[data-testid=hold-set]")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=hold-state]")).getText().contains("行政复议"));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=access-row]")).size() > accesses);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=hold-release]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=hold-set]")));
        switchLanguage("Recording review");
        wait.until(d -> d.findElement(By.id("detail-title")).getText().startsWith("Recording #" + r.id()));
        click("detail-close");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));
        switchLanguage("录像审查");

        assertNoScriptError();
    }

    // ---------------------------------------------------------------- helpers

    /** An ended reception recording of the case, no segments, nothing composed. */
    private Recording finishedRecording(CaseFile c) throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        Recording r = catalog.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION,
                "page-scripts-it-" + UUID.randomUUID(), null, null, c.id(), c.officeId(), "page-scripts-it", t0));
        catalog.markRecording(r.id(), t0);
        byte[] manifest = ("{\"format\":\"" + Manifest.FORMAT + "\"}").getBytes(StandardCharsets.UTF_8);
        store.put(Manifest.key(r.id()), manifest, "application/json");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
        catalog.finish(r.id(), Recording.Status.COMPLETED, t0.plusSeconds(45), Manifest.key(r.id()), sha,
                Instant.now().plus(Duration.ofDays(3650)));
        return catalog.find(r.id()).orElseThrow();
    }

    private void waitUntilReady() {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Clicks the element once it is there, again if the page re-rendered it in between. */
    private void clickWhenThere(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private void type(String id, String text) {
        var field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /**
     * Switches the language and waits for the page title to be {@code title} (the part before " · "). Pressed from
     * a script: a modal dialog may be open (a person would close it first), and its part must re-render too.
     */
    private void switchLanguage(String title) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('lang-switch').click()");
        wait.until(d -> d.getTitle().startsWith(title + " · "));
    }

    private void waitForStep(String step) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-step", step));
    }

    /** Presses the visible back button that goes to {@code to}. */
    private void back(String to) {
        driver.findElements(By.cssSelector("button.back[data-back='" + to + "']")).stream()
                .filter(b -> b.isDisplayed()).findFirst().orElseThrow().click();
    }

    @SuppressWarnings("unchecked")
    private void assertNoScriptError() {
        List<String> errors = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return window.__scriptErrors || ['the recorder did not run']");
        assertThat(errors).as("script errors on " + driver.getCurrentUrl()).isEmpty();
    }
}
