package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.statistics.testing.StatisticsData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The reports page (通报与排名) in real headless Chromium against the whole application (dev profile) with generated
 * matters under the province: the province's leader sees last month's ranking with the same places, rates and counts
 * as the ranking JSON (which the PDFs are checked against in the reports REST contract), units without data as
 * 无数据, the flagged units marked 约谈, the rules in words in either language, the PDF links, and the year's ranking.
 * Every state is audited in Chinese and in English (PageAudit). On the test PostgreSQL of {@code ./lianxin test}.
 */
class ReportsPageIT extends StaffPageApp {
    /** A year's figures of the whole province: on H2 on a loaded CI machine this may take more than a minute. */
    private static final Duration SLOW = Duration.ofMinutes(4);
    private static final YearMonth LAST_MONTH = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // PostgreSQL: a province's figures for a month and a year take H2 minutes on a loaded 2-core machine
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_reports_page");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void theLeaderSeesLastMonthsRankingWithTheFlagAndTheYearsRankingInBothLanguages() throws Exception {
        long province = jdbc.sql("select id from office where code = '510000'").query(Long.class).single();
        String path = jdbc.sql("select path from office where id = ?").param(province).query(String.class).single();
        new StatisticsData(dataSource, 777L, new StatisticsData.Shape(4, 2, 1, 12,
                LAST_MONTH.minusMonths(2).atDay(1), 100)).generate(province, path);
        LiveFixture.Api api = new LiveFixture.Api(baseUrl(), "sc.leader", PASSWORD);
        JsonNode month = api.call("GET", "/api/v1/reports/ranking?month=" + LAST_MONTH, null);
        JsonNode year = slowJson("/api/v1/reports/ranking?year=" + LAST_MONTH.getYear());
        List<String> names = new ArrayList<>(List.of("sc.leader", "四川省信访局局长"));
        for (JsonNode o : api.call("GET", "/api/v1/offices", null)) {
            names.add(o.path("name").asString());
            if (!o.path("nameEn").isNull()) names.add(o.path("nameEn").asString());
        }

        WebDriver driver = browser.driver();
        driver.get(baseUrl() + "/login");
        driver.findElement(By.id("username")).sendKeys("sc.leader");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        driver.get(baseUrl() + "/reports/");
        browser.waiting(SLOW).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        new Select(driver.findElement(By.id("month"))).selectByValue(LAST_MONTH.toString());
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=month-row]")).size()
                == month.path("units").size() && text("month-status").isEmpty());

        List<WebElement> rows = driver.findElements(By.cssSelector("[data-testid=month-row]"));
        int flagged = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode u = month.path("units").get(i);
            WebElement row = rows.get(i);
            assertThat(row.getDomAttribute("data-office")).isEqualTo(u.path("officeId").asString());
            assertThat(cell(row, "place")).isEqualTo(u.path("place").isNull() ? "无数据" : u.path("place").asString());
            assertThat(cell(row, "completion")).isEqualTo(shown(u.path("completion"), "无数据"));
            assertThat(cell(row, "on-time")).isEqualTo(shown(u.path("repliedOnTime"), "无数据"));
            assertThat(cell(row, "items")).isEqualTo(u.path("items").asString());
            assertThat(cell(row, "talk")).isEqualTo(u.path("flagged").asBoolean() ? "约谈" : "");
            if (u.path("flagged").asBoolean()) flagged++;
        }
        assertThat(rows.stream().filter(r -> cell(r, "place").equals("无数据")).count())
                .as("demo cities without items, listed last").isPositive();
        assertThat(text("month-rule")).isEqualTo(month.path("rules").path("tieBreak").asString());
        assertThat(text("talk-rule")).isEqualTo(month.path("rules").path("talk").asString());
        assertThat(text("talk-summary")).contains(flagged == 0 ? "本月没有连续两个月处于末位的单位" : "列为约谈对象的单位");
        assertThat(driver.findElement(By.id("month-pdf")).getDomAttribute("href"))
                .isEqualTo("/api/v1/reports/bulletin.pdf?office=" + province + "&month=" + LAST_MONTH);
        browser.waiting(SLOW).until(d -> d.findElements(By.cssSelector("[data-testid=year-row]")).size()
                == year.path("units").size());
        assertThat(text("year-rule")).isEqualTo(year.path("rules").path("tieBreak").asString());
        assertThat(driver.findElement(By.id("year-pdf")).getDomAttribute("href"))
                .isEqualTo("/api/v1/reports/ranking.pdf?office=" + province + "&year=" + LAST_MONTH.getYear());
        assertThat(text("issued")).contains("尚无已发布的通报");
        auditBothLanguages("reports: last month and the year", names);

        // in English: the rules in English, no data as "No data"
        js("document.getElementById('lang-switch').click()");
        wait.until(d -> "en".equals(js("return document.documentElement.lang")));
        assertThat(text("month-rule")).isEqualTo(month.path("rules").path("tieBreakEn").asString());
        assertThat(text("month-title")).contains(LAST_MONTH.getMonth().getDisplayName(java.time.format.TextStyle.FULL,
                java.util.Locale.ENGLISH));
        assertThat(driver.findElements(By.cssSelector("[data-testid=month-row] [data-testid=place]")).stream()
                .map(WebElement::getText)).contains("No data");
        js("document.getElementById('lang-switch').click()");
        wait.until(d -> "zh-CN".equals(js("return document.documentElement.lang")));

        // the issued bulletin appears in the list once issued
        api.call("POST", "/api/v1/reports/bulletins?month=" + LAST_MONTH, null);
        driver.navigate().refresh();
        browser.waiting(SLOW).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=issued-item]")).size() == 1);
        assertThat(text("issued")).contains(LAST_MONTH + " 月度通报（PDF）");
        auditBothLanguages("reports: a bulletin issued", names);
    }

    private JsonNode slowJson(String path) throws Exception {
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("sc.leader:" + PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                .timeout(SLOW).header("Authorization", auth).GET().build();
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body());
    }

    private static String shown(JsonNode measure, String noData) {
        return measure.path("value").isNull() ? noData : measure.path("value").asString() + "%";
    }

    private static String cell(WebElement row, String testId) {
        return row.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText().trim();
    }

    /** The element's text, trimmed. */
    @Override
    String text(String id) {
        return super.text(id).trim();
    }
}
