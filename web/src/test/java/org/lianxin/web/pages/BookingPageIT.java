package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The county staff's booking page in real headless Chromium (Debian's chromium and chromedriver), against the
 * whole application on the dev profile's demo data and H2: log in, find a case, choose the county leader, see
 * free slots, book, collide, reschedule, cancel, switch to English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class BookingPageIT {
    /** A new demo password per run: nothing here works with a guessed or committed one. */
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = TestDataDir.create("lianxin-booking-page-it-");
    private static final Path SCREENSHOT = Path.of("target", "booking-page.png");

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    private ChromiumBrowser browser;

    /** On failure, what the browser showed (before @AfterEach closes it). */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            try {
                saveScreenshot(Path.of("target", "failure-" + context.getRequiredTestMethod().getName() + ".png"));
            } catch (RuntimeException | IOException e) {
                context.getExecutionException().get().addSuppressed(e);
            }
        }
    };

    @BeforeEach
    void startBrowser() {
        ChromiumBrowser.assumeAvailable();
        browser = ChromiumBrowser.start("zh-CN");
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
    void aWrongPasswordKeepsTheStaffOnTheLoginPageWithAnError() {
        BookingPage page = new BookingPage(browser.driver(), baseUrl());
        page.submitLogin("jinjiang.scheduler", PASSWORD + "-wrong");

        assertThat(page.loginError()).isEqualTo("用户名或密码错误，请重新输入。");
        assertThat(browser.driver().getCurrentUrl()).contains("/login");
        assertThat(page.text("login-title")).isEqualTo("登录");
    }

    @Test
    void countyStaffBookTheCountyLeaderCollideRescheduleCancelAndSwitchToEnglish() throws IOException {
        BookingPage page = new BookingPage(browser.driver(), baseUrl());
        page.logIn("jinjiang.scheduler", PASSWORD);

        // Chinese first: who is logged in, at which office
        assertThat(page.htmlLang()).isEqualTo("zh-CN");
        assertThat(page.who()).contains("锦江区");
        assertThat(page.text("new-title")).isEqualTo("新建预约");
        assertThat(page.text("book")).isEqualTo("预约");
        assertThat(page.resourcesFromOtherOrigins()).as("nothing loaded from outside the app").isEmpty();

        // find a case of the county by its number
        List<String> recent = page.openCaseNumbersShown();
        assertThat(recent).isNotEmpty();
        String caseNumber = recent.get(0);
        page.findAndPickCase(caseNumber, caseNumber);

        // the leaders offered are the county's, the city's and the province's, nearest first
        assertThat(page.leaderGroups()).startsWith("锦江区", "成都市", "四川省");
        String leader = page.chooseLeader("COUNTY");
        String terminal = page.chooseFirstActiveTerminal();
        List<String> slots = page.freeSlots();
        assertThat(slots).as("free slots of %s in the next 14 days", leader).isNotEmpty();
        // shown in the office's zone: the demo windows start at 09:00 or 14:30 Asia/Shanghai
        assertThat(page.slotLabels()).anyMatch(label -> label.startsWith("09:00") || label.startsWith("14:30"));
        String slot = slots.get(0);

        // a second tab (a colleague) prepares the very same booking
        String firstTab = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        BookingPage colleague = new BookingPage(browser.driver(), baseUrl());
        colleague.open();
        colleague.findAndPickCase(caseNumber, caseNumber);
        colleague.chooseLeader("COUNTY");
        assertThat(colleague.chooseFirstActiveTerminal()).isEqualTo(terminal);
        assertThat(colleague.freeSlots()).contains(slot);
        colleague.pickSlot(slot);
        String secondTab = browser.driver().getWindowHandle();

        // book in the first tab: success with a code, and the booking in the office's list
        browser.driver().switchTo().window(firstTab);
        page.pickSlot(slot);
        assertThat(page.bookSummary()).contains(caseNumber);
        String invitee = page.inviteFirstDepartmentOfficial();
        String code = page.book();
        assertThat(code).isNotBlank();
        assertThat(page.bookResult()).startsWith("预约成功，预约码：").contains(code);
        String row = page.bookingRow(code);
        assertThat(row).contains(caseNumber).contains("已预约").contains(invitee + "（待确认）");
        assertThat(page.bookingStart(code)).isEqualTo(slot);
        assertThat(page.freeSlots()).doesNotContain(slot);
        takeScreenshot();

        // the colleague's stale page books the same slot: refused, in Chinese, naming what is busy
        browser.driver().switchTo().window(secondTab);
        String refusal = colleague.bookExpectingError();
        // issue 9: the room or leader by name and the time taken, in Chinese only (no English detail after it)
        assertThat(refusal).containsAnyOf("已有接访，请另选时段或接访室", "已有接访安排")
                .containsPattern("\\d{2}:\\d{2}–\\d{2}:\\d{2}").doesNotContainPattern("[A-Za-z]{3,}");
        colleague.bookingRow(code); // the refused page refreshed its list and shows the winner's booking

        // the colleague takes a later day instead, and invites the department official afterwards
        List<String> left = colleague.freeSlots();
        assertThat(left).doesNotContain(slot).isNotEmpty();
        colleague.pickSlot(left.get(left.size() - 1));
        String second = colleague.book();
        assertThat(second).isNotEqualTo(code);
        assertThat(colleague.bookingRow(second)).contains("无");
        colleague.inviteFromList(second, invitee);
        assertThat(colleague.bookingRow(second)).contains(invitee + "（待确认）");
        assertThat(colleague.listMessage()).contains(invitee).contains(second);
        browser.driver().close();
        browser.driver().switchTo().window(firstTab);

        // reschedule to another free slot; the history keeps both
        String moved = page.rescheduleToFirstFreeSlot(code);
        assertThat(moved).isNotEqualTo(slot);
        assertThat(page.bookingStart(code)).isEqualTo(moved);
        assertThat(page.listMessage()).contains(code).contains("已改到");
        assertThat(page.historyKinds(code, 2)).containsSubsequence("BOOKED", "RESCHEDULED");

        // cancel with a reason
        page.cancel(code, "信访人要求改为书面答复");
        assertThat(page.bookingState(code)).isEqualTo("已取消");
        assertThat(page.bookingRow(code)).contains("信访人要求改为书面答复");
        assertThat(page.listMessage()).contains(code).contains("已取消");

        // English: labels change, and the choice is remembered
        page.switchLanguage();
        assertThat(page.htmlLang()).isEqualTo("en");
        assertThat(page.text("new-title")).isEqualTo("New booking");
        assertThat(page.text("book")).isEqualTo("Book");
        assertThat(page.text("list-title")).isEqualTo("Bookings of this office");
        assertThat(page.bookingState(code)).isEqualTo("Cancelled");
        assertThat(page.text("lang-switch")).isEqualTo("中文");
        page.open();
        assertThat(page.waitForText("new-title", "New booking")).isEqualTo("New booking");
        assertThat(page.bookingRow(code)).contains("Cancelled");

        // signing out ends the session: the booking page sends the staff back to the login page
        assertThat(page.logOut()).isEqualTo("You have signed out.");
        browser.driver().get(baseUrl() + "/booking/");
        assertThat(page.waitForText("login-title", "Sign in")).isEqualTo("Sign in");
    }

    /**
     * Issue 9: every state of the booking page — the list, the case search, a new booking with its free slots, the
     * reschedule, invite, history and cancel dialogs — reads in one language at a time, Chinese and English, with
     * names as data, no key, code or word of the other language and no serious accessibility fault; the history
     * reads as sentences with names.
     */
    @Test
    void everyStateReadsInOneLanguageAndTheHistoryAsSentencesWithNames() {
        BookingPage page = new BookingPage(browser.driver(), baseUrl());
        page.logIn("jinjiang.scheduler", PASSWORD);
        List<String> findings = new ArrayList<>();
        List<String> codes = new ArrayList<>(List.of("锦江区信访局接访员"));
        String caseNumber = page.openCaseNumbersShown().get(0);
        walk(page, "zh", caseNumber, codes, findings);
        page.switchLanguage();
        walk(page, "en", caseNumber, codes, findings);
        assertThat(findings).isEmpty();
    }

    private void walk(BookingPage page, String language, String caseNumber, List<String> codes, List<String> findings) {
        var driver = browser.driver();
        codes.add(caseNumber);
        findings.addAll(PageAudit.of(driver, language).allowing(codes).findings("booking: list and case search"));
        page.findAndPickCase(caseNumber, caseNumber);
        page.chooseLeader("COUNTY");
        page.chooseFirstActiveTerminal();
        List<String> slots = page.freeSlots();
        findings.addAll(PageAudit.of(driver, language).allowing(codes).findings("booking: free slots"));
        page.pickSlot(slots.get(language.equals("zh") ? slots.size() - 1 : slots.size() - 2));
        findings.addAll(PageAudit.of(driver, language).allowing(codes).findings("booking: new booking ready"));
        String code = page.book();
        codes.add(code);
        PageAudit audit = PageAudit.of(driver, language).allowing(codes);
        findings.addAll(audit.findings("booking: booked"));

        page.openDialog(code, "reschedule", By.cssSelector("[data-testid=r-slot]"));
        findings.addAll(audit.findings("booking: reschedule dialog"));
        page.closeDialog("reschedule");
        page.rescheduleToFirstFreeSlot(code);
        page.openDialog(code, "invite", By.cssSelector("#i-list .check, #i-list .muted"));
        findings.addAll(audit.findings("booking: invite dialog"));
        page.closeDialog("invite");
        page.cancel(code, language.equals("zh") ? "信访人要求改为书面答复" : "the petitioner asked for a written answer");
        page.openDialog(code, "history", By.cssSelector("[data-testid=history-entry][data-kind=CANCELLED]"));
        List<String> history = page.historyTexts();
        assertThat(history).hasSize(3);
        if (language.equals("zh")) {
            assertThat(history.get(0)).contains("锦江区信访局接访员预约了").contains("的接访");
            assertThat(history.get(1)).contains("锦江区信访局接访员将接访从").contains("改到");
            assertThat(history.get(2)).contains("锦江区信访局接访员取消了预约，原因：信访人要求改为书面答复");
        } else {
            assertThat(history.get(0)).contains("锦江区信访局接访员 booked a session with");
            assertThat(history.get(1)).contains("锦江区信访局接访员 moved the session from");
        }
        assertThat(history).noneMatch(h -> h.contains("BOOKED") || h.contains("system:") || h.contains("score"));
        findings.addAll(audit.findings("booking: history dialog"));
        page.closeDialog("history");
        page.findAndPickCase(caseNumber, caseNumber); // the form again, for a booking to cancel
        page.chooseLeader("COUNTY");
        page.chooseFirstActiveTerminal();
        List<String> left = page.freeSlots();
        page.pickSlot(left.get(0));
        String second = page.book();
        codes.add(second);
        page.openDialog(second, "cancel", By.id("cancel-reason"));
        findings.addAll(PageAudit.of(driver, language).allowing(codes).findings("booking: cancel dialog"));
        page.closeDialog("cancel");
    }

    /** One screenshot of the booking page (the whole page, not just the window) for a person to look at. */
    private void takeScreenshot() throws IOException {
        saveScreenshot(SCREENSHOT);
    }

    private void saveScreenshot(Path file) throws IOException {
        var driver = browser.driver();
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(4000, height.intValue() + 140)));
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(window);
    }

}
