package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The petitioner's ID and phone numbers on the case page in real headless Chromium against the whole application (dev
 * profile, H2): masked by default; the scheduler asks for the full ID number with a reason in a dialog (a missing
 * reason is refused in place), sees it with a countdown, and it is masked again when the minute is over; a case filed
 * before full numbers were stored says so; a reviewer sees no button. Every new state audited in Chinese and English
 * (PageAudit), and every request is in the audit trail.
 */
class PersonalDataPageIT extends StaffPageApp {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:personal-data-page-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Autowired
    JdbcClient jdbc;

    long fileCaseWith(String idNumber, String phone) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "PD-" + UUID.randomUUID().toString().substring(0, 8));
        c.put("petitionerName", "王秀兰");
        c.put("idNumber", idNumber);
        c.put("phone", phone);
        c.put("subject", "拆迁补偿款未到位");
        c.put("category", "HOUSING");
        c.put("officeCode", "510104");
        return fileCase(c).path("id").asLong();
    }

    WebElement testId(String id) {
        return browser.driver().findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    boolean present(String id) {
        return !browser.driver().findElements(By.cssSelector("[data-testid='" + id + "']")).isEmpty();
    }

    @Test
    void theSchedulerSeesAFullNumberForAMinuteWithAReasonAndTheReviewerNever() {
        String idNumber = IdNumbers.valid("510104", 4711);
        long caseId = fileCaseWith(idNumber, "13987654321");
        BookingPage login = new BookingPage(browser.driver(), baseUrl());
        login.logIn("jinjiang.scheduler", PASSWORD);
        js("localStorage.setItem('lianxin.lang', 'zh')");
        openPage("/cases/?id=" + caseId);
        wait.until(d -> present("pd-idNumber-masked"));
        String masked = idNumber.substring(0, 4) + "**********" + idNumber.substring(14);
        assertThat(testId("pd-idNumber-masked").getText()).isEqualTo(masked);
        assertThat(testId("pd-phone-masked").getText()).isEqualTo("139****4321");
        assertThat(testId("case-facts").getText()).doesNotContain(idNumber).contains("身份证号码").contains("联系电话");
        auditBothLanguages("case: numbers masked", List.of());

        // the dialog asks for a reason, and a missing one is refused where it is typed
        testId("pd-idNumber-show").click();
        wait.until(d -> testId("pd-dialog").isDisplayed());
        assertThat(text("pd-what")).contains("身份证号码").contains("审计日志");
        click("pd-confirm");
        wait.until(d -> text("pd-error").contains("请填写查看理由"));
        auditBothLanguages("case: unmask dialog, reason missing", List.of());

        type("pd-reason", "电话回访信访人前核对身份");
        click("pd-confirm");
        wait.until(d -> present("pd-idNumber-full"));
        assertThat(testId("pd-idNumber-full").getText()).isEqualTo(idNumber);
        assertThat(testId("pd-idNumber-countdown").getText()).matches("\\d+ 秒后重新隐藏");
        assertThat(testId("pd-dialog").isDisplayed()).isFalse();
        assertThat(testId("pd-phone-masked").getText()).as("the other number stays masked").isEqualTo("139****4321");
        auditBothLanguages("case: full ID number shown", List.of());
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'personal-data.unmask' and object_id = ? "
                        + "and outcome = 'ALLOWED' and username = 'jinjiang.scheduler' and details like ?")
                .params(Long.toString(caseId), "%电话回访信访人前核对身份%").query(Long.class).single()).isEqualTo(1);

        // the minute passes (the page's clock moved on): masked again, the button back
        js("const start = Date.now(); const real = Date.now.bind(Date); Date.now = () => real() + 61000;");
        wait.until(d -> present("pd-idNumber-masked") && !present("pd-idNumber-full"));
        assertThat(testId("case-facts").getText()).doesNotContain(idNumber);
        assertThat(present("pd-idNumber-show")).isTrue();

        // the phone, shown and hidden at once by hand
        openPage("/cases/?id=" + caseId);
        wait.until(d -> present("pd-phone-show"));
        testId("pd-phone-show").click();
        wait.until(d -> testId("pd-dialog").isDisplayed());
        type("pd-reason", "约定接访时间");
        click("pd-confirm");
        wait.until(d -> present("pd-phone-full"));
        assertThat(testId("pd-phone-full").getText()).isEqualTo("13987654321");
        testId("pd-phone-hide").click();
        wait.until(d -> present("pd-phone-masked") && !present("pd-phone-full"));

        // a case filed before full numbers were stored
        jdbc.sql("update case_file set id_sealed = null where id = ?").param(caseId).update();
        openPage("/cases/?id=" + caseId);
        wait.until(d -> present("pd-idNumber-show"));
        testId("pd-idNumber-show").click();
        wait.until(d -> testId("pd-dialog").isDisplayed());
        type("pd-reason", "核对身份信息");
        click("pd-confirm");
        wait.until(d -> present("pd-idNumber-not-stored"));
        assertThat(testId("pd-idNumber-not-stored").getText()).contains("未存储完整号码");
        assertThat(testId("pd-idNumber-masked").getText()).isEqualTo(masked);
        auditBothLanguages("case: full number not stored", List.of());
        login.logOut();

        // a reviewer reads the case, masked, with no button
        login.logIn("sc.reviewer", PASSWORD);
        openPage("/cases/?id=" + caseId);
        wait.until(d -> present("pd-idNumber-masked"));
        assertThat(present("pd-idNumber-show")).isFalse();
        assertThat(present("pd-phone-show")).isFalse();
        login.logOut();
    }
}
