package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One language at a time, in real headless Chromium against the whole application (dev profile, H2): the page
 * language follows the browser's on first visit (en-US gets English, zh-CN Chinese, on the login page and on every
 * signed-in page), then the user's choice, across pages and reloads; the login page reads in one language in each
 * of its states (PageAudit: no raw key, no text of the other language, no serious axe-core violation); a refusal
 * reads in the page's language only, its names and times filled in (never the server's English detail on a Chinese
 * page); and dates are typed and shown as YYYY-MM-DD whatever the browser's language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class LanguageIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = tempDir();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Each signed-in page, who opens it, and the id of a heading it always shows. */
    private static final List<String[]> PAGES = List.of(
            new String[] {"/booking/", "jinjiang.scheduler"},
            new String[] {"/terminal/", "jinjiang.scheduler"},
            new String[] {"/console/", "cd.leader"},
            new String[] {"/review/", "sc.reviewer"},
            new String[] {"/supervision/", "cd.leader"},
            new String[] {"/supervision/inbox/", "cd.housing"});

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:language-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @LocalServerPort
    int port;

    private ChromiumBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.close();
        browser = null;
    }

    @AfterAll
    static void deleteDataDir() throws IOException {
        TestDataDir.delete(DATA_DIR);
    }

    private void start(String browserLanguage) {
        ChromiumBrowser.assumeAvailable();
        browser = ChromiumBrowser.startWithFakeMedia(browserLanguage); // the kiosk may open the (fake) camera
        driver = browser.driver();
        wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @Test
    void anEnglishBrowserGetsEnglishOnFirstVisitToEveryPageAndTheLoginPageInEveryState() {
        start("en-US");
        open("/login");
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(text("login-title")).isEqualTo("Sign in");
        assertThat(storedChoice()).as("the browser's language is no choice of the user's").isNull();
        Object chosen = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/i18n.js').then(i18n => done([['en-US'], ['zh-CN', 'en'], ['fr-FR', 'en-GB', 'zh'],
                    ['fr-FR', 'zh-TW', 'en'], ['fr-FR'], ['ZH'], []].map(list => i18n.browserLang(list)).join(' ')));
                """);
        assertThat(chosen).as("the first Chinese or English of the browser's languages, else Chinese")
                .isEqualTo("en zh en zh zh zh zh");
        assertThat(audit("en").findings("login")).isEmpty();
        assertThat(smallerThanATouchTarget("button")).as("login: buttons under 44 × 44 px").isEmpty();

        submitLogin("jinjiang.scheduler", PASSWORD + "-wrong");
        waitForText("login-error", "Wrong username or password. Please try again.");
        assertThat(audit("en").findings("login: wrong password")).isEmpty();

        for (String[] page : PAGES) {
            logInAndOpen(page[1], page[0]);
            assertThat(htmlLang()).as(page[0]).isEqualTo("en");
            assertThat(text("logout")).as(page[0]).isEqualTo("Sign out");
            assertThat(text("lang-switch")).as(page[0]).isEqualTo("中文");
            assertThat(driver.getTitle()).as(page[0]).endsWith("· Lianxin");
            assertThat(smallerThanATouchTarget("#lang-switch, #logout")).as(page[0]).isEmpty();
            logOut("You have signed out.");
            assertThat(audit("en").findings("login: signed out")).isEmpty();
        }
    }

    @Test
    void aChineseBrowserGetsChineseThenTheUsersChoiceStaysAcrossPagesAndReloads() {
        start("zh-CN");
        open("/login");
        assertThat(htmlLang()).isEqualTo("zh");
        assertThat(text("login-title")).isEqualTo("登录");
        assertThat(audit("zh").findings("login")).isEmpty();
        submitLogin("jinjiang.scheduler", PASSWORD + "-wrong");
        waitForText("login-error", "用户名或密码错误，请重新输入。");
        assertThat(audit("zh").findings("login: wrong password")).isEmpty();
        // staff sign in on the kiosk too: a landscape 1366×768 and a portrait 1080×1920 screen show it all at once
        for (Dimension screen : List.of(new Dimension(1366, 768), new Dimension(1080, 1920))) {
            driver.manage().window().setSize(screen);
            assertThat(PageAudit.outsideViewport(driver, By.id("login-error"), By.id("username"), By.id("password"),
                    By.id("login-submit"), By.id("lang-switch"))).as("login at %s", screen).isEmpty();
        }

        logInAndOpen("jinjiang.scheduler", "/booking/");
        assertThat(htmlLang()).isEqualTo("zh");
        logOut("您已安全退出。");
        assertThat(audit("zh").findings("login: signed out")).isEmpty();

        // the user chooses English on the login page: it stays for the pages after it, and after a reload
        driver.findElement(By.id("lang-switch")).click();
        waitForText("login-info", "You have signed out.");
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(storedChoice()).isEqualTo("en");
        assertThat(audit("en").findings("login: signed out, switched to English")).isEmpty();
        for (String[] page : PAGES) {
            logInAndOpen(page[1], page[0]);
            assertThat(htmlLang()).as(page[0]).isEqualTo("en");
            driver.navigate().refresh();
            waitUntilReady();
            assertThat(htmlLang()).as(page[0] + " reloaded").isEqualTo("en");
            assertThat(text("logout")).as(page[0]).isEqualTo("Sign out");
            logOut("You have signed out.");
        }

        // back to Chinese on a signed-in page: the next page and the login page follow
        logInAndOpen("sc.reviewer", "/review/");
        driver.findElement(By.id("lang-switch")).click();
        wait.until(d -> htmlLang().equals("zh"));
        assertThat(text("logout")).isEqualTo("退出登录");
        driver.navigate().refresh();
        waitUntilReady();
        assertThat(htmlLang()).isEqualTo("zh");
        logOut("您已安全退出。");
        assertThat(htmlLang()).isEqualTo("zh");
    }

    @Test
    void aRefusalReadsInThePagesLanguageOnlyWithItsNamesAndTimes() {
        start("zh-CN");
        logInAndOpen("jinjiang.scheduler", "/booking/");

        // a rule with facts, as the server sends it (a refusal of the calendar rule)
        showProblem(409, Map.of("rule", "terminal-busy", "title", "Conflict",
                "detail", "terminal 一号接访室 busy 2026-12-01 09:30–10:00", "terminal", "一号接访室",
                "start", "2026-12-01T01:30:00Z", "end", "2026-12-01T02:00:00Z", "zone", "Asia/Shanghai"));
        assertThat(text("page-error")).isEqualTo("一号接访室在12月1日周二 09:30–10:00已有接访，请另选时段或接访室");
        assertThat(otherLanguageIn("page-error")).isEmpty();
        switchLanguage("en");
        assertThat(text("page-error")).isEqualTo(
                "一号接访室 has a session from Tue 1 Dec 09:30 to 10:00; choose another time or room");
        assertThat(otherLanguageIn("page-error")).as("the room's name is data (translate=no)").isEmpty();

        // an office's English name on an English page
        showProblem(422, Map.of("rule", "case-outside-official-jurisdiction", "detail", "case …",
                "caseNumber", "SC-2026-000101", "caseOffice", "锦江区", "caseOfficeEn", "Jinjiang",
                "official", "绵阳市领导", "jurisdiction", "绵阳市", "jurisdictionEn", "Mianyang"));
        assertThat(text("page-error")).isEqualTo(
                "Case SC-2026-000101 of Jinjiang is outside the jurisdiction of 绵阳市领导 (Mianyang)");
        switchLanguage("zh");
        assertThat(text("page-error")).isEqualTo("案件SC-2026-000101属于锦江区，不在绵阳市领导（绵阳市）的管辖范围内");
        assertThat(otherLanguageIn("page-error")).isEmpty();

        // a rule the page has no message for: Chinese generic message and the code, never the English detail
        showProblem(418, Map.of("rule", "http-418", "title", "I'm a teapot", "detail", "short and stout"));
        assertThat(text("page-error")).isEqualTo("操作失败（错误代码：http-418）").doesNotContain("teapot");
        assertThat(otherLanguageIn("page-error")).isEmpty();
        switchLanguage("en");
        assertThat(text("page-error")).isEqualTo("I'm a teapot: short and stout");

        // an internal error keeps its id
        showProblem(500, Map.of("rule", "internal", "detail", "internal error; quote id abc-123 to the operator",
                "errorId", "abc-123"));
        assertThat(text("page-error")).isEqualTo(
                "Internal server error; quote the error number abc-123 to the operator");
        switchLanguage("zh");
        assertThat(text("page-error")).isEqualTo("服务器内部错误，请将错误编号 abc-123 告知管理员");

        // field errors of the real server (Bean Validation), by constraint, in the page's language
        Object shown = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/js/api.js'), import('/js/page.js')]).then(([api, page]) =>
                  api.post('/api/v1/bookings/1/cancel', {reason: ''}).then(() => done('accepted'), err => {
                    page.sayError(document.getElementById('page-error'), err);
                    done(JSON.stringify(err.problem));
                  }));
                """);
        assertThat(String.valueOf(shown)).contains("\"constraint\":\"NotBlank\"");
        assertThat(text("page-error")).isEqualTo("填写的内容有误（原因不能为空）");
        switchLanguage("en");
        assertThat(text("page-error")).isEqualTo("Some fields are not valid (Reason is required)");
    }

    @Test
    void datesAreShownAndTypedAsYearMonthDayWhateverTheBrowsersLanguage() {
        start("en-US");
        open("/login");
        driver.findElement(By.id("lang-switch")).click(); // a Chinese page in an English browser
        logInAndOpen("jinjiang.scheduler", "/booking/");
        assertThat(htmlLang()).isEqualTo("zh");
        WebElement from = driver.findElement(By.id("from"));
        assertThat(from.getAttribute("type")).isEqualTo("text");
        wait.until(d -> !from.getAttribute("value").isEmpty());
        assertThat(from.getAttribute("value")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(from.getAttribute("placeholder")).isEqualTo("年-月-日");
        assertThat(driver.findElement(By.cssSelector("#from + .date-field-button")).getAttribute("aria-label"))
                .isEqualTo("从日历中选择日期");
        assertThat(PageAudit.of(driver, "zh").accessibility()).as("axe-core on the date fields")
                .filteredOn(f -> f.contains("date-field") || f.contains("#from") || f.contains("#to")).isEmpty();
        assertThat(driver.findElement(By.id("who")).findElements(By.cssSelector("[translate=no]")))
                .as("the signed-in person's name and office are data").hasSize(2);

        from.clear();
        from.sendKeys("2026年3月9日");
        driver.findElement(By.id("to")).click();
        assertThat(from.getAttribute("value")).isEqualTo("2026-03-09");
        from.clear();
        from.sendKeys("2026-02-30");
        driver.findElement(By.id("to")).click();
        assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(from.getAttribute("validationMessage")).startsWith("请按");
    }

    /**
     * A list of today's sessions near midnight (the full run that crossed midnight in Shanghai): at 23:55 the
     * leader's console and the kiosk also ask for the next day and keep a session at 00:05, shown with its day; at
     * 10:00 they ask for today only; a session twelve hours or more ahead on the next day is left for its own day.
     */
    @Test
    void aListOfTodaysSessionsAtMidnightKeepsTheOnesJustAfterItWithTheirDay() {
        start("zh-CN");
        open("/login");
        Object seen = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/dates.js').then(d => {
                  const z = 'Asia/Shanghai';
                  const late = d.todayAndSoon(z, new Date('2026-12-02T15:55:00Z'));      // 23:55 in Shanghai
                  const soon = { start: '2026-12-02T16:05:00Z', end: '2026-12-02T16:10:00Z' }; // 00:05 the next day
                  const noon = { start: '2026-12-03T04:00:00Z', end: '2026-12-03T04:05:00Z' }; // 12:00 the next day
                  const tonight = { start: '2026-12-02T15:50:00Z', end: '2026-12-02T15:55:00Z' };
                  const morning = d.todayAndSoon(z, new Date('2026-12-02T02:00:00Z'));   // 10:00 in Shanghai
                  done([late.from, late.to, late.keep(soon), late.keep(noon), late.keep(tonight),
                    d.sessionTimes(tonight, z, late.today), d.sessionTimes(soon, z, late.today),
                    morning.from, morning.to].join(' | '));
                });
                """);
        assertThat(seen).isEqualTo("2026-12-02 | 2026-12-03 | true | false | true | 23:50–23:55 | "
                + "12月3日周四 00:05–00:10 | 2026-12-02 | 2026-12-02");
    }

    // ---------------------------------------------------------------- helpers

    private void showProblem(int status, Map<String, Object> problem) {
        ((JavascriptExecutor) driver).executeAsyncScript("""
                const [status, problem, done] = arguments;
                Promise.all([import('/js/api.js'), import('/js/page.js')]).then(([api, page]) => {
                  page.sayError(document.getElementById('page-error'), new api.ApiError(status, problem));
                  done();
                });
                """, status, problem);
    }

    /** Text of the box outside translate="no" that is in the other language than the page's. */
    private List<String> otherLanguageIn(String id) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const box = document.getElementById(arguments[0]);
                const zh = document.documentElement.lang.startsWith('zh');
                const out = [];
                const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  if (n.parentElement.closest('[translate="no"]')) continue;
                  const bad = zh ? n.nodeValue.match(/[A-Za-z]{2,}/g) : n.nodeValue.match(/[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]+/g);
                  if (bad) out.push(...bad.filter(w => w !== 'HTTP'));
                }
                return out;""", id);
        return found;
    }

    /** The visible elements matching {@code css} smaller than 44 × 44 CSS pixels (WCAG 2.5.5, a touch screen). */
    private List<String> smallerThanATouchTarget(String css) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll(arguments[0])].filter(e => e.checkVisibility())
                  .map(e => [e.id || e.textContent.trim(), e.getBoundingClientRect()])
                  .filter(([, r]) => r.width < 44 || r.height < 44)
                  .map(([name, r]) => name + ' ' + Math.round(r.width) + '×' + Math.round(r.height));""", css);
        return found;
    }

    private void switchLanguage(String language) {
        driver.findElement(By.id("lang-switch")).click();
        wait.until(d -> htmlLang().equals(language));
    }

    private PageAudit audit(String language) {
        return PageAudit.of(driver, language);
    }

    private void open(String path) {
        driver.get("http://localhost:" + port + path);
        wait.until(d -> !text("lang-switch").isBlank() && !((JavascriptExecutor) d)
                .executeScript("return document.title").toString().isBlank());
    }

    private void submitLogin(String username, String password) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    /** Signs in from the login page and opens {@code path}; waits until it is ready. */
    private void logInAndOpen(String username, String path) {
        if (!driver.getCurrentUrl().contains("/login")) open("/login");
        submitLogin(username, PASSWORD);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        if (!driver.getCurrentUrl().contains(path)) driver.get("http://localhost:" + port + path);
        waitUntilReady();
    }

    private void waitUntilReady() {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    private void logOut(String message) {
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        waitForText("login-info", message);
    }

    private void waitForText(String id, String expected) {
        wait.until(d -> expected.equals(text(id)));
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    private String htmlLang() {
        String lang = (String) ((JavascriptExecutor) driver).executeScript("return document.documentElement.lang");
        return lang == null ? "" : lang.substring(0, Math.min(2, lang.length()));
    }

    private String storedChoice() {
        return (String) ((JavascriptExecutor) driver).executeScript("return localStorage.getItem('lianxin.lang')");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lianxin-language-it-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
