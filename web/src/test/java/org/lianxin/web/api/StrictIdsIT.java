package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, fourth finding: ids in paths and query strings are ASCII digits only (no spaces, no hexadecimal, no
 * other scripts' digits, no sign), and a JSON integer field refuses a fraction, each with a problem naming it.
 */
class StrictIdsIT extends AttackedApp {

    @Test
    void anIdIsAsciiDigitsOnly() {
        long official = official("510104", "LEADER");
        ok(http.json("GET", "/api/v1/officials/" + official, JINJIANG, null));
        String arabicIndic = arabicIndic(official);
        for (String id : new String[] {"%20" + official, official + "%20", "0x" + Long.toHexString(official),
                "%2B" + official, arabicIndic, "1e1", "0" + official + ".0"}) {
            Http.Response r = http.json("GET", "/api/v1/officials/" + id, JINJIANG, null);
            assertThat(r.status()).as(id + " → " + r).isEqualTo(400);
            JsonNode p = problem(r, 400, "malformed-id");
            assertThat(p.path("errors").get(0).path("field").asString()).as(id).isEqualTo("id");
        }
        problem(http.json("GET", "/api/v1/bookings/%201", JINJIANG, null), 400, "malformed-id");
        problem(http.json("GET", "/api/v1/bookings/0x10", JINJIANG, null), 400, "malformed-id");
        problem(http.json("GET", "/api/v1/bookings?officialId=%20" + official, JINJIANG, null), 400, "malformed-id");
        // leading zeros are still ASCII digits: the same official
        ok(http.json("GET", "/api/v1/officials/0" + official, JINJIANG, null));
    }

    private static String arabicIndic(long n) {
        StringBuilder s = new StringBuilder();
        for (char c : Long.toString(n).toCharArray()) s.appendCodePoint(0x0660 + (c - '0'));
        return java.net.URLEncoder.encode(s.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aFractionIsNoInteger() {
        long official = official("510104", "LEADER");
        long bookings = jdbc.sql("select count(*) from booking").query(Long.class).single();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("officialId", official + 0.5);
        body.put("terminalId", 1);
        body.put("caseId", 1);
        body.put("start", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString());
        JsonNode p = problem(http.json("POST", "/api/v1/bookings", JINJIANG, body), 400, "malformed-request");
        assertThat(p.path("errors").get(0).path("field").asString()).isEqualTo("officialId");
        Map<String, Object> settings = Map.of("slotMinutes", 30.5, "bufferMinutes", 10, "maxSessionsPerDay", 8);
        problem(http.json("PUT", "/api/v1/officials/" + official + "/settings", PROVINCE, settings), 400,
                "malformed-request");
        assertThat(jdbc.sql("select count(*) from booking").query(Long.class).single()).isEqualTo(bookings);
        assertThat(jdbc.sql("select slot_minutes from official where id = ?").param(official).query(Integer.class)
                .single()).isEqualTo(30);
    }
}
