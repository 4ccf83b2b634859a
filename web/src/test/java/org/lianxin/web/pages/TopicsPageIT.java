package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The topics page (一题一专项) in real headless Chromium against the whole application (dev profile): five cases of
 * one category filed at 锦江区 make a topic; the city's leader finds it through the nav, opens it (its five matters,
 * each a link to the case page), follows it with 成都市住房和城乡建设局 as lead unit and a note, is told a conclusion
 * is needed, then closes it; the closed filter lists it. Every state is audited in Chinese and in English
 * (PageAudit).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev", "lianxin.topics.sweep-interval=0"})
class TopicsPageIT extends StaffPageApp {
    private static final String CATEGORY = "加装电梯";
    private static final String SUBJECT = "老旧小区加装电梯意见分歧";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:topics-pages-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aLeaderFollowsAndClosesATopicFoundFromFiveCasesInBothLanguages() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) numbers.add(newCase(7100 + i).path("caseNumber").asString());
        LiveFixture.Api leader = new LiveFixture.Api(baseUrl(), "cd.leader", PASSWORD);
        long housing = officeId(leader, "510100-ZJ");
        List<String> names = new ArrayList<>(List.of(CATEGORY, SUBJECT, "锦江区", "成都市住房和城乡建设局", "成都市信访局",
                "成都市", "四川省", "cd.leader", "锦江区信访局"));
        names.addAll(numbers);

        WebDriver driver = browser.driver();
        new BookingPage(driver, baseUrl()).logIn("cd.leader", PASSWORD);
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=nav-topics]")).isDisplayed());
        driver.findElement(By.cssSelector("[data-testid=nav-topics]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        String row = wait.until(d -> d.findElement(By.cssSelector("[data-testid=tp-row]")).getText());
        assertThat(row).contains("锦江区").contains(CATEGORY).contains("待跟进").contains("30天内达5件");
        assertThat(count("OPEN")).isEqualTo(1);
        auditBothLanguages("topics: list", names);

        clickAgainIfReplaced("[data-testid=tp-row] [data-testid=tp-open]"); // the list re-rendered in each language
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=tp-matter]")).size() == 5);
        List<WebElement> links = driver.findElements(By.cssSelector("[data-testid=tp-matter-link]"));
        assertThat(links).extracting(WebElement::getText).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(links.get(0).getDomAttribute("href")).startsWith("/cases/?id=");
        assertThat(text("detail-body")).contains("系统发现集中问题，立为专项（5 件）");
        auditBothLanguages("topics: a topic open", names);

        new Select(driver.findElement(By.id("tp-lead"))).selectByValue(String.valueOf(housing));
        type("tp-note-input", "请市住建局牵头，统一加装电梯协调办法");
        clickAgainIfReplaced("[data-testid=tp-follow]");
        wait.until(d -> "FOLLOWED".equals(detailState()));
        assertThat(text("detail-body")).contains("跟进中").contains("成都市住房和城乡建设局").contains("统一加装电梯协调办法")
                .contains("cd.leader");
        wait.until(d -> text("detail-info").contains("已跟进本专项"));
        auditBothLanguages("topics: followed", names);

        clickAgainIfReplaced("[data-testid=tp-close]"); // without a conclusion
        wait.until(d -> text("detail-error").contains("请填写办结结论"));
        assertThat(detailState()).isEqualTo("FOLLOWED");
        auditBothLanguages("topics: close without a conclusion", names);

        type("tp-conclusion-input", "已出台加装电梯协调办法，五件事项均已答复");
        clickAgainIfReplaced("[data-testid=tp-close]");
        wait.until(d -> "CLOSED".equals(detailState()));
        assertThat(text("detail-body")).contains("已办结").contains("五件事项均已答复");
        assertThat(driver.findElements(By.cssSelector("[data-testid=tp-close-form]"))).isEmpty();
        auditBothLanguages("topics: closed", names);

        clickAgainIfReplaced("[data-testid=tp-state-CLOSED]");
        wait.until(d -> "true".equals(d.findElement(By.cssSelector("[data-testid=tp-state-CLOSED]"))
                .getDomAttribute("aria-pressed")) && d.findElements(By.cssSelector("[data-testid=tp-row]")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("[data-testid=tp-row]")).getText()).contains("已办结")
                .contains("成都市住房和城乡建设局");
        clickAgainIfReplaced("[data-testid=tp-state-OPEN]");
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=tp-list-empty]")).isDisplayed());
        auditBothLanguages("topics: nothing open", names);
    }

    // ---------------------------------------------------------------- helpers

    /** A new case of 锦江区 in the topic's category (its petitioner's ID number made from {@code seed}). */
    private JsonNode newCase(int seed) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "TP-" + UUID.randomUUID().toString().substring(0, 8));
        c.put("petitionerName", "钱专项");
        c.put("idNumber", IdNumbers.valid("510104", seed));
        c.put("subject", SUBJECT);
        c.put("category", CATEGORY);
        c.put("officeCode", "510104");
        return fileCase(c);
    }

    /** Clicks the element (again if a re-render replaced it before the click). */
    private void clickAgainIfReplaced(String css) {
        wait.until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private int count(String state) {
        return Integer.parseInt(browser.driver().findElement(By.cssSelector("[data-testid=tp-state-" + state
                + "] .sv-count")).getText());
    }

    private String detailState() {
        List<WebElement> badges = browser.driver().findElements(By.cssSelector("#detail-body [data-testid=tp-state]"));
        return badges.isEmpty() ? null : badges.get(0).getDomAttribute("data-state");
    }
}
