package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The REST API over real HTTP against the whole application (dev profile: Sichuan demo data and demo users),
 * run once on H2 and once on PostgreSQL by the subclasses. Each test makes its own official, terminal and case in
 * 锦江区 (510104) so tests never share a calendar. Every refused request is checked to have written nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + RestApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/rest-it-data"})
abstract class RestApiContract {
    static final String PASSWORD = "rest-it-demo-password";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String JINJIANG = Http.basic("jinjiang.scheduler", PASSWORD);
    static final String FUCHENG = Http.basic("fucheng.scheduler", PASSWORD);
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    long jinjiang;
    long fucheng;
    LocalDate day;

    record Fixture(long official, long terminal, long caseId, String idNumber) {
    }

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        JsonNode offices = ok(http.json("GET", "/api/v1/offices", ADMIN, null)).json();
        for (JsonNode o : offices) {
            if (o.path("code").asString().equals("510104")) jinjiang = o.path("id").asLong();
            if (o.path("code").asString().equals("510703")) fucheng = o.path("id").asLong();
        }
        assertThat(jinjiang).isPositive();
        assertThat(offices.size()).as("province, 21 cities, counties, departments").isGreaterThan(80);
        day = LocalDate.now(SHANGHAI).plusDays(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    }

    Instant at(int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
    }

