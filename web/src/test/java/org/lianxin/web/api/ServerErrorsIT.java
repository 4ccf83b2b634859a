package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, second finding: requests that made the server fail (500) are refused with a 4xx problem detail, and
 * dates outside 1900–2200 are refused wherever a date or an instant enters the API, naming the field.
 */
class ServerErrorsIT extends AttackedApp {

    @Test
    void aWildcardContentTypeIsAnUnsupportedMediaType() {
        long cases = count("case_file");
        Http.Response r = http.send("POST", "/api/v1/cases", JINJIANG, "*/*",
                "{\"caseNumber\":\"X-1\"}".getBytes(StandardCharsets.UTF_8));
        problem(r, 415, "unsupported-media-type");
        problem(http.send("POST", "/api/v1/officials/1/blocks", PROVINCE, "application/*",
                "{}".getBytes(StandardCharsets.UTF_8)), 415, "unsupported-media-type");
        assertThat(count("case_file")).isEqualTo(cases);
    }

    @Test
    void freeSlotsFarInTheFutureOrPastAreRefused() {
        long official = official("510104", "LEADER");
        JsonNode p = problem(http.json("GET", "/api/v1/officials/" + official
                + "/free-slots?from=%2B999999999-12-31&to=%2B999999999-12-31", JINJIANG, null), 400, "date-out-of-range");
        assertThat(p.path("errors").get(0).path("field").asString()).isEqualTo("from");
        problem(http.json("GET", "/api/v1/officials/" + official + "/free-slots?from=2026-01-01&to=2201-01-01",
                JINJIANG, null), 400, "date-out-of-range");
        problem(http.json("GET", "/api/v1/offices/" + office("510104")
                + "/free-slots?from=1899-12-31&to=1900-01-02", JINJIANG, null), 400, "date-out-of-range");
        problem(http.json("GET", "/api/v1/bookings?from=%2B999999999-12-31", JINJIANG, null), 400,
                "date-out-of-range");
        problem(http.json("GET", "/api/v1/bookings?to=-999999999-01-01T00:00:00Z", JINJIANG, null), 400,
                "date-out-of-range");
        ok(http.json("GET", "/api/v1/bookings?from=2026-01-01&to=2026-01-31", JINJIANG, null));
    }

    @Test
    void aBlockBeyondTheWindowIsRefusedAndNothingIsWritten() {
        long official = official("510104", "LEADER");
        long blocks = count("blocked_period");
        JsonNode p = problem(http.json("POST", "/api/v1/officials/" + official + "/blocks", PROVINCE,
                "{\"start\": \"-1000000000-01-01T00:00:00Z\", \"end\": \"2027-01-01T00:00:00Z\"}"),
                400, "date-out-of-range");
        assertThat(p.path("errors").get(0).path("field").asString()).isEqualTo("start");
        problem(http.json("POST", "/api/v1/officials/" + official + "/blocks", PROVINCE,
                Map.of("start", "-1000000000-01-01T00:00:00Z", "end", "+1000000000-01-01T00:00:00Z")),
                400, "date-out-of-range");
        problem(http.json("POST", "/api/v1/officials/" + official + "/blocks", PROVINCE,
                Map.of("start", "0001-01-01T00:00:00Z", "end", "9999-12-31T00:00:00Z")), 400, "date-out-of-range");
        assertThat(count("blocked_period")).isEqualTo(blocks);
        ok(http.json("POST", "/api/v1/officials/" + official + "/blocks", PROVINCE,
                Map.of("start", "2199-12-30T00:00:00Z", "end", "2199-12-31T00:00:00Z")));
        assertThat(count("blocked_period")).isEqualTo(blocks + 1);
    }

    @Test
    void aMonthBeyondTheWindowIsRefused() {
        problem(http.json("GET", "/api/v1/evaluation/offices/" + office("510100") + "/results?month=%2B999999999-12",
                PROVINCE, null), 400, "date-out-of-range");
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
