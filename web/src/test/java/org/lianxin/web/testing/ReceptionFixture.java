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

    /**
     * What a booking needs, made ready but not booked: the leader, a new terminal, a new case and the leader's first free
     * slot at or after 10:00 of the day.
     *
     * @param hostOfficial the demo county leader's official id
     * @param idNumber     the case's ID number, for the check-in
     * @param start        the first free slot at or after 10:00
     */
    public record Slot(long hostOfficial, long terminal, long caseId, String idNumber, Instant start) {
    }

    /** Books as the county staff {@code jinjiang.scheduler}; {@code sc.admin} sets up the calendar and terminal. */
    public static ReceptionFixture book(int port, String password, LocalDate day) {
        Slot s = prepare(port, password, day);
        return new ReceptionFixture(book(port, password, s, s.start()), s.idNumber(), s.start());
    }

    /** The leader receiving every day 08:00–20:00, a new terminal and case in 锦江区, the first free slot after 10:00. */
    public static Slot prepare(int port, String password, LocalDate day) {
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
        receivingEveryDay(port, password, official);
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
        return new Slot(official, terminal, caseId, idNumber, start);
    }

    /** Windows 08:00–20:00 every day of the week for the official, set by {@code sc.admin}. */
    public static void receivingEveryDay(int port, String password, long official) {
        List<Map<String, String>> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(Map.of("day", d.name(), "start", "08:00", "end", "20:00"));
        }
        ok(LiveHttp.send(HttpClient.newHttpClient(), port, "PUT", "/api/v1/officials/" + official + "/windows",
                LiveHttp.basic("sc.admin", password), WsClient.JSON.writeValueAsString(windows)));
    }

    /** Books the slot's leader, terminal and case at {@code start} as {@code jinjiang.scheduler}: the booking's id. */
    public static long book(int port, String password, Slot s, Instant start) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("officialId", s.hostOfficial());
        b.put("terminalId", s.terminal());
        b.put("caseId", s.caseId());
        b.put("start", start.toString());
        LiveHttp.Resp r = LiveHttp.send(HttpClient.newHttpClient(), port, "POST", "/api/v1/bookings",
                LiveHttp.basic("jinjiang.scheduler", password), WsClient.JSON.writeValueAsString(b));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return LiveHttp.json(r).path("id").asLong();
    }

    /** The booking's state as {@code sc.admin} reads it over REST. */
    public static String state(int port, String password, long bookingId) {
        return ok(LiveHttp.send(HttpClient.newHttpClient(), port, "GET", "/api/v1/bookings/" + bookingId,
                LiveHttp.basic("sc.admin", password), null)).path("state").asString();
    }
}
