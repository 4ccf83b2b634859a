package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.reports.testing.Poppler;
import org.lianxin.statistics.testing.StatisticsData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The reports REST API over real HTTP against the whole application (dev profile: Sichuan's demo offices), with
 * generated matters under the province over the last four months: the month's bulletin PDF, read back with
 * {@code pdftotext}, says what the ranking JSON says, and the ranking's rates are the statistics API's; the yearly
 * ranking PDF likewise; the PDF's name is a proper UTF-8 filename; stored bulletins are issued once and seen only in
 * the jurisdiction; bad requests are problem details naming their rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + ReportsApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/reports-it-data"})
abstract class ReportsApiContract {
    static final String PASSWORD = "reports-it-password";
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String CD_LEADER = Http.basic("cd.leader", PASSWORD);
    static final String REVIEWER = Http.basic("sc.reviewer", PASSWORD);
    static final YearMonth LAST_MONTH = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        long generated = jdbc.sql("select count(*) from office where code like 'G%'").query(Long.class).single();
        if (generated == 0) {
            long province = office("510000");
            String path = jdbc.sql("select path from office where id = ?").param(province).query(String.class).single();
            LocalDate first = LAST_MONTH.minusMonths(2).atDay(1);
            new StatisticsData(dataSource, 4242L, new StatisticsData.Shape(4, 2, 1, 12, first, 100))
                    .generate(province, path);
        }
    }

    long office(String code) {
        return jdbc.sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    Http.Response get(String auth, String path) {
        return http.send("GET", path, auth, null, null);
    }

    /** A year's figures of the whole province: on H2 on a loaded CI machine this takes longer than Http's 60 s. */
    JsonNode slowJson(String auth, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(4)).header("Authorization", auth).GET().build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Http.JSON.readTree(r.body());
    }

    HttpResponse<byte[]> pdf(String auth, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(4)).header("Authorization", auth).GET().build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        return r;
    }

    static List<List<String>> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(l -> Arrays.asList(l.trim().split("\\s+"))).toList();
    }

    static String shown(JsonNode measure) {
        return measure.path("value").isNull() ? "无数据" : measure.path("value").asString() + "%";
    }

    @Test
    void theBulletinPdfSaysWhatTheRankingJsonAndTheStatisticsSay() throws Exception {
        long province = office("510000");
        String q = "office=" + province + "&month=" + LAST_MONTH;
        JsonNode ranking = SupervisionApiContract.ok(get(ADMIN, "/api/v1/reports/ranking?" + q)).json();
        assertThat(ranking.path("period").path("from").asString()).isEqualTo(LAST_MONTH.atDay(1).toString());
        assertThat(ranking.path("rules").path("tieBreak").asString()).contains("按单位代码升序");
        JsonNode stats = SupervisionApiContract.ok(get(ADMIN, "/api/v1/statistics?office=" + province + "&from="
                + LAST_MONTH.atDay(1) + "&to=" + LAST_MONTH.atEndOfMonth())).json();
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode r : stats.path("rows")) rows.put(r.path("key").asString(), r);

        HttpResponse<byte[]> response = pdf(ADMIN, "/api/v1/reports/bulletin.pdf?" + q);
        String name = ranking.path("office").path("name").asString() + "-信访工作月度通报-" + LAST_MONTH + ".pdf";
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        List<List<String>> lines = lines(new Poppler(response.body()).text());

        int ranked = 0;
        int withoutData = 0;
        for (JsonNode u : ranking.path("units")) {
            JsonNode row = rows.get(u.path("officeId").asString());
            assertThat(row).as("statistics row of " + u.path("code").asString()).isNotNull();
            JsonNode completion = figure(row, "COMPLETION");
            assertThat(u.path("completion").path("numerator").asLong()).isEqualTo(completion.path("numerator").asLong());
            assertThat(u.path("completion").path("denominator").asLong())
                    .isEqualTo(completion.path("denominator").asLong());
            assertThat(shown(u.path("repliedOnTime"))).isEqualTo(shown(figure(row, "REPLIED_ON_TIME")));
            boolean hasPlace = !u.path("place").isNull();
            if (hasPlace) ranked++; else withoutData++;
            List<String> expected = new ArrayList<>(List.of(hasPlace ? u.path("place").asString() : "无数据",
                    u.path("name").asString(), u.path("code").asString(), shown(u.path("completion")),
                    shown(u.path("repliedOnTime")), u.path("items").asString()));
            if (u.path("flagged").asBoolean()) expected.add("约谈");
            assertThat(lines).as("the PDF's ranking row of " + u.path("code").asString()).contains(expected);
        }
        assertThat(ranked).as("ranked units in the generated data").isGreaterThanOrEqualTo(2);
        assertThat(withoutData).as("demo cities without items").isPositive();
    }

    private static JsonNode figure(JsonNode row, String name) {
        for (JsonNode m : row.path("figures")) {
            if (m.path("figure").asString().equals(name)) return m;
        }
        throw new AssertionError("no " + name + " in " + row);
    }

    @Test
    void theYearlyRankingPdfListsTheYearsRanking() throws Exception {
        long province = office("510000");
        int year = LAST_MONTH.getYear();
        JsonNode ranking = slowJson(ADMIN, "/api/v1/reports/ranking?office=" + province + "&year=" + year);
        assertThat(ranking.path("period").path("kind").asString()).isEqualTo("YEAR");
        assertThat(ranking.path("rules").path("talk").isNull()).isTrue();
        HttpResponse<byte[]> response = pdf(ADMIN, "/api/v1/reports/ranking.pdf?office=" + province + "&year=" + year);
        String text = new Poppler(response.body()).text();
        assertThat(text).contains("信访工作年度排名（" + year + "年）").contains("再相同的，按单位代码升序");
        List<List<String>> lines = lines(text);
        for (JsonNode u : ranking.path("units")) {
            List<String> expected = List.of(u.path("place").isNull() ? "无数据" : u.path("place").asString(),
                    u.path("name").asString(), u.path("code").asString(), shown(u.path("completion")),
                    shown(u.path("repliedOnTime")), u.path("items").asString());
            assertThat(lines).as("the PDF's ranking row of " + u.path("code").asString()).contains(expected);
        }
    }

    @Test
    void aBulletinIsIssuedOnceAndSeenInItsJurisdictionOnly() throws Exception {
        long province = office("510000");
        Http.Response issued = SupervisionApiContract.ok(http.send("POST", "/api/v1/reports/bulletins?office="
                + province + "&month=" + LAST_MONTH, ADMIN, null, null));
        assertThat(issued.status()).isEqualTo(201);
        long id = issued.json().path("id").asLong();
        Http.Response again = SupervisionApiContract.ok(http.send("POST", "/api/v1/reports/bulletins?office="
                + province + "&month=" + LAST_MONTH, ADMIN, null, null));
        assertThat(again.json().path("id").asLong()).isEqualTo(id);
        JsonNode list = SupervisionApiContract.ok(get(ADMIN, "/api/v1/reports/bulletins?office=" + province)).json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).path("period").asString()).isEqualTo(LAST_MONTH.toString());
        HttpResponse<byte[]> stored = pdf(ADMIN, "/api/v1/reports/bulletins/" + id + "/pdf");
        assertThat(new String(stored.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(new Poppler(stored.body()).text()).contains("信访工作月度通报");

        assertThat(get(CD_LEADER, "/api/v1/reports/bulletins/" + id + "/pdf").status()).isEqualTo(404);
        SupervisionApiContract.refused(get(CD_LEADER, "/api/v1/reports/bulletins?office=" + province), 403,
                "report-out-of-jurisdiction");
        assertThat(http.send("POST", "/api/v1/reports/bulletins?month=" + LAST_MONTH, REVIEWER, null, null)
                .status()).isEqualTo(403);
        SupervisionApiContract.refused(http.send("POST", "/api/v1/reports/bulletins?office=" + province + "&month="
                + LAST_MONTH.plusMonths(1), ADMIN, null, null), 422, "report-month-not-over");
    }

    @Test
    void badRequestsAreProblemDetailsNamingTheirRule() {
        String r = "/api/v1/reports/ranking?";
        SupervisionApiContract.refused(get(ADMIN, r + "month=2026-13"), 422, "report-month-invalid");
        SupervisionApiContract.refused(get(ADMIN, r + "year=20x6"), 422, "report-year-invalid");
        SupervisionApiContract.refused(get(ADMIN, r), 422, "report-period-missing");
        SupervisionApiContract.refused(get(ADMIN, r + "month=2026-10&year=2026"), 422, "report-period-ambiguous");
        SupervisionApiContract.refused(get(ADMIN, "/api/v1/reports/bulletin.pdf"), 422, "report-month-missing");
        SupervisionApiContract.refused(get(ADMIN, "/api/v1/reports/ranking.pdf"), 422, "report-year-missing");
        SupervisionApiContract.refused(get(CD_LEADER, r + "office=" + office("510000") + "&month=2026-10"), 403,
                "report-out-of-jurisdiction");
        SupervisionApiContract.refused(get(CD_LEADER, "/api/v1/reports/bulletin.pdf?office=" + office("510700")
                + "&month=2026-10"), 403, "report-out-of-jurisdiction");
        assertThat(get(CD_LEADER, r + "office=987654321&month=2026-10").status()).isEqualTo(404);
        JsonNode own = SupervisionApiContract.ok(get(CD_LEADER, r + "month=2026-10")).json();
        assertThat(own.path("office").path("code").asString()).isEqualTo("510100");
    }
}
