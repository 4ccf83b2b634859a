package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reception-hours page (/admin/) in real headless Chromium against the whole application on the demo data: the
 * province's administrator finds 锦江区's leader (Tuesdays and Thursdays), gives him hours on another day and sees
 * that day's free slots appear, blocks them for a meeting and sees them go, removes the block and the hours again;
 * mistakes are told in one language; every state is audited (PageAudit) in Chinese and in English. County staff see
 * only their county's people. One application and one browser for the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class AdminPageIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = TestDataDir.create("lianxin-admin-page-it-");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Names shown as data in the frame (who is signed in), in either language. */
    private static final List<String> NAMES = List.of("省信访局管理员", "锦江区信访局接访员");
    private static final String LEADER_TITLE = "锦江区信访局局长";
    private static final String REASON = "参加全省信访工作会议";

    private static ChromiumBrowser browser;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    static void startBrowser() {
        ChromiumBrowser.assumeAvailable();
        browser = ChromiumBrowser.start("zh-CN");
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) browser.close();
        TestDataDir.delete(DATA_DIR);
    }

    @Test
    void theAdministratorEditsALeadersHoursAndBlocksAndSeesTheFreeSlotsChangeInBothLanguages() {
        WebDriver d = browser.driver();
        try {
            logIn("sc.admin");
            // the administrator lands on the booking page, which links to the reception hours
            d.findElement(By.id("nav-admin")).click();
            waitReady();
            assertThat(d.getCurrentUrl()).endsWith("/admin/");
            assertThat(text("people-title")).isEqualTo("领导和部门工作人员");
            assertThat(d.findElements(By.cssSelector("[data-testid=person]"))).isNotEmpty();
            audit("zh", "list, nobody chosen");

            pick(LEADER_TITLE);
            assertThat(text("editor-title")).endsWith("的接访时间");
            assertThat(text("editor-facts")).contains("锦江区").contains("每次 30 分钟");
            assertThat(windowDays()).containsOnly("TUESDAY", "THURSDAY");
            int before = totalFree();
            audit("zh", "a leader's hours");

            // hours on a day without any: that day's slots appear
            LocalDate day = dayWithoutHours();
            String dayName = day.getDayOfWeek().name();
            addWindow(dayName, "09:00", "12:00");
            click("windows-save");
            waitText("windows-ok", "已保存");
            waitUntil(() -> freeOn(day) == 4, "4 free slots on " + day + " (30 min + 10 min buffer, 09:00–12:00)");
            assertThat(totalFree()).isEqualTo(before + 4);
            assertThat(text("slots")).contains("09:00", "09:40", "10:20", "11:00");

            // a meeting blocks them
            setValue("block-start-date", day.toString());
            setValue("block-start-time", "08:30");
            setValue("block-end-date", day.toString());
            setValue("block-end-time", "12:30");
            browser.driver().findElement(By.id("block-reason")).sendKeys(REASON);
            click("block-add");
            waitText("blocks-ok", "已添加暂停时段");
            waitUntil(() -> freeOn(day) == 0, "no free slot on " + day + " while blocked");
            assertThat(totalFree()).isEqualTo(before);
            assertThat(text("blocks")).contains(REASON).contains("08:30").contains("12:30");
            audit("zh", "hours added and a period blocked");
            screenshot("admin-page.png"); // for a person to look at

            // mistakes are told before anything is sent, in Chinese
            click("window-add");
            List<WebElement> rows = rows();
            WebElement last = rows.get(rows.size() - 1);
            setValue(last.findElement(By.cssSelector("[data-testid=window-start]")), "12:00");
            setValue(last.findElement(By.cssSelector("[data-testid=window-end]")), "09:00");
            click("windows-save");
            waitText("windows-error", "开始时间须早于结束时间");
            setValue("block-end-date", "");
            click("block-add");
            waitText("blocks-error", "请填写开始和结束的日期和时间");
            audit("zh", "mistakes in the hours and the blocked period");

            // the same states in English: the messages follow the switch
            click("lang-switch");
            waitText("people-title", "Leaders and department officials");
            assertThat(text("windows-error")).contains("the start must be before the end");
            assertThat(text("blocks-error")).contains("Fill in the date and time");
            assertThat(text("blocks")).contains(REASON);
            audit("en", "mistakes in the hours and the blocked period");

            // overlapping hours (the switch drew the rows again)
            rows = rows();
            last = rows.get(rows.size() - 1);
            new Select(last.findElement(By.cssSelector("[data-testid=window-day]"))).selectByValue("TUESDAY");
            setValue(last.findElement(By.cssSelector("[data-testid=window-start]")), "10:00");
            setValue(last.findElement(By.cssSelector("[data-testid=window-end]")), "11:00");
            click("windows-save");
            waitText("windows-error", "overlap on Tuesday");
            audit("en", "overlapping hours");
            last.findElement(By.cssSelector("[data-testid=window-remove]")).click();

            // the block removed: the slots come back; the hours removed: they go
            d.findElement(By.cssSelector("[data-testid=block-remove]")).click();
            waitText("blocks-ok", "Removed the blocked period");
            waitUntil(() -> freeOn(day) == 4, "4 free slots on " + day + " again");
            audit("en", "a block removed");
            for (WebElement row : rows()) {
                if (new Select(row.findElement(By.cssSelector("[data-testid=window-day]"))).getFirstSelectedOption()
                        .getAttribute("value").equals(dayName)) {
                    row.findElement(By.cssSelector("[data-testid=window-remove]")).click();
                    break;
                }
            }
            click("windows-save");
            waitText("windows-ok", "Reception hours saved");
            waitUntil(() -> freeOn(day) == 0 && totalFree() == before, "the free slots as before");
            assertThat(windowDays()).containsOnly("TUESDAY", "THURSDAY");
            audit("en", "a leader's hours");

            // back in Chinese after a reload: the choice is kept
            d.navigate().refresh();
            waitReady();
            assertThat(text("people-title")).isEqualTo("Leaders and department officials");
            audit("en", "list, nobody chosen");
            click("lang-switch");
            waitText("people-title", "领导和部门工作人员");
        } catch (RuntimeException | AssertionError e) {
            screenshot("admin-page-failure.png");
            throw e;
        }
    }

    @Test
    void countyStaffSeeOnlyTheirCountysPeopleAndTheDutyLeaderWhoReceivesAllDay() {
        WebDriver d = browser.driver();
        try {
            logIn("jinjiang.scheduler");
            d.get(base() + "/admin/");
            waitReady();
            List<String> people = new ArrayList<>();
            for (WebElement e : d.findElements(By.cssSelector("[data-testid=person]"))) people.add(e.getText());
            assertThat(people).isNotEmpty().allMatch(p -> p.contains("锦江区"));
            assertThat(people).anyMatch(p -> p.contains(LEADER_TITLE)).anyMatch(p -> p.contains("值班领导"));
            pick("值班领导");
            assertThat(windowDays()).containsExactlyInAnyOrder("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                    "SATURDAY", "SUNDAY");
            assertThat(totalFree()).as("the duty leader's free slots in the next 7 days").isGreaterThan(6 * 40);
            audit("zh", "the duty leader's hours, as county staff");
        } catch (RuntimeException | AssertionError e) {
            screenshot("admin-page-county-failure.png");
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------ steps

    private void logIn(String user) {
        WebDriver d = browser.driver();
        d.manage().deleteAllCookies();
        d.get(base() + "/login");
        ((JavascriptExecutor) d).executeScript("window.localStorage.clear();");
        d.get(base() + "/login");
        WebElement name = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        name.clear();
        name.sendKeys(user);
        d.findElement(By.id("password")).sendKeys(PASSWORD);
        d.findElement(By.id("login-submit")).click();
        waiting().until(x -> x.getCurrentUrl().contains("/booking/") || x.getCurrentUrl().contains("/console/"));
        waitReady();
    }

    private void pick(String titlePart) {
        WebDriver d = browser.driver();
        WebElement filter = d.findElement(By.id("people-filter"));
        filter.clear();
        filter.sendKeys(titlePart);
        WebElement person = waiting().until(x -> x.findElements(By.cssSelector("[data-testid=person]")).stream()
                .filter(e -> e.getText().contains(titlePart)).findFirst().orElse(null));
        String id = person.getAttribute("data-official-id");
        person.click();
        waiting().until(ExpectedConditions.attributeToBe(By.id("editor"), "data-official-id", id));
        waiting().until(x -> x.findElement(By.id("slots")).getAttribute("data-total") != null);
    }

    private List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("[data-testid=window-row]"));
    }

    private List<String> windowDays() {
        return rows().stream().map(r -> new Select(r.findElement(By.cssSelector("[data-testid=window-day]")))
                .getFirstSelectedOption().getAttribute("value")).toList();
    }

    private void addWindow(String day, String start, String end) {
        click("window-add");
        List<WebElement> rows = rows();
        WebElement row = rows.get(rows.size() - 1);
        new Select(row.findElement(By.cssSelector("[data-testid=window-day]"))).selectByValue(day);
        setValue(row.findElement(By.cssSelector("[data-testid=window-start]")), start);
        setValue(row.findElement(By.cssSelector("[data-testid=window-end]")), end);
    }

    /** A day of the next week (not today) on which the leader has no hours: Mondays, Wednesdays, Fridays… */
    private static LocalDate dayWithoutHours() {
        LocalDate today = LocalDate.now(SHANGHAI);
        for (int i = 1; i < 7; i++) {
            LocalDate d = today.plusDays(i);
            if (d.getDayOfWeek() != DayOfWeek.TUESDAY && d.getDayOfWeek() != DayOfWeek.THURSDAY) return d;
        }
        throw new AssertionError("no such day");
    }

    private int totalFree() {
        String total = browser.driver().findElement(By.id("slots")).getAttribute("data-total");
        return total == null ? -1 : Integer.parseInt(total);
    }

    private int freeOn(LocalDate day) {
        List<WebElement> found = browser.driver().findElements(By.cssSelector("[data-testid=slot-day][data-day='"
                + day + "']"));
        return found.isEmpty() ? -1 : Integer.parseInt(found.get(0).getAttribute("data-free"));
    }

    private void audit(String language, String state) {
        assertThat(PageAudit.of(browser.driver(), language).allowing(NAMES).findings("admin page: " + state))
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------ plumbing

    private String base() {
        return "http://localhost:" + port;
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = browser.waiting(TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void waitReady() {
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    private void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        waiting().withMessage(what).until(x -> condition.getAsBoolean());
    }

    private void waitText(String id, String part) {
        waiting().withMessage("#" + id + " to say '" + part + "'")
                .until(x -> x.findElement(By.id(id)).getText().contains(part));
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private void click(String id) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void setValue(String id, String value) {
        setValue(browser.driver().findElement(By.id(id)), value);
    }

    /** Sets a date or time input as a person's picking does (typing into them depends on the locale). */
    private void setValue(WebElement input, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
    }

    private void screenshot(String name) {
        try {
            Path file = Path.of("target", name);
            Files.createDirectories(file.getParent());
            Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (RuntimeException | IOException e) {
            // a missing screenshot must not hide the failure
        }
    }

}
