package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.statistics.testing.StatisticsData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The statistics REST API over real HTTP against the whole application (dev profile: Sichuan's demo offices), with
 * generated matters under the province: the CSV (UTF-8 with BOM, Chinese or English headers) carries exactly the JSON's
 * numbers; a city sees its own subtree only; bad requests are problem details naming their rule. The figures
 * themselves are checked against independent SQL in the statistics module's contract.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + StatisticsApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/statistics-it-data"})
abstract class StatisticsApiContract {
    static final String PASSWORD = "statistics-it-password";
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String CD_LEADER = Http.basic("cd.leader", PASSWORD);
    static final String RANGE = "from=2026-02-10&to=2026-05-20";

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
            new StatisticsData(dataSource, 42L, new StatisticsData.Shape(2, 2, 1, 10, LocalDate.of(2026, 1, 1), 200))
                    .generate(province, path);
        }
    }

    long office(String code) {
        return jdbc.sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    Http.Response get(String auth, String query, String... headers) {
        return http.send("GET", "/api/v1/statistics?" + query, auth, null, null, headers);
    }

    @Test
    void theCsvCarriesTheJsonsNumbersInEitherLanguage() {
        String q = "office=" + office("510000") + "&" + RANGE + "&groupBy=OFFICE_CHILDREN";
        Http.Response json = SupervisionApiContract.ok(get(ADMIN, q));
        JsonNode body = json.json();
        assertThat(body.path("total").path("figures").get(0).path("numerator").asLong())
                .as("receptions held in the generated data").isPositive();
        assertThat(body.path("figures").size()).isEqualTo(org.lianxin.statistics.Figure.values().length);

        Http.Response zh = SupervisionApiContract.ok(get(ADMIN, q + "&format=csv"));
        assertThat(zh.header("Content-Type").orElse("")).startsWith("text/csv").containsIgnoringCase("utf-8");
        assertThat(zh.header("Content-Disposition").orElse("")).contains("attachment").contains(".csv");
        assertThat(zh.body()).startsWith("\uFEFF编号,分组,接待场次,接待场次（分子）,接待场次（分母）,未到场");
        assertSameNumbers(body, zh.body());

        Http.Response en = SupervisionApiContract.ok(get(ADMIN, q, "Accept", "text/csv", "Accept-Language", "en-GB"));
        assertThat(en.body()).startsWith("\uFEFFKey,Group,Receptions held,Receptions held (numerator)");
        assertSameNumbers(body, en.body());
    }

    @Test
    void byMonthAndByCategoryTheCsvStillMatches() {
        for (String groupBy : List.of("MONTH", "CATEGORY")) {
            String q = "office=" + office("510000") + "&" + RANGE + "&groupBy=" + groupBy;
            JsonNode body = SupervisionApiContract.ok(get(ADMIN, q)).json();
            assertThat(body.path("groupBy").asString()).isEqualTo(groupBy);
            assertThat(body.path("rows").size()).as(groupBy).isPositive();
            assertSameNumbers(body, SupervisionApiContract.ok(get(ADMIN, q + "&format=csv&lang=zh")).body());
        }
    }

    @Test
    void aRateWithoutDataIsNullNotZero() {
        JsonNode body = SupervisionApiContract.ok(get(ADMIN, "from=2031-01-01&to=2031-01-31")).json();
        for (JsonNode m : body.path("total").path("figures")) {
            if (m.path("figure").asString().equals("RECEPTIONS_HELD")) {
                assertThat(m.path("value").asLong()).isZero();
            }
            if (m.path("figure").asString().equals("SATISFACTION")) {
                assertThat(m.path("denominator").asLong()).isZero();
                assertThat(m.path("value").isNull()).as(m.toString()).isTrue();
            }
        }
    }

    @Test
    void aCitySeesItsOwnSubtreeOnly() {
        JsonNode own = SupervisionApiContract.ok(get(CD_LEADER, RANGE)).json();
        assertThat(own.path("office").path("code").asString()).isEqualTo("510100");
        SupervisionApiContract.refused(get(CD_LEADER, "office=" + office("510700") + "&" + RANGE), 403,
                "statistics-out-of-jurisdiction");
        SupervisionApiContract.refused(get(CD_LEADER, "office=" + office("510000") + "&" + RANGE), 403,
                "statistics-out-of-jurisdiction");
        assertThat(get(CD_LEADER, "office=987654321&" + RANGE).status()).isEqualTo(404);
    }

    @Test
    void badRequestsNameTheirRule() {
        SupervisionApiContract.refused(get(ADMIN, "from=2026-05-01&to=2026-04-01"), 422, "statistics-range-reversed");
        SupervisionApiContract.refused(get(ADMIN, "to=2026-04-01"), 422, "statistics-range-missing");
        SupervisionApiContract.refused(get(ADMIN, RANGE + "&groupBy=YEAR"), 422, "statistics-group-unknown");
        SupervisionApiContract.refused(get(ADMIN, RANGE + "&format=xls"), 422, "statistics-format-unknown");
        SupervisionApiContract.refused(get(ADMIN, "from=2026-05-01&to=2026-04-01&format=csv"), 422,
                "statistics-range-reversed");
        SupervisionApiContract.refused(get(ADMIN, "from=2026-05-01&to=2026-04-01", "Accept", "text/csv"), 422,
                "statistics-range-reversed");
        assertThat(get(ADMIN, "from=2026-13-01&to=2026-04-01").status()).isEqualTo(400);
        assertThat(get(null, RANGE).status()).isEqualTo(401);
    }

    /** Every row of the CSV (then the total) has the JSON row's key and each figure's value, numerator, denominator. */
    static void assertSameNumbers(JsonNode body, String csv) {
        String[] lines = csv.substring(1).split("\r\n");
        List<JsonNode> rows = new ArrayList<>();
        body.path("rows").forEach(rows::add);
        rows.add(body.path("total"));
        assertThat(lines).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = lines[i + 1].split(",", -1);
            JsonNode row = rows.get(i);
            assertThat(cells[0]).isEqualTo(row.path("key").asString());
            int c = 2;
            for (JsonNode m : row.path("figures")) {
                // compared as numbers: the JSON reader here parses 3.00 as the double 3.0 (the scale is lost)
                if (m.path("value").isNull()) {
                    assertThat(cells[c]).as(row.path("key") + " " + m.path("figure")).isEmpty();
                } else {
                    assertThat(new java.math.BigDecimal(cells[c])).as(row.path("key") + " " + m.path("figure"))
                            .isEqualByComparingTo(m.path("value").decimalValue());
                }
                assertThat(cells[c + 1]).isEqualTo(Long.toString(m.path("numerator").asLong()));
                assertThat(cells[c + 2]).isEqualTo(Long.toString(m.path("denominator").asLong()));
                c += 3;
            }
        }
    }
}
