package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The supervision pages without media, in real headless Chromium against the whole application (dev profile): the
 * city's leader sends a 督办单 from the workplace form to 成都市住建局 and sees it in the list with the counts and as
 * a printed sheet; the department's official finds it in the unit inbox, signs for it, notes progress, and asks for
 * the one extension (31 days refused on the page, 20 days sent); an item of another unit (成都市人社局) opened by its
 * id reads "not found, or not yours"; the leader approves the extension and sends a reminder, which the item's
 * history shows; on the case page, staff record an evaluation given by phone and open the 复查 it offers. Every state
 * is audited in Chinese and in English (PageAudit).
 */
class SupervisionPagesIT extends StaffPageApp {
    private static final String SUBJECT = "物业维修基金使用";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:supervision-pages-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void anOrderGoesFromTheWorkplaceToTheUnitsInboxAndBackWithItsHistoryInBothLanguages() {
        LiveFixture.Api leader = new LiveFixture.Api(baseUrl(), "cd.leader", PASSWORD);
        JsonNode kase = newCase(5151);
        String caseNumber = kase.path("caseNumber").asString();
        long housing = officeId(leader, "510100-ZJ");
        // an item of another unit, for the access check
        long otherItem = order(kase.path("id").asLong(), officeId(leader, "510100-RS")).path("id").asLong();
        List<String> names = List.of(caseNumber, SUBJECT, "成都市住房和城乡建设局", "成都市人力资源和社会保障局", "成都市信访局", "成都市", "四川省",
                "cd.leader", "cd.housing", "赵督办");

        WebDriver driver = browser.driver();
        BookingPage login = new BookingPage(driver, baseUrl());

        // the leader sends a 督办单 from the workplace
        login.logIn("cd.leader", PASSWORD);
        openPage("/supervision/");
        wait.until(d -> !d.findElement(By.cssSelector("[data-testid=filter-ALL] [data-testid=count]")).getText().isBlank());
        auditBothLanguages("workplace: list", names);
        click("order-open");
        wait.until(d -> (Boolean) js("return document.getElementById('order-dialog').open"));
        type("o-case", caseNumber);
        click("o-case-find");
        wait.until(d -> text("o-case-found").contains(caseNumber));
        new Select(driver.findElement(By.id("o-unit"))).selectByValue(String.valueOf(housing));
        driver.findElement(By.cssSelector("[data-testid=o-mode][value=TALK]")).click();
        type("o-reason", "维修基金使用不透明，群众反映强烈");
        type("o-requirements", "约谈住建局负责人，15日内书面报告");
        auditBothLanguages("workplace: order form", names);
        click("o-send");
        WebElement number = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#detail-body [data-testid=item-number]")));
        String orderNumber = number.getText();
        assertThat(orderNumber).startsWith("DB-");
        long orderId = Long.parseLong(driver.findElement(By.cssSelector("#detail-body [data-testid=item-view]"))
                .getDomAttribute("data-id"));
        assertThat(text("detail-body")).contains("待签收").contains("约谈督办").contains("成都市住房和城乡建设局");
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=item-row][data-id='" + orderId + "']")).isDisplayed());
        assertThat(Integer.parseInt(driver.findElement(By.cssSelector(
                "[data-testid=filter-PENDING_SIGN] [data-testid=count]")).getText())).isGreaterThanOrEqualTo(2);
        auditBothLanguages("workplace: the new order", names);

