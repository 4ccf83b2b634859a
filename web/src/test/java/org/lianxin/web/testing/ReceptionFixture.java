package org.lianxin.web.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.testing.LiveHttp.ok;

import java.net.http.HttpClient;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.lianxin.scheduler.testing.IdNumbers;
import tools.jackson.databind.JsonNode;

/**
 * A reception booked through the REST API of the dev profile's demo data, for ITs that move the application's clock
 * themselves: the demo county leader {@code jinjiang.leader} receiving every day 08:00–20:00, a new terminal and a
 * new case (with a known valid ID number) in 锦江区, and the booking of the leader's first free slot at or after 10:00
 * of a given day (make the application's clock that day, before it, first).
 *
 * @param bookingId the booking, BOOKED
 * @param idNumber  the case's ID number, for the check-in
 * @param start     the booking's start
 */
public record ReceptionFixture(long bookingId, String idNumber, Instant start) {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Books as the county staff {@code jinjiang.scheduler}; {@code sc.admin} sets up the calendar and terminal. */
    public static ReceptionFixture book(int port, String password, LocalDate day) {
        HttpClient http = HttpClient.newHttpClient();
        String admin = LiveHttp.basic("sc.admin", password);
        String county = LiveHttp.basic("jinjiang.scheduler", password);
        long jinjiang = 0;
        for (JsonNode o : ok(LiveHttp.send(http, port, "GET", "/api/v1/offices", admin, null))) {
            if (o.path("code").asString().equals("510104")) {
                jinjiang = o.path("id").asLong();
            }
        }
        long official = ok(LiveHttp.send(http, port, "GET", "/api/v1/me", LiveHttp.basic("jinjiang.leader", password),
                null)).path("officialId").asLong();
        List<Map<String, String>> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(Map.of("day", d.name(), "start", "08:00", "end", "20:00"));
        }
        ok(LiveHttp.send(http, port, "PUT", "/api/v1/officials/" + official + "/windows", admin,
                WsClient.JSON.writeValueAsString(windows)));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long terminal = ok(LiveHttp.send(http, port, "POST", "/api/v1/terminals", admin, WsClient.JSON
                .writeValueAsString(Map.of("officeId", jinjiang, "name", "测试接访室" + tag, "location", "一楼"))))
                .path("id").asLong();
        String idNumber = IdNumbers.valid("510104", 9000 + SEQ.incrementAndGet());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "FIX-" + tag);
        c.put("petitionerName", "赵测试");
        c.put("idNumber", idNumber);
        c.put("phone", "13800007654");
        c.put("subject", "征地补偿");
        c.put("category", "国土资源");
        c.put("officeCode", "510104");
        long caseId = ok(LiveHttp.send(http, port, "POST", "/api/v1/cases", county, WsClient.JSON.writeValueAsString(c)))
                .path("id").asLong();
        Instant tenOClock = day.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
        Instant start = null;
        for (JsonNode s : ok(LiveHttp.send(http, port, "GET", "/api/v1/officials/" + official + "/free-slots?from="
                + day + "&to=" + day + "&terminalId=" + terminal, county, null))) {
            Instant at = Instant.parse(s.path("start").asString());
            if (!at.isBefore(tenOClock)) {
                start = at;
                break;
            }
        }
        assertThat(start).as("a free slot after 10:00 on " + day).isNotNull();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("officialId", official);
        b.put("terminalId", terminal);
        b.put("caseId", caseId);
        b.put("start", start.toString());
        long booking = ok(LiveHttp.send(http, port, "POST", "/api/v1/bookings", county,
                WsClient.JSON.writeValueAsString(b))).path("id").asLong();
        return new ReceptionFixture(booking, idNumber, start);
    }
}
