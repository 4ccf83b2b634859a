package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.web.testing.CompletedMatters;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The third-party evaluation pages in real headless Chromium against the whole application (dev profile): the
 * province's administrator makes an evaluator's login from the pool on /evaluation/draws/ and verifies last month's
 * draw of 锦江区 (same result); the evaluator signs in, lands on /evaluation/, sees exactly the matters it was drawn
 * for with the petitioner masked, scores one (then read-only, also after a reload), may read its matter's recording
 * but not another matter's, and is sent back to its page from /booking/. Every state audited in both languages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev", "lianxin.evaluation.check-interval=0",
        "spring.datasource.url=jdbc:h2:mem:evaluation-pages-it;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE"})
class EvaluationPagesIT extends StaffPageApp {
    private static final String EVALUATOR_PASSWORD = "ev-" + UUID.randomUUID().toString().substring(0, 12);

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEvaluatorSeesOnlyItsMattersScoresOneAndReachesNothingElse() {
        CompletedMatters matters = new CompletedMatters(jdbc);
        LiveFixture.Api admin = new LiveFixture.Api(baseUrl(), "sc.admin", PASSWORD);
        YearMonth last = YearMonth.from(LocalDate.now(CompletedMatters.SHANGHAI)).minusMonths(1);
        List<Long> items = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("王**", "房屋征收补偿", "住房城建", CompletedMatters.REPLY,
                "四川省信访局", "四川省", "锦江区信访局", "sc.admin", "pingyi.wang"));
        for (int i = 0; i < 4; i++) {
            JsonNode kase = newCase(7100 + i);
            items.add(matters.completedItem(kase.path("id").asLong(), kase.path("caseNumber").asString(), last));
            names.add(kase.path("caseNumber").asString());
        }
        names.addAll(jdbc.sql("select number from sv_item").query(String.class).list());
        List<Long> pool = new ArrayList<>();
        for (String n : List.of("甲", "乙", "丙", "丁")) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", "评议员" + n);
            e.put("kind", "CITIZEN_REP");
            pool.add(admin.call("POST", "/api/v1/evaluation/evaluators", e).path("id").asLong());
            names.add("评议员" + n);
        }
        long jinjiang = matters.officeId("510104");
        long drawId = admin.call("POST", "/api/v1/evaluation/offices/" + jinjiang + "/draws/" + last, null)
                .path("id").asLong();
        // the evaluator with the most matters in the draw gets the login
        long evaluatorId = jdbc.sql("select evaluator_id from ev_assignment where draw_id = ? group by evaluator_id"
                + " order by count(*) desc, evaluator_id").param(drawId).query(Long.class).list().get(0);
        List<Long> mine = jdbc.sql("select item_id from ev_assignment where draw_id = ? and evaluator_id = ?"
                + " order by item_id").params(drawId, evaluatorId).query(Long.class).list();
        long notMine = items.stream().filter(i -> !mine.contains(i)).findFirst().orElseThrow();
        long myRecording = matters.recordingOf(mine.get(0));
        long otherRecording = matters.recordingOf(notMine);

        WebDriver driver = browser.driver();
        BookingPage login = new BookingPage(driver, baseUrl());

        // the administrator makes the evaluator's login from the pool and verifies the draw
        login.logIn("sc.admin", PASSWORD);
        openPage("/evaluation/draws/");
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=draw-" + drawId + "]")).size() == 1);
        auditBothLanguages("draws: the month's draw and the pool", names);
        click("make-login-" + evaluatorId);
        type("login-username", "pingyi.wang");
        type("login-password", EVALUATOR_PASSWORD);
        click("login-send");
        wait.until(d -> text("pool-ok").contains("pingyi.wang"));
        assertThat(text("evaluator-" + evaluatorId)).contains("pingyi.wang");
        click("verify-" + drawId);
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=verdict-" + drawId + "]")).isEmpty());
        assertThat(text("verdict-" + drawId)).startsWith("相同");
        auditBothLanguages("draws: login made, draw verified", names);
        login.logOut();

        // the evaluator lands on its own page with exactly its matters, the first to score open
        login.submitLogin("pingyi.wang", EVALUATOR_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/evaluation/"));
        waitReady();
        List<Long> listed = driver.findElements(By.cssSelector("#matters button")).stream()
                .map(b -> Long.parseLong(b.getDomAttribute("data-testid").substring("matter-".length()))).sorted()
                .toList();
        assertThat(listed).containsExactlyElementsOf(mine);
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=score-form]")).size() == 1);
        long open = mine.get(0);
        click("matter-" + open);
        wait.until(d -> text("facts").contains("王**") && !d.findElements(By.cssSelector(
                "[data-testid=recording-" + myRecording + "]")).isEmpty());
        assertThat(driver.getPageSource()).doesNotContain("王小明").doesNotContain("13912345678");
        assertThat(text("reply")).isEqualTo(CompletedMatters.REPLY);
        auditBothLanguages("evaluator: a matter to score", names);

        // scores: all four are asked for, then sent once after a confirmation, and shown read-only
        click("score-send");
        wait.until(d -> !text("score-error").isBlank());
        assertThat(text("score-error")).isEqualTo("请为四个方面都选择分数。");
        for (String aspect : List.of("legality-5", "timeliness-4", "attitude-5", "result-3")) {
            driver.findElement(By.cssSelector("[data-testid=" + aspect + "]")).findElement(By.xpath("..")).click();
        }
        type("comment", "答复依法，办理稍慢");
        click("score-send");
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=scores-read-only]")).isEmpty());
        assertThat(text("scores")).contains("评分已提交").contains("4 分").contains("答复依法，办理稍慢");
        assertThat(jdbc.sql("select timeliness from ev_score where item_id = ? and evaluator_id = ?")
                .params(open, evaluatorId).query(Integer.class).single()).isEqualTo(4);
        auditBothLanguages("evaluator: scored", names);
        driver.navigate().refresh();
        waitReady();
        click("matter-" + open);
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid=scores-read-only]")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("[data-testid=score-form]"))).isEmpty();

        // its matter's recording, audited; another matter's is not there for it
        assertThat(status("/api/v1/recordings/" + myRecording)).isEqualTo(200);
        assertThat(status("/api/v1/recordings/" + otherRecording)).isEqualTo(404);
        assertThat(status("/api/v1/recordings")).isEqualTo(403);
        assertThat(status("/api/v1/bookings")).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from recording_access where recording_id = ? and username = 'pingyi.wang'")
                .param(myRecording).query(Long.class).single()).as("each viewing audited").isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select count(*) from recording_access where username = 'pingyi.wang' and recording_id <> ?")
                .param(myRecording).query(Long.class).single()).isZero();

        // a staff page sends it back to its own page, which says why
        driver.get(baseUrl() + "/booking/");
        wait.until(ExpectedConditions.urlContains("/evaluation/?closed=" + URLEncoder.encode("/booking/",
                StandardCharsets.UTF_8)));
        waitReady();
        assertThat(text("closed")).contains("该页面不对评议员开放");
        assertThat(driver.findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
                .containsExactly("第三方评议");
        auditBothLanguages("evaluator: a staff page refused", names);
        login.logOut();
    }

    // ---------------------------------------------------------------- helpers

    /** A new case of 锦江区 filed by its scheduler; the petitioner 王小明. */
    private JsonNode newCase(int seed) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "EP-" + UUID.randomUUID().toString().substring(0, 8));
        c.put("petitionerName", "王小明");
        c.put("idNumber", IdNumbers.valid("510104", seed));
        c.put("phone", "13912345678");
        c.put("subject", "房屋征收补偿");
        c.put("category", "住房城建");
        c.put("officeCode", "510104");
        return fileCase(c);
    }

    /** The HTTP status the signed-in page gets for a GET (the browser's own cookie session). */
    private long status(String path) {
        Object s = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})"
                        + ".then(r => done(r.status)).catch(e => done(-1));", path);
        return ((Number) s).longValue();
    }

    private void waitReady() {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    /** The state audited on the Chinese page, then on the English one, then again on the Chinese one. */
    @Override
    void auditBothLanguages(String state, List<String> names) {
        for (String language : List.of("zh", "en", "zh")) {
            if (!language.equals(((String) js("return document.documentElement.lang")).substring(0, 2))) {
                js("document.getElementById('lang-switch').click()");
                wait.until(d -> ((String) js("return document.documentElement.lang")).startsWith(language));
            }
            assertThat(PageAudit.of(browser.driver(), language).allowing(names).findings(state + " (" + language + ")"))
                    .isEmpty();
        }
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Here elements are addressed by their {@code data-testid}. */
    @Override
    String text(String id) {
        return browser.driver().findElement(testId(id)).getText();
    }

    /** Clicks, again if a re-render replaced the element before the click. */
    @Override
    void click(String id) {
        wait.until(d -> {
            d.findElement(testId(id)).click();
            return true;
        });
    }

    @Override
    void type(String id, String value) {
        WebElement field = browser.driver().findElement(testId(id));
        field.clear();
        field.sendKeys(value);
    }
}