    static Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** A fresh official (every day 08:00–20:00, 30 min slots, 10 min buffer), terminal and case in 锦江区. */
    Fixture fixture() {
        int n = SEQ.incrementAndGet();
        String tag = n + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, String>> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) windows.add(Map.of("day", d.name(), "start", "08:00", "end", "20:00"));
        Map<String, Object> official = new LinkedHashMap<>();
        official.put("officeId", jinjiang);
        official.put("name", "测试领导" + tag);
        official.put("title", "副局长");
        official.put("kind", "LEADER");
        official.put("slotMinutes", 30);
        official.put("bufferMinutes", 10);
        official.put("maxSessionsPerDay", 48);
        official.put("windows", windows);
        Http.Response o = http.json("POST", "/api/v1/officials", ADMIN, official);
        assertThat(o.status()).as(o.toString()).isEqualTo(201);
        Http.Response t = http.json("POST", "/api/v1/terminals", ADMIN,
                Map.of("officeId", jinjiang, "name", "测试室" + tag, "location", "三楼"));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        String id = IdNumbers.valid("510104", 1000 + n);
        Http.Response c = http.json("POST", "/api/v1/cases", JINJIANG, newCase("IT-" + tag, id));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().path("idMasked").asString()).doesNotContain(id.substring(6, 14));
        return new Fixture(o.json().path("id").asLong(), t.json().path("id").asLong(), c.json().path("id").asLong(), id);
    }

    static Map<String, Object> newCase(String number, String idNumber) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", number);
        c.put("petitionerName", "张测试");
        c.put("idNumber", idNumber);
        c.put("phone", "13800001234");
        c.put("subject", "房屋征收补偿");
        c.put("category", "住房城建");
        c.put("officeCode", "510104");
        return c;
    }

    static Map<String, Object> booking(Fixture f, Instant start) {
        return booking(f.official(), f.terminal(), f.caseId(), start);
    }

    static Map<String, Object> booking(long official, long terminal, long caseId, Instant start) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("officialId", official);
        b.put("terminalId", terminal);
        b.put("caseId", caseId);
        b.put("start", start.toString());
        return b;
    }

    /** Posts a booking that must be refused with {@code status} and {@code rule}, and checks nothing was written. */
    Http.Response refused(String auth, Object body, int status, String rule) {
        long bookings = count("booking");
        long events = count("booking_event");
        Http.Response r = http.json("POST", "/api/v1/bookings", auth, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.rule()).as(r.toString()).isEqualTo(rule);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:lianxin:problem:" + rule);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(count("booking")).isEqualTo(bookings);
        assertThat(count("booking_event")).isEqualTo(events);
        return r;
    }

    // ------------------------------------------------------------------------------------------------ happy path

    @Test
    void aCountySchedulerBooksReschedulesAndCancelsThroughTheApi() {
        Fixture f = fixture();
        Http.Response me = ok(http.json("GET", "/api/v1/me", JINJIANG, null));
        assertThat(me.json().path("role").asString()).isEqualTo("SCHEDULER");
        assertThat(me.json().path("officeName").asString()).isEqualTo("锦江区");
        assertThat(me.json().path("officeId").asLong()).isEqualTo(jinjiang);

        Http.Response slots = ok(http.json("GET", "/api/v1/officials/" + f.official() + "/free-slots?from=" + day
                + "&to=" + day + "&terminalId=" + f.terminal(), JINJIANG, null));
        assertThat(slots.json().get(0).path("start").asString()).isEqualTo(at(8, 0).toString());

        Http.Response created = http.json("POST", "/api/v1/bookings", JINJIANG, booking(f, at(10, 0)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode b = created.json();
        long id = b.path("id").asLong();
        assertThat(created.header("Location").orElseThrow()).endsWith("/api/v1/bookings/" + id);
        assertThat(b.path("start").asString()).isEqualTo(at(10, 0).toString()).endsWith("Z");
        assertThat(b.path("end").asString()).isEqualTo(at(10, 30).toString());
        assertThat(b.path("state").asString()).isEqualTo("BOOKED");

        assertThat(ok(http.json("GET", "/api/v1/bookings/by-code/" + b.path("code").asString(), JINJIANG, null))
                .json().path("id").asLong()).isEqualTo(id);
        assertThat(ok(http.json("GET", "/api/v1/bookings?officialId=" + f.official() + "&from=" + day + "&to=" + day,
                JINJIANG, null)).json().size()).isEqualTo(1);

        Http.Response moved = ok(http.json("POST", "/api/v1/bookings/" + id + "/reschedule", JINJIANG,
                Map.of("start", at(14, 0).toString())));
        assertThat(moved.json().path("start").asString()).isEqualTo(at(14, 0).toString());
        Http.Response cancelled = ok(http.json("POST", "/api/v1/bookings/" + id + "/cancel", JINJIANG,
                Map.of("reason", "信访人申请改期")));
        assertThat(cancelled.json().path("state").asString()).isEqualTo("CANCELLED");
        JsonNode history = ok(http.json("GET", "/api/v1/bookings/" + id + "/history", JINJIANG, null)).json();
        List<String> kinds = new ArrayList<>();
        history.forEach(e -> kinds.add(e.path("kind").asString()));
        assertThat(kinds).containsExactly("BOOKED", "RESCHEDULED", "CANCELLED");
    }

    @Test
    void twentyParallelBookingsOfOneSlotLetExactlyOneWin() throws Exception {
        Fixture f = fixture();
        long before = count("booking");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> http.json("POST", "/api/v1/bookings", JINJIANG, booking(f, at(9, 0))).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> s : pool.invokeAll(calls)) statuses.add(s.get());
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("booking")).isEqualTo(before + 1);
    }

    @Test
    void aDepartmentOfficialInvitedToAJointReceptionAcceptsAsHimself() {
        Fixture f = fixture();
        long housingOffice = officeId("510100-ZJ");
        long housing = ok(http.json("GET", "/api/v1/offices/" + housingOffice + "/officials", ADMIN, null)).json()
                .get(0).path("id").asLong();
        Map<String, Object> body = booking(f, at(10, 0));
        body.put("inviteeIds", List.of(housing));
        long id = ok(http.json("POST", "/api/v1/bookings", JINJIANG, body)).json().path("id").asLong();

        String cdHousing = Http.basic("cd.housing", PASSWORD);
        assertThat(ok(http.json("GET", "/api/v1/me", cdHousing, null)).json().path("officialId").asLong())
                .isEqualTo(housing);
        Http.Response accepted = ok(http.json("POST", "/api/v1/bookings/" + id + "/invitations/" + housing
                + "/response", cdHousing, Map.of("accept", true)));
        assertThat(accepted.json().path("invitations").get(0).path("state").asString()).isEqualTo("ACCEPTED");
        // the invitee is now busy then: a booking of another host inviting him at the same time is refused
        Fixture g = fixture();
        Map<String, Object> clash = booking(g, at(10, 0));
        clash.put("inviteeIds", List.of(housing));
        refused(JINJIANG, clash, 409, "invitee-busy");
    }

    @Test
    void anAdminReshapesAnOfficialsCalendarAndBlocksHideSlots() {
        Fixture f = fixture();
        String path = "/api/v1/officials/" + f.official();
        Http.Response settings = ok(http.json("PUT", path + "/settings", ADMIN,
                Map.of("slotMinutes", 45, "bufferMinutes", 15, "maxSessionsPerDay", 6)));
        assertThat(settings.json().path("slotMinutes").asInt()).isEqualTo(45);
        Http.Response windows = ok(http.json("PUT", path + "/windows", JINJIANG,
                List.of(Map.of("day", day.getDayOfWeek().name(), "start", "09:00", "end", "12:00"))));
        assertThat(windows.json().path("windows").get(0).path("start").asString()).isEqualTo("09:00");
        Http.Response block = http.json("POST", path + "/blocks", JINJIANG,
                Map.of("start", at(9, 0).toString(), "end", at(10, 0).toString(), "reason", "党组会"));
        assertThat(block.status()).as(block.toString()).isEqualTo(201);
        JsonNode slots = ok(http.json("GET", "/api/v1/offices/" + jinjiang + "/free-slots?from=" + day + "&to=" + day,
                JINJIANG, null)).json().path(String.valueOf(f.official()));
        assertThat(slots.get(0).path("start").asString()).isEqualTo(at(10, 0).toString());
        assertThat(slots.get(0).path("end").asString()).isEqualTo(at(10, 45).toString());
        refused(JINJIANG, booking(f, at(9, 0)), 409, "official-blocked");
        Http.Response unblock = http.json("DELETE", path + "/blocks/" + block.json().path("id").asLong(), JINJIANG, null);
        assertThat(unblock.status()).isEqualTo(204);
        assertThat(http.json("POST", "/api/v1/bookings", JINJIANG, booking(f, at(9, 0))).status()).isEqualTo(201);

        Http.Response invalid = http.json("PUT", path + "/settings", ADMIN, Map.of("slotMinutes", 1));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.rule()).isEqualTo("validation");
        Http.Response leaderMayNot = http.json("PUT", path + "/windows", Http.basic("jinjiang.leader", PASSWORD),
                List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")));
        assertThat(leaderMayNot.status()).isEqualTo(403);
        assertThat(leaderMayNot.rule()).isEqualTo("out-of-jurisdiction");
    }

    long officeId(String code) {
        for (JsonNode o : ok(http.json("GET", "/api/v1/offices", ADMIN, null)).json()) {
            if (o.path("code").asString().equals(code)) return o.path("id").asLong();
        }
        throw new AssertionError("no office " + code);
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @Test
    void unknownIdsAreNotFound() {
        Fixture f = fixture();
        refused(JINJIANG, booking(999_999, f.terminal(), f.caseId(), at(10, 0)), 404, "official-not-found");
        refused(JINJIANG, booking(f.official(), 999_999, f.caseId(), at(10, 0)), 404, "terminal-not-found");
        refused(JINJIANG, booking(f.official(), f.terminal(), 999_999, at(10, 0)), 404, "case-not-found");
        assertThat(http.json("GET", "/api/v1/bookings/999999", JINJIANG, null).rule()).isEqualTo("booking-not-found");
    }

    @Test
    void overlappingSessionsAreRefusedBuffersIncluded() {
        Fixture f = fixture();
        Fixture g = fixture();
        ok(http.json("POST", "/api/v1/bookings", JINJIANG, booking(f, at(10, 0))));
        // same official, other terminal, inside the 10 min buffer after 10:30
        refused(JINJIANG, booking(f.official(), g.terminal(), g.caseId(), at(10, 35)), 409, "official-busy");
        // same terminal, other official
        refused(JINJIANG, booking(g.official(), f.terminal(), g.caseId(), at(10, 15)), 409, "terminal-busy");
        // after the buffer it is free again
        assertThat(http.json("POST", "/api/v1/bookings", JINJIANG,
                booking(f.official(), g.terminal(), g.caseId(), at(10, 40))).status()).isEqualTo(201);
    }

    @Test
    void outOfHoursPastAndBeyondTheHorizonAreRuleViolations() {
        Fixture f = fixture();
        refused(JINJIANG, booking(f, at(21, 0)), 422, "outside-availability");
        refused(JINJIANG, booking(f, Instant.now().minusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)),
                422, "in-past");
        refused(JINJIANG, booking(f, at(10, 0).plusSeconds(70L * 86_400)), 422, "beyond-horizon");
    }

    @Test
    void aCountySchedulerCannotBookAnotherCountysTerminal() {
        Fixture f = fixture();
        JsonNode terminals = ok(http.json("GET", "/api/v1/offices/" + fucheng + "/terminals", FUCHENG, null)).json();
        long fuchengTerminal = terminals.get(0).path("id").asLong();
        refused(JINJIANG, booking(f.official(), fuchengTerminal, f.caseId(), at(10, 0)), 403, "out-of-jurisdiction");
        // and the other way round: 涪城区 staff cannot book a 锦江区 case
        refused(FUCHENG, booking(f, at(10, 0)), 403, "out-of-jurisdiction");
    }

    @Test
    void malformedInvalidAndOversizedBodiesAreRefused() {
        refused(JINJIANG, "{\"officialId\": 1, ", 400, "malformed-request");
        refused(JINJIANG, "{\"officialId\": \"one\"}", 400, "malformed-request");
        Http.Response invalid = refused(JINJIANG, "{}", 400, "validation");
        assertThat(invalid.json().path("errors").toString()).contains("officialId", "start");

        String big = "{\"reason\":\"" + "x".repeat(1_200_000) + "\"}";
        long before = count("booking");
        Http.Response tooLarge = http.json("POST", "/api/v1/bookings", JINJIANG, big);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.rule()).isEqualTo("body-too-large");
        assertThat(count("booking")).isEqualTo(before);

        Http.Response media = http.send("POST", "/api/v1/bookings", JINJIANG, "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.rule()).isEqualTo("unsupported-media-type");
        Http.Response method = http.json("DELETE", "/api/v1/bookings", JINJIANG, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.rule()).isEqualTo("method-not-allowed");
    }

    @Test
    void duplicateCaseNumbersAndInvalidIdNumbersWriteNothing() {
        Fixture f = fixture();
        String number = jdbc.sql("select case_number from case_file where id = ?").param(f.caseId())
                .query(String.class).single();
        long cases = count("case_file");
        Http.Response dup = http.json("POST", "/api/v1/cases", JINJIANG, newCase(number, IdNumbers.valid("510104", 7)));
        assertThat(dup.status()).as(dup.toString()).isEqualTo(409);
        assertThat(dup.rule()).isEqualTo("case-number-taken");

        String valid = IdNumbers.valid("510104", 8);
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        Http.Response bad = http.json("POST", "/api/v1/cases", JINJIANG,
                newCase("IT-BAD-" + UUID.randomUUID(), valid.substring(0, 17) + wrong));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(bad.rule()).isEqualTo("id-number-invalid");

        // an import with one bad row among good ones writes nothing and lists the row
        List<Map<String, Object>> rows = List.of(
                newCase("IT-IMP-" + UUID.randomUUID(), IdNumbers.valid("510104", 9)),
                newCase("IT-IMP-" + UUID.randomUUID(), valid.substring(0, 17) + wrong));
        Http.Response imp = http.json("POST", "/api/v1/cases/import", JINJIANG, rows);
        assertThat(imp.status()).as(imp.toString()).isEqualTo(422);
        assertThat(imp.rule()).isEqualTo("import-rejected");
        assertThat(imp.json().path("errors").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(count("case_file")).isEqualTo(cases);

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) tooMany.add(Map.of());
        Http.Response limit = http.json("POST", "/api/v1/cases/import", JINJIANG, tooMany);
        assertThat(limit.status()).as(limit.toString()).isEqualTo(400);
        assertThat(limit.rule()).isEqualTo("validation");
        assertThat(count("case_file")).isEqualTo(cases);

        Http.Response good = ok(http.json("POST", "/api/v1/cases/import", JINJIANG,
                List.of(newCase("IT-IMP-" + UUID.randomUUID(), IdNumbers.valid("510104", 10)))));
        assertThat(good.json().path("created").asInt()).isEqualTo(1);
        assertThat(count("case_file")).isEqualTo(cases + 1);
    }

    // ------------------------------------------------------------------------------------------------ security

    @Test
    void withoutCredentialsTheApiAnswers401AndPagesRedirectToLogin() {
        Http.Response api = http.json("GET", "/api/v1/bookings", null, null);
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.rule()).isEqualTo("unauthenticated");
        Http.Response wrong = http.json("GET", "/api/v1/me", Http.basic("jinjiang.scheduler", "wrong"), null);
        assertThat(wrong.status()).isEqualTo(401);
        Http.Response page = http.send("GET", "/booking/", null, null, null);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void aCookieSessionNeedsTheCsrfTokenForWrites() {
        Fixture f = fixture();
        Http browser = new Http("http://localhost:" + port);
        Http.Response loginPage = browser.send("GET", "/login", null, null, null);
        assertThat(loginPage.status()).isEqualTo(200);
        String token = browser.cookie("XSRF-TOKEN").orElseThrow(() -> new AssertionError("no XSRF-TOKEN on GET /login"));

        Http.Response login = browser.form("/login", "username=jinjiang.scheduler&password=" + PASSWORD + "&_csrf=" + token);
        assertThat(login.status()).isEqualTo(302);
        String landing = login.header("Location").orElseThrow();
        assertThat(landing.equals("/") || landing.endsWith(":" + port + "/")).as(landing).isTrue();
        Http.Response home = browser.send("GET", "/", null, null, null);
        assertThat(home.header("Location").orElseThrow()).as("county staff start at the booking page")
                .endsWith("/booking/");
        Http.Response leaderHome = new Http("http://localhost:" + port).send("GET", "/",
                Http.basic("jinjiang.leader", PASSWORD), null, null);
        assertThat(leaderHome.header("Location").orElseThrow()).as("leaders start at the console")
                .endsWith("/console/");
        Http.Response reviewerHome = new Http("http://localhost:" + port).send("GET", "/",
                Http.basic("sc.reviewer", PASSWORD), null, null);
        assertThat(reviewerHome.header("Location").orElseThrow()).as("reviewers start at the review page")
                .endsWith("/review/");
        Http.Response me = browser.json("GET", "/api/v1/me", null, null);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(browser.cookie("XSRF-TOKEN")).isPresent();
        String sessionToken = browser.cookie("XSRF-TOKEN").orElseThrow();

        long before = count("booking");
        Http.Response noToken = browser.json("POST", "/api/v1/bookings", null, booking(f, at(11, 0)));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.rule()).isEqualTo("csrf");
        assertThat(count("booking")).isEqualTo(before);

        Http.Response withToken = browser.json("POST", "/api/v1/bookings", null, booking(f, at(11, 0)),
                "X-XSRF-TOKEN", sessionToken);
        assertThat(withToken.status()).as(withToken.toString()).isEqualTo(201);

        Http.Response badLogin = new Http("http://localhost:" + port).form("/login",
                "username=jinjiang.scheduler&password=wrong");
        assertThat(badLogin.status()).isEqualTo(403); // no CSRF token: refused before the password is checked
    }

    @Test
    void theXsrfCookieIsSetOnAPlainGetOfTheApi() {
        Http fresh = new Http("http://localhost:" + port);
        fresh.json("GET", "/api/v1/me", null, null);
        assertThat(fresh.cookie("XSRF-TOKEN")).isPresent();
    }

    // ------------------------------------------------------------------------------------------------ ICS, OpenAPI

    @Test
    void theCalendarFeedParsesAndWritesTimesInUtc() throws Exception {
        Fixture f = fixture();
        ok(http.json("POST", "/api/v1/bookings", JINJIANG, booking(f, at(15, 0))));
        String url = ok(http.json("GET", "/api/v1/officials/" + f.official() + "/calendar-feed", ADMIN, null))
                .json().path("url").asString();
        assertThat(url).startsWith("http://localhost:" + port + "/calendar/").endsWith(".ics");

        Http.Response feed = http.send("GET", url, null, null, null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type").orElse("")).startsWith("text/calendar").containsIgnoringCase("utf-8");
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(1);
        String dtstart = events.get(0).getProperty(Property.DTSTART).orElseThrow().getValue();
        assertThat(dtstart).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneId.of("UTC")).format(at(15, 0)));

        Http.Response unknown = http.send("GET", "/calendar/no-such-token.ics", null, null, null);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Http.Response docs = http.send("GET", "/v3/api-docs", null, null, null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/v1/bookings")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/offices/{id}/free-slots")).isTrue();
        assertThat(http.send("GET", "/actuator/health", null, null, null).status()).isEqualTo(200);
    }

    @Test
    void theNodesMetersAreForAdministratorsOnly() {
        Http.Response admin = http.json("GET", "/actuator/metrics/jvm.memory.used", ADMIN, null);
        assertThat(admin.status()).as("%s", admin).isEqualTo(200);
        assertThat(admin.json().path("name").asString()).isEqualTo("jvm.memory.used");
        assertThat(http.json("GET", "/actuator/metrics", ADMIN, null).json().path("names").toString())
                .contains("jvm.memory.used");
        assertThat(http.json("GET", "/actuator/metrics/jvm.memory.used", JINJIANG, null).status()).isEqualTo(403);
        assertThat(http.json("GET", "/actuator/metrics", Http.basic("sc.reviewer", PASSWORD), null).status())
                .isEqualTo(403);
        assertThat(http.json("GET", "/actuator/metrics", null, null).status()).isEqualTo(401);
    }
}