        // its printed sheet: the sheet alone on paper, with the order's facts
        js("window.print = () => {}");
        click("detail-print");
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.id("print-sheet")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.tagName("main")).isDisplayed()).as("the page around the sheet").isFalse();
            assertThat(text("print-sheet")).contains("信访事项督办单").contains(orderNumber).contains("成都市住房和城乡建设局")
                    .contains("约谈督办").contains("15日内书面报告");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }

        // the department's official: the inbox has it, not the other unit's; signs, notes progress, asks for time
        login.logOut();
        login.logIn("cd.housing", PASSWORD);
        openPage("/supervision/inbox/");
        By row = By.cssSelector("[data-testid=item-row][data-id='" + orderId + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(driver.findElements(By.cssSelector("[data-testid=item-row][data-id='" + otherItem + "']"))).isEmpty();
        assertThat(driver.findElement(row).getText()).contains("待签收").contains("剩 ");
        auditBothLanguages("inbox: list", names);
        driver.findElement(row).findElement(By.cssSelector("[data-testid=item-open]")).click();
        act("act-sign");
        wait.until(d -> itemState().equals("IN_PROGRESS"));
        assertThat(text("detail-info")).isEqualTo("已签收。");
        driver.findElement(By.cssSelector("[data-testid=progress-text]")).sendKeys("已约谈物业公司，正在核对账目");
        act("act-progress");
        wait.until(d -> text("detail-body").contains("已约谈物业公司"));
        WebElement days = driver.findElement(By.cssSelector("[data-testid=extension-days]"));
        days.clear();
        days.sendKeys("31");
        driver.findElement(By.cssSelector("[data-testid=extension-reason]")).sendKeys("需要审计部门配合");
        act("act-extension");
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=action-extension] [data-testid=action-error]"))
                .getText().contains("1 到 30"));
        assertThat(driver.findElement(By.cssSelector("[data-testid=extension-reason]")).getDomProperty("value"))
                .as("what was typed stays").isEqualTo("需要审计部门配合");
        days = driver.findElement(By.cssSelector("[data-testid=extension-days]"));
        days.clear();
        days.sendKeys("20");
        act("act-extension");
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=item-extension][data-state=PENDING]")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("[data-testid=act-extension]"))).as("only one extension").isEmpty();
        auditBothLanguages("inbox: item in progress with an extension asked", names);

        // another unit's item, by its id: not found, or not yours
        openPage("/supervision/inbox/?item=" + otherItem);
        wait.until(d -> !text("detail-error").isBlank());
        assertThat(text("detail-error")).isEqualTo("没有找到这个事项，或者它不属于您的单位和辖区。");
        assertThat(text("detail-body")).isEmpty();
        auditBothLanguages("inbox: another unit's item", names);

        // the leader approves the extension and reminds; the history has both
        login.logOut();
        login.logIn("cd.leader", PASSWORD);
        openPage("/supervision/?item=" + orderId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=act-approve]")));
        act("act-approve");
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=item-extension][data-state=APPROVED]")).isEmpty());
        driver.findElement(By.cssSelector("[data-testid=remind-note]")).sendKeys("请按期报告");
        act("act-remind");
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=history-entry][data-kind=REMINDED]")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("[data-testid=history-entry]"))).extracting(e -> e.getDomAttribute("data-kind"))
                .contains("CREATED", "SIGNED", "PROGRESS", "EXTENSION_REQUESTED", "EXTENSION_APPROVED", "REMINDED");
        auditBothLanguages("workplace: item with its history", names);
        login.logOut();
    }

    /**
     * The case page of a matter whose unit replied: the city's staff record the petitioner's 不满意 given by phone (the
     * page shows it with who recorded it), and open the 复查 it offers (until its date, at the level above).
     */
    @Test
    void staffRecordAnEvaluationGivenByPhoneAndOpenTheReviewItOffers() {
        JsonNode kase = newCase(5252);
        long caseId = kase.path("id").asLong();
        long itemId = order(caseId, officeId(new LiveFixture.Api(baseUrl(), "cd.leader", PASSWORD), "510100-ZJ"))
                .path("id").asLong();
        LiveFixture.Api unit = new LiveFixture.Api(baseUrl(), "cd.housing", PASSWORD);
        unit.call("POST", "/api/supervision/items/" + itemId + "/sign", Map.of());
        unit.call("POST", "/api/supervision/items/" + itemId + "/reply", Map.of("text", "已组织业主代表核对维修基金账目",
                "completionReport", "账目已公示", "documentIds", List.of()));
        List<String> names = List.of(kase.path("caseNumber").asString(), SUBJECT, "赵督办", "cd.housing", "cd.scheduler",
                "cd.leader");

        WebDriver driver = browser.driver();
        BookingPage login = new BookingPage(driver, baseUrl());
        login.logIn("cd.scheduler", PASSWORD);
        openPage("/cases/?id=" + caseId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone-form")));
        assertThat(driver.findElements(By.cssSelector("[data-testid=trail-item]"))).hasSize(1);
        auditBothLanguages("case page: a reply awaits the evaluation", names);
        driver.findElement(By.cssSelector("[data-testid=phone-result][value=UNSATISFIED]")).click();
        type("phone-note", "信访人认为账目公示不完整");
        click("phone-record");
        By evaluation = By.cssSelector("[data-testid=evaluation][data-result=UNSATISFIED][data-channel=PHONE]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(evaluation));
        assertThat(driver.findElement(evaluation).getText()).contains("不满意").contains("电话回访").contains("cd.scheduler");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-panel")));
        assertThat(text("review-offer")).startsWith("信访人可在 ").endsWith("前申请复查。");
        click("review-open");
        wait.until(d -> !text("review-error").isBlank());
        assertThat(text("review-error")).as("the reason is required").isEqualTo("请填写申请理由。");
        type("review-reason", "对维修基金账目有异议");
        click("review-open");
        wait.until(d -> text("review-info").startsWith("已提出申请"));
        assertThat(text("review-info")).contains("FC-");
        auditBothLanguages("case page: evaluated, review opened", names);
        login.logOut();
    }

    // ---------------------------------------------------------------- helpers

    /** A new case of 锦江区 (its petitioner's ID number made from {@code seed}). */
    private JsonNode newCase(int seed) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "SV-" + UUID.randomUUID().toString().substring(0, 8));
        c.put("petitionerName", "赵督办");
        c.put("idNumber", IdNumbers.valid("510104", seed));
        c.put("phone", "1380000" + seed);
        c.put("subject", SUBJECT);
        c.put("category", "住房城建");
        c.put("officeCode", "510104");
        return fileCase(c);
    }

    /** A 督办单 of 成都市 (its leader) to {@code unitId} about the case, due in 20 days. */
    private JsonNode order(long caseId, long unitId) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("caseId", caseId);
        order.put("unitOfficeId", unitId);
        order.put("mode", "DOCUMENT");
        order.put("reason", "核查维修基金使用情况");
        order.put("requirements", "书面报告");
        order.put("deadline", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20).toString());
        return new LiveFixture.Api(baseUrl(), "cd.leader", PASSWORD).call("POST", "/api/supervision/orders", order);
    }

    private String itemState() {
        return browser.driver().findElement(By.cssSelector("#detail-body [data-testid=item-view]")).getDomAttribute("data-state");
    }

    /** Clicks an act's button in the open item (again if a re-render replaced it before the click). */
    private void act(String testId) {
        wait.until(d -> {
            d.findElement(By.cssSelector("#detail-body [data-testid=" + testId + "]")).click();
            return true;
        });
    }
}
