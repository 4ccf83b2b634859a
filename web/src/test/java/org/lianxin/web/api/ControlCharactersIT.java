package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, fifth finding: text fields of request bodies refuse control characters (a tab everywhere, a newline
 * only in a multi-line field), naming the field; and the iCalendar feed never copies one that is already stored.
 */
class ControlCharactersIT extends AttackedApp {
    private static final AtomicInteger SEQ = new AtomicInteger(7000);

    private Map<String, Object> newCase(String subject) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "CC-" + UUID.randomUUID().toString().substring(0, 8));
        c.put("petitionerName", "王测试");
        c.put("idNumber", IdNumbers.valid("510104", SEQ.incrementAndGet()));
        c.put("phone", "13800001234");
        c.put("subject", subject);
        c.put("category", "住房城建");
        c.put("officeCode", "510104");
        return c;
    }

    private long cases() {
        return jdbc.sql("select count(*) from case_file").query(Long.class).single();
    }

    @Test
    void aControlCharacterInATextFieldIsRefusedNamingTheField() {
        long before = cases();
        for (String subject : new String[] {"房屋\r征收", "房屋征收\u0007", "房屋\n征收", "房屋\u0000", "房屋\u007f", "房屋\u0085"}) {
            JsonNode p = problem(http.json("POST", "/api/v1/cases", JINJIANG, newCase(subject)), 400,
                    "control-character");
            assertThat(p.path("errors").get(0).path("field").asString()).isEqualTo("subject");
        }
        assertThat(cases()).isEqualTo(before);
        ok(http.json("POST", "/api/v1/cases", JINJIANG, newCase("房屋\t征收")));
    }

    @Test
    void aMultiLineFieldTakesNewlinesButNoOtherControl() {
        Booked b = booked();
        // a blocked period's reason is one line (an input box)
        JsonNode p = problem(http.json("POST", "/api/v1/officials/" + b.official() + "/blocks", PROVINCE,
                Map.of("start", "2027-03-02T01:00:00Z", "end", "2027-03-02T03:00:00Z", "reason", "出差\n开会")),
                400, "control-character");
        assertThat(p.path("errors").get(0).path("field").asString()).isEqualTo("reason");
        // a cancellation's reason is typed in a multi-line box: line breaks yes, an escape sequence no
        p = problem(http.json("POST", "/api/v1/bookings/" + b.booking() + "/cancel", JINJIANG,
                Map.of("reason", "当事人\u001b[31m改期")), 400, "control-character");
        assertThat(p.path("errors").get(0).path("field").asString()).isEqualTo("reason");
        assertThat(ok(http.json("GET", "/api/v1/bookings/" + b.booking(), JINJIANG, null)).json().path("state")
                .asString()).isEqualTo("BOOKED");
        ok(http.json("POST", "/api/v1/bookings/" + b.booking() + "/cancel", JINJIANG,
                Map.of("reason", "第一行\n第二行\r\n第三行")));
    }

    record Booked(long official, long caseId, long booking) {
    }

    /** A booking two days ahead for a new official, terminal and case in 锦江区. */
    private Booked booked() {
        long official = official("510104", "LEADER");
        long terminal = ok(http.json("POST", "/api/v1/terminals", PROVINCE,
                Map.of("officeId", office("510104"), "name", "控制字符室" + SEQ.incrementAndGet(), "location", "一楼")))
                .json().path("id").asLong();
        long caseId = ok(http.json("POST", "/api/v1/cases", JINJIANG, newCase("房屋征收"))).json().path("id").asLong();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);
        JsonNode slots = ok(http.json("GET", "/api/v1/officials/" + official + "/free-slots?from=" + day + "&to=" + day
                + "&terminalId=" + terminal, JINJIANG, null)).json();
        Map<String, Object> booking = new LinkedHashMap<>();
        booking.put("officialId", official);
        booking.put("terminalId", terminal);
        booking.put("caseId", caseId);
        booking.put("start", slots.get(0).path("start").asString());
        long id = ok(http.json("POST", "/api/v1/bookings", JINJIANG, booking)).json().path("id").asLong();
        return new Booked(official, caseId, id);
    }

    @Test
    void theFeedNeverCopiesAStoredControlCharacter() {
        Booked b = booked();
        long official = b.official();
        long caseId = b.caseId();
        // stored before the input rule existed (or by another way in): a lone CR, a BEL, a DEL, a C1 control
        jdbc.sql("update case_file set subject = ? where id = ?")
                .params("房屋\r征收\u0007补偿;赔偿,面积\\\u007f\u0085完", caseId).update();
        String url = ok(http.json("GET", "/api/v1/officials/" + official + "/calendar-feed", PROVINCE, null)).json()
                .path("url").asString();
        Http.Response feed = ok(http.send("GET", url, null, null, null));
        String ics = feed.body();
        String withoutLineEnds = ics.replace("\r\n", "");
        for (char c : withoutLineEnds.toCharArray()) {
            assertThat(c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c <= 0x9f)
                    .as("control U+%04X in the feed", (int) c).isFalse();
        }
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("房屋\\n征收补偿\\;赔偿\\,面积\\\\完");
    }
}
