package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auditor's page (审计日志) in real headless Chromium against the whole application (dev profile, H2): the
 * auditor lands on it after login and the nav offers it (and nothing of the offices' work); the trail's entries of
 * its city show, newest first, with ID numbers masked; a filter narrows them and the export link carries the filter;
 * another role sees that the page is not theirs. The accounts page (账号与角色): the security administrator changes a
 * staff member's role and is told, in the rule's own words, that an administrator never becomes an auditor. Every
 * state audited in Chinese and English (PageAudit).
 */
class AuditPageIT extends StaffPageApp {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:audit-page-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    /** Logs in as {@code user}, waits for the start page {@code page} its role leads to, and opens it in Chinese. */
    BookingPage landsOn(String user, String page) {
        BookingPage login = new BookingPage(browser.driver(), baseUrl());
        login.submitLogin(user, PASSWORD);
        wait.until(ExpectedConditions.urlContains(page));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        js("localStorage.setItem('lianxin.lang', 'zh')"); // whatever a test before left
        openPage(page);
        return login;
    }

    List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("[data-testid=entry]"));
    }

    @Test
    void theAuditorSearchesItsCitysTrailMaskedInBothLanguages() {
        // a Chengdu scheduler is refused the trail; the Chengdu auditor a case, by a path holding an ID number
        assertThat(new LiveFixture.Api(baseUrl(), "cd.scheduler", PASSWORD).send("GET", "/api/v1/audit/entries",
                null).status()).isEqualTo(403);
        assertThat(new LiveFixture.Api(baseUrl(), "cd.auditor", PASSWORD).send("GET",
                "/api/v1/cases/51010419800101123X", null).status()).isEqualTo(403);

        BookingPage login = landsOn("cd.auditor", "/audit/");
        wait.until(d -> !rows().isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
                .containsExactly("审计日志");
        assertThat(text("status")).contains("条记录");
        auditBothLanguages("audit: the city's latest entries", List.of());

        // the refusals of one user, by the filter; the ID number masked
        type("user", "cd.auditor");
        new Select(browser.driver().findElement(By.id("action"))).selectByValue("access.denied");
        click("search");
        wait.until(d -> rows().size() >= 1 && rows().stream().allMatch(r ->
                r.findElement(By.cssSelector("[data-testid=entry-user]")).getText().startsWith("cd.auditor")));
        String shown = browser.driver().findElement(By.cssSelector("[data-testid=entries]")).getText();
        assertThat(shown).contains("访问被拒绝").contains("5101**********123X").doesNotContain("51010419800101123X");
        assertThat(browser.driver().findElement(By.id("export")).getDomAttribute("href"))
                .contains("user=cd.auditor").contains("action=access.denied");
        auditBothLanguages("audit: one user's refusals", List.of());

        // nothing of another city
        type("user", "fucheng.scheduler");
        new Select(browser.driver().findElement(By.id("action"))).selectByValue("");
        click("search");
        wait.until(d -> text("status").contains("没有符合条件的记录"));
        assertThat(rows()).isEmpty();
        auditBothLanguages("audit: nothing found", List.of());
        login.logOut();

        // the system administrator: the page says it is not theirs, and the trail stays closed
        login.logIn("sc.admin", PASSWORD);
        openPage("/audit/");
        wait.until(d -> text("status").contains("仅供安全审计员"));
        assertThat(browser.driver().findElement(By.id("filter")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=nav-audit]"))).isEmpty();
        auditBothLanguages("audit: not for an administrator", List.of());
        login.logOut();
    }

    WebElement account(String username) {
        return browser.driver().findElement(By.cssSelector("[data-testid=account][data-username='" + username + "']"));
    }

    @Test
    void theSecurityAdministratorChangesRolesAndIsRefusedASecondDuty() {
        BookingPage login = landsOn("sc.security", "/users/");
        wait.until(d -> !browser.driver().findElements(By.cssSelector("[data-testid=account]")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
                .containsExactly("账号与角色");
        auditBothLanguages("users: the province's accounts", List.of());

        // a staff member becomes a reviewer
        new Select(account("fucheng.scheduler").findElement(By.cssSelector("[data-testid=role-select]")))
                .selectByValue("REVIEWER");
        account("fucheng.scheduler").findElement(By.cssSelector("[data-testid=role-save]")).click();
        wait.until(d -> text("action-message").contains("审查员") || !text("page-error").isBlank());
        assertThat(text("page-error")).isEmpty();
        assertThat(new Select(account("fucheng.scheduler").findElement(By.cssSelector("[data-testid=role-select]")))
                .getFirstSelectedOption().getDomAttribute("value")).isEqualTo("REVIEWER");
        auditBothLanguages("users: a role changed", List.of());

        // the system administrator never becomes the auditor
        new Select(account("sc.admin").findElement(By.cssSelector("[data-testid=role-select]"))).selectByValue("AUDITOR");
        account("sc.admin").findElement(By.cssSelector("[data-testid=role-save]")).click();
        wait.until(d -> text("page-error").contains("三员分立"));
        assertThat(new Select(account("sc.admin").findElement(By.cssSelector("[data-testid=role-select]")))
                .getFirstSelectedOption().getDomAttribute("value")).as("unchanged").isEqualTo("ADMIN");
        auditBothLanguages("users: a second duty refused", List.of());
        login.logOut();
    }
}
