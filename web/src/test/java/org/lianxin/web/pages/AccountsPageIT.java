package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The accounts page's "新建账号 / New account" form in real headless Chromium against the whole application (dev
 * profile, H2): the system administrator is offered the staff roles only; a weak initial password is refused in the
 * policy's own words with the focus on the field; a generated one passes, the account shows in the list and signs in;
 * when the administrator then disables it, the new user's open page is sent to the login page, which says why. Every
 * state audited in Chinese and English (PageAudit).
 */
class AccountsPageIT extends StaffPageApp {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:accounts-page-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    Select select(String id) {
        return new Select(browser.driver().findElement(By.id(id)));
    }

    List<WebElement> account(String username) {
        return browser.driver().findElements(By.cssSelector("[data-testid=account][data-username='" + username + "']"));
    }

    @Test
    void theSystemAdministratorCreatesAStaffAccountWhoseSessionEndsWhenItIsDisabled() {
        BookingPage page = new BookingPage(browser.driver(), baseUrl());
        page.submitLogin("sc.admin", PASSWORD);
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        js("localStorage.setItem('lianxin.lang', 'zh')");
        openPage("/users/");
        wait.until(d -> !account("sc.admin").isEmpty());
        assertThat(browser.driver().findElement(By.id("new-account")).isDisplayed()).isTrue();
        assertThat(select("new-role").getOptions()).extracting(o -> o.getDomAttribute("value"))
                .containsExactly("SCHEDULER", "LEADER", "OFFICIAL", "REVIEWER");
        auditBothLanguages("users: the new-account form", List.of());

        String username = "jinjiang.t" + UUID.randomUUID().toString().substring(0, 6);
        type("new-username", username);
        type("new-display", "王小明");
        WebElement jinjiang = select("new-office").getOptions().stream().filter(o -> o.getText().contains("锦江"))
                .findFirst().orElseThrow();
        select("new-office").selectByValue(jinjiang.getDomAttribute("value"));
        select("new-role").selectByValue("SCHEDULER");
        type("new-password", "password");
        click("new-submit");
        wait.until(d -> text("page-error").contains("至少包含"));
        assertThat(js("return document.activeElement.id")).as("the refused field has the focus")
                .isEqualTo("new-password");
        assertThat(account(username)).isEmpty();
        auditBothLanguages("users: a weak initial password refused", List.of());

        click("new-generate");
        String password = browser.driver().findElement(By.id("new-password")).getDomProperty("value");
        assertThat(password).hasSize(14);
        click("new-submit");
        wait.until(d -> text("action-message").contains(username));
        wait.until(d -> !account(username).isEmpty());
        assertThat(text("page-error")).isEmpty();
        assertThat(account(username).get(0).getText()).contains("王小明").contains("锦江").contains("预约员");
        assertThat(browser.driver().findElement(By.id("new-password")).getDomProperty("value")).isEmpty();
        auditBothLanguages("users: an account created", List.of(username));
        page.logOut();

        // the new account signs in; disabled meanwhile, its open page goes to the login page, which says why
        page.submitLogin(username, password);
        wait.until(ExpectedConditions.urlContains("/booking/"));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        LiveFixture.Api admin = new LiveFixture.Api(baseUrl(), "sc.admin", PASSWORD);
        long id = -1;
        for (JsonNode a : admin.call("GET", "/api/v1/users", null)) {
            if (a.path("username").asString().equals(username)) id = a.path("id").asLong();
        }
        admin.call("PUT", "/api/v1/users/" + id + "/enabled", Map.of("enabled", false));
        browser.driver().navigate().refresh();
        wait.until(ExpectedConditions.urlContains("/login?ended"));
        wait.until(d -> text("login-error").contains("停用"));
        auditBothLanguages("login: the session ended by an administrator", List.of());
    }
}
