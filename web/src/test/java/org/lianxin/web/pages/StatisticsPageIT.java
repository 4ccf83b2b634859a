package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lianxin.statistics.testing.StatisticsData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The statistics page in real headless Chromium against the whole application (dev profile, H2) with generated
 * matters under the province (the statistics module's seeded generator): the figure table in each grouping shows the
 * API's JSON numbers, and its CSV link downloads the same numbers; the ECharts charts exist and draw exactly the
 * figures (by month, by child office, by category, the office tree), also after another figure is chosen; in English
 * the charts carry the English names; a city's leader can pick only offices of the city. Every state is audited in
 * Chinese and in English (PageAudit).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev",
            // the supervision sweep would escalate the generated overdue items (new items) while the test compares
            "lianxin.supervision.sweep-interval=0",
            // the sweep of sessions left IN_SESSION runs as often as the grace (30 s by default): the generated ones
            // are ended within 2 s of being generated, not up to 30 s later (no live session here to hold a place of)
            "lianxin.signaling.reconnect-grace=2s"})
class StatisticsPageIT extends StaffPageApp {
    private static final String FROM = "2026-02-10";
    private static final String TO = "2026-05-20";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:statistics-page-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void theTableTheCsvAndTheChartsShowTheApisFiguresInBothLanguages() {
        long province = generated();
        List<String> names = names();
        LiveFixture.Api admin = new LiveFixture.Api(baseUrl(), "sc.admin", PASSWORD);
        String range = "office=" + province + "&from=" + FROM + "&to=" + TO;
        JsonNode children = admin.call("GET", "/api/v1/statistics?" + range + "&groupBy=OFFICE_CHILDREN", null);
        JsonNode months = admin.call("GET", "/api/v1/statistics?" + range + "&groupBy=MONTH", null);
        JsonNode categories = admin.call("GET", "/api/v1/statistics?" + range + "&groupBy=CATEGORY", null);
        assertThat(measure(children.path("total"), "THIRD_PARTY_SCORE").path("denominator").asLong())
                .as("third-party scores in the generated data").isPositive();

        BookingPage login = new BookingPage(browser.driver(), baseUrl());
        login.logIn("sc.admin", PASSWORD);
        js("localStorage.setItem('lianxin.lang', 'zh')"); // whatever a test before left
        openPage("/statistics/?" + range + "&groupBy=OFFICE_CHILDREN&figure=COMPLETION");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("figure-table")));
        assertThat(browser.driver().findElement(By.cssSelector("[data-testid=nav-statistics]"))
                .getDomAttribute("aria-current")).isEqualTo("page");

        // the table in each grouping: the JSON's numbers; the CSV link: the same numbers
        assertTableEquals(children);
        assertCsvEqualsTable();
        auditBothLanguages("statistics: by child office", names);
        new Select(browser.driver().findElement(By.id("q-group"))).selectByValue("MONTH");
        wait.until(d -> rowKeys().equals(keys(months)));
        assertTableEquals(months);
        assertCsvEqualsTable();
        new Select(browser.driver().findElement(By.id("q-group"))).selectByValue("CATEGORY");
        wait.until(d -> rowKeys().equals(keys(categories)));
        assertTableEquals(categories);
        assertCsvEqualsTable();
        auditBothLanguages("statistics: by category", names);

        // a definition is read on focus
        WebElement name = browser.driver().findElement(By.cssSelector(
                "th[data-figure=THIRD_PARTY_SCORE] [data-testid=figure-name]"));
        js("arguments[0].focus()", name);
        WebElement definition = browser.driver().findElement(By.id("def-THIRD_PARTY_SCORE"));
        wait.until(d -> definition.isDisplayed());
        assertThat(definition.getText()).contains("第三方评议").contains("两位小数");

        // the charts draw the figures
        assertChartsEqual("COMPLETION", children, months, categories);
        new Select(browser.driver().findElement(By.id("chart-figure"))).selectByValue("THIRD_PARTY_SCORE");
        wait.until(d -> "THIRD_PARTY_SCORE".equals(js("return new URLSearchParams(location.search).get('figure')")));
        assertChartsEqual("THIRD_PARTY_SCORE", children, months, categories);
        auditBothLanguages("statistics: charts of the third-party score", names);

        // in English, the charts speak English
        js("document.getElementById('lang-switch').click()");
        wait.until(d -> "en".equals(js("return document.documentElement.lang")));
        List<String> englishNames = new ArrayList<>();
        children.path("rows").forEach(r -> englishNames.add(r.path("labelEn").asString()));
        assertThat(chart("chart-children", "getOption().yAxis[0].data")).isEqualTo(englishNames);
        assertThat(browser.driver().findElement(By.id("chart-month-title")).getText()).endsWith("by month");
        assertChartsEqual("THIRD_PARTY_SCORE", children, months, categories);
        js("document.getElementById('lang-switch').click()");
        wait.until(d -> "zh-CN".equals(js("return document.documentElement.lang")));
        login.logOut();
    }

    @Test
    void aCitysLeaderPicksOnlyOfficesOfTheCity() {
        generated();
        long chengdu = office("510100");
        BookingPage login = new BookingPage(browser.driver(), baseUrl());
        login.logIn("cd.leader", PASSWORD);
        js("localStorage.setItem('lianxin.lang', 'zh')"); // whatever a test before left
        openPage("/statistics/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("figure-table")));
        List<String> offices = new Select(browser.driver().findElement(By.id("q-office"))).getOptions().stream()
                .map(o -> o.getDomAttribute("value")).toList();
        assertThat(offices).contains(String.valueOf(chengdu)).doesNotContain(String.valueOf(office("510000")),
                String.valueOf(office("510700")));
        assertThat(new Select(browser.driver().findElement(By.id("q-office"))).getFirstSelectedOption()
                .getDomAttribute("value")).isEqualTo(String.valueOf(chengdu));
        JsonNode own = new LiveFixture.Api(baseUrl(), "cd.leader", PASSWORD).call("GET", "/api/v1/statistics?office="
                + chengdu + "&from=" + value("q-from") + "&to=" + value("q-to") + "&groupBy=OFFICE_CHILDREN", null);
        assertTableEquals(own);
        auditBothLanguages("statistics: a city's own figures", names());
        login.logOut();
    }

    // ---------------------------------------------------------------- checks

    /** Every cell of the table: the JSON row's key, and each figure's value, numerator and denominator. */
    private void assertTableEquals(JsonNode table) {
        List<JsonNode> rows = new ArrayList<>();
        table.path("rows").forEach(rows::add);
        rows.add(table.path("total"));
        List<WebElement> trs = browser.driver().findElements(By.cssSelector(
                "#figure-table tbody tr, #figure-table tfoot tr"));
        assertThat(trs).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertThat(trs.get(i).getDomAttribute("data-key")).isEqualTo(row.path("key").asString());
            List<WebElement> cells = trs.get(i).findElements(By.tagName("td"));
            assertThat(cells).hasSize(row.path("figures").size());
            for (int c = 0; c < cells.size(); c++) {
                JsonNode m = row.path("figures").get(c);
                WebElement cell = cells.get(c);
                String as = row.path("key").asString() + " " + m.path("figure").asString();
                assertThat(cell.getDomAttribute("data-figure")).isEqualTo(m.path("figure").asString());
                assertSameValue(cell.getDomAttribute("data-value"), m.path("value"), as);
                assertThat(cell.getDomAttribute("data-numerator")).as(as).isEqualTo(m.path("numerator").asString());
                assertThat(cell.getDomAttribute("data-denominator")).as(as)
                        .isEqualTo(m.path("denominator").asString());
                String shown = cell.getText();
                if (m.path("value").isNull()) {
                    assertThat(shown).as(as).startsWith("—");
                } else {
                    assertThat(new BigDecimal(shown.split("\n")[0].replace("%", ""))).as(as)
                            .isEqualByComparingTo(m.path("value").decimalValue());
                }
            }
        }
    }

    /** The CSV behind the page's link (fetched by the page's session) has the table's numbers, row by row. */
    private void assertCsvEqualsTable() {
        String href = browser.driver().findElement(By.id("csv-link")).getDomAttribute("href");
        assertThat(href).contains("format=csv").contains("groupBy=" + value("q-group"))
                .contains("from=" + value("q-from")).contains("to=" + value("q-to"));
        String csv = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);", href);
        String[] lines = csv.replace("\uFEFF", "").split("\r?\n"); // CRLF as sent; the driver may give LF
        List<WebElement> trs = browser.driver().findElements(By.cssSelector(
                "#figure-table tbody tr, #figure-table tfoot tr"));
        assertThat(lines).hasSize(trs.size() + 1);
        for (int i = 0; i < trs.size(); i++) {
            String[] cells = lines[i + 1].split(",", -1);
            assertThat(cells[0]).isEqualTo(trs.get(i).getDomAttribute("data-key"));
            List<WebElement> tds = trs.get(i).findElements(By.tagName("td"));
            for (int c = 0; c < tds.size(); c++) {
                String as = cells[0] + " " + tds.get(c).getDomAttribute("data-figure");
                String value = tds.get(c).getDomAttribute("data-value");
                if (value.isEmpty()) {
                    assertThat(cells[2 + 3 * c]).as(as).isEmpty();
                } else {
                    assertThat(new BigDecimal(cells[2 + 3 * c])).as(as).isEqualByComparingTo(new BigDecimal(value));
                }
                assertThat(cells[3 + 3 * c]).as(as).isEqualTo(tds.get(c).getDomAttribute("data-numerator"));
                assertThat(cells[4 + 3 * c]).as(as).isEqualTo(tds.get(c).getDomAttribute("data-denominator"));
            }
        }
    }

    /** The four charts exist (ECharts instances) and draw the figure's values, '-' for no data. */
    private void assertChartsEqual(String figure, JsonNode children, JsonNode months, JsonNode categories) {
        wait.until(d -> chart("chart-month", "getOption().series[0].data") != null);
        assertThat(chart("chart-month", "getOption().series[0].data")).as("by month").isEqualTo(values(months, figure));
        assertThat(chart("chart-children", "getOption().series[0].data")).as("by child office")
                .isEqualTo(values(children, figure));
        assertThat(chart("chart-category", "getOption().series[0].data")).as("by category")
                .isEqualTo(values(categories, figure));
        assertThat(chart("chart-tree", "getOption().series[0].data[0].value")).as("the tree's root: the total")
                .isEqualTo(chartValue(measure(children.path("total"), figure)));
        assertThat(chart("chart-tree", "getOption().series[0].data[0].children.map(c => c.value)"))
                .as("the tree's first level: the child offices").isEqualTo(values(children, figure));
        assertThat(browser.driver().findElements(By.cssSelector("#chart-month svg"))).as("drawn").isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#chart-month-table [data-testid=chart-data-row]")))
                .hasSize(months.path("rows").size());
    }

    private Object chart(String id, String expression) {
        return js("const c = window.echarts && echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "return c ? JSON.parse(JSON.stringify(c." + expression + ")) : null;", id);
    }

    private static List<Object> values(JsonNode table, String figure) {
        List<Object> out = new ArrayList<>();
        table.path("rows").forEach(r -> out.add(chartValue(measure(r, figure))));
        return out;
    }

    /** A measure's value as the chart has it after a JSON round trip: a Long or Double, or "-" for no data. */
    private static Object chartValue(JsonNode m) {
        JsonNode v = m.path("value");
        if (v.isNull()) return "-";
        BigDecimal d = v.decimalValue();
        return d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
    }

    private static JsonNode measure(JsonNode row, String figure) {
        for (JsonNode m : row.path("figures")) {
            if (m.path("figure").asString().equals(figure)) return m;
        }
        throw new AssertionError("no " + figure + " in " + row);
    }

    private static void assertSameValue(String attribute, JsonNode value, String as) {
        if (value.isNull()) {
            assertThat(attribute).as(as).isEmpty();
        } else {
            assertThat(new BigDecimal(attribute)).as(as).isEqualByComparingTo(value.decimalValue());
        }
    }

    private List<String> rowKeys() {
        return browser.driver().findElements(By.cssSelector("#figure-table tbody tr, #figure-table tfoot tr")).stream()
                .map(e -> e.getDomAttribute("data-key")).toList();
    }

    private static List<String> keys(JsonNode table) {
        List<String> out = new ArrayList<>();
        table.path("rows").forEach(r -> out.add(r.path("key").asString()));
        out.add(table.path("total").path("key").asString());
        return out;
    }

    // ---------------------------------------------------------------- data and helpers

    /** The province's id, with the generated cities and matters under it (once per application). */
    private synchronized long generated() {
        long province = office("510000");
        long count = jdbc.sql("select count(*) from office where code like 'G%'").query(Long.class).single();
        if (count == 0) {
            String path = jdbc.sql("select path from office where id = ?").param(province).query(String.class)
                    .single();
            new StatisticsData(dataSource, 20261202L, new StatisticsData.Shape(2, 2, 1, 10, LocalDate.of(2026, 1, 1),
                    200)).generate(province, path);
        }
        // the application ends bookings left IN_SESSION after their slot (web.reception.InterruptedSessions, at most
        // a minute apart, here every 2 s), as the generated ones are: the figures hold still once it has ended them all
        browser.waiting(Duration.ofMinutes(3)).until(d -> jdbc.sql("select count(*) from booking "
                + "where state = 'IN_SESSION' and created_by = 'gen'").query(Long.class).single() == 0);
        return province;
    }

    /** Every office's names (data in either language), the matters' categories and the users' names. */
    private List<String> names() {
        List<String> out = new ArrayList<>(StatisticsData.CATEGORIES);
        out.addAll(jdbc.sql("select distinct category from case_file where category is not null")
                .query(String.class).list());
        out.addAll(jdbc.sql("select distinct category from sv_item where category is not null")
                .query(String.class).list());
        jdbc.sql("select name, name_en from office").query((rs, i) -> {
            out.add(rs.getString(1));
            if (rs.getString(2) != null) out.add(rs.getString(2));
            return null;
        }).list();
        out.addAll(List.of("sc.admin", "cd.leader", "省信访局管理员", "成都市信访局局长"));
        return out;
    }

    private long office(String code) {
        return jdbc.sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    /** Opens the page; if it never gets ready, says why (its page error and the browser's console). */
    @Override
    void openPage(String path) {
        browser.driver().get(baseUrl() + path);
        try {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        } catch (TimeoutException e) {
            throw new AssertionError(path + " never got ready; page error: "
                    + js("const e = document.getElementById('page-error'); return e ? e.textContent : null")
                    + "; console: " + browser.consoleLog(), e);
        }
    }

    private String value(String id) {
        return browser.driver().findElement(By.id(id)).getDomProperty("value");
    }
}
