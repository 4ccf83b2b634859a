package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.IdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The supervision REST contract over real HTTP against the whole application (dev profile: demo offices and users),
 * run on H2 and on PostgreSQL by the subclasses: the Chengdu leader's instruction at a reception assigns the housing
 * department and Jinjiang; the department signs, replies; the leader accepts. Refusals are problem details naming
 * their rule; a county of another city never sees the items.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + SupervisionApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/supervision-it-data"})
abstract class SupervisionApiContract {
    static final String PASSWORD = "supervision-it-password";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String CD_LEADER = Http.basic("cd.leader", PASSWORD);
    static final String CD_SCHEDULER = Http.basic("cd.scheduler", PASSWORD);
    static final String HOUSING = Http.basic("cd.housing", PASSWORD);
    static final String JINJIANG = Http.basic("jinjiang.scheduler", PASSWORD);
    static final String FUCHENG = Http.basic("fucheng.scheduler", PASSWORD);
    static final String PROVINCE_REVIEWER = Http.basic("sc.reviewer", PASSWORD);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Bookings bookings;
    Http http;
    final Map<String, Long> offices = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        for (JsonNode o : ok(http.json("GET", "/api/v1/offices", ADMIN, null)).json()) {
            offices.put(o.path("code").asString(), o.path("id").asLong());
        }
    }

    static Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }

    static Http.Response refused(Http.Response r, int status, String rule) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.rule()).as(r.toString()).isEqualTo(rule);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:lianxin:problem:" + rule);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/problem+json");
        return r;
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /**
     * A reception of the Chengdu leader for a new Jinjiang case, booked through the API, then moved to five minutes
     * ago and put IN_SESSION in the database (in life the live room starts it at its time).
     */
    record Reception(long booking, long caseId, String idNumber) {
    }

    Reception receptionInSession() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "SV-" + tag);
        c.put("petitionerName", "王测试");
        String idNumber = IdNumbers.valid("510104", Math.abs(tag.hashCode() % 9000));
        c.put("idNumber", idNumber);
        c.put("subject", "房屋征收补偿");
        c.put("category", "住房城建");
        c.put("officeCode", "510104");
        long caseId = ok(http.json("POST", "/api/v1/cases", JINJIANG, c)).json().path("id").asLong();
        long booking = leaderBooking(caseId);
        moveToNow(booking, "IN_SESSION", 300);
        return new Reception(booking, caseId, idNumber);
    }

    long leaderOfficial() {
        return ok(http.json("GET", "/api/v1/me", CD_LEADER, null)).json().path("officialId").asLong();
    }

    /** A booking of the Chengdu leader for {@code caseId} at a new Jinjiang terminal, in the first free slot. */
    long leaderBooking(long caseId) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long leaderOfficial = leaderOfficial();
        long terminal = ok(http.json("POST", "/api/v1/terminals", ADMIN, Map.of("officeId", offices.get("510104"),
                "name", "督办测试室" + tag, "location", "二楼"))).json().path("id").asLong();
        LocalDate from = LocalDate.now(SHANGHAI).plusDays(1);
        JsonNode slots = ok(http.json("GET", "/api/v1/officials/" + leaderOfficial + "/free-slots?from=" + from
                + "&to=" + from.plusDays(13) + "&terminalId=" + terminal, CD_SCHEDULER, null)).json();
        assertThat(slots.size()).as("the Chengdu leader receives in the next two weeks").isPositive();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("officialId", leaderOfficial);
        b.put("terminalId", terminal);
        b.put("caseId", caseId);
        b.put("start", slots.get(0).path("start").asString());
        return ok(http.json("POST", "/api/v1/bookings", CD_SCHEDULER, b)).json().path("id").asLong();
    }

    /** Moves the booking to have started {@code secondsAgo} and puts it in {@code state} (the live room does that). */
    void moveToNow(long booking, String state, int secondsAgo) {
        java.time.Instant started = java.time.Instant.now().minusSeconds(secondsAgo);
        jdbc.sql("update booking set state = ?, starts_at = ?, ends_at = ?, busy_until = ? where id = ?")
                .params(state, started.atOffset(java.time.ZoneOffset.UTC), started.plusSeconds(1800).atOffset(
                        java.time.ZoneOffset.UTC), started.plusSeconds(2400).atOffset(java.time.ZoneOffset.UTC),
                        booking).update();
    }

    @Test
    void aProblemRaisedAgainAtAHeldReceptionEscalatesByItself() {
        Reception first = receptionInSession();
        jdbc.sql("update booking set state = 'COMPLETED' where id = ?").param(first.booking()).update();
        long second = leaderBooking(first.caseId());
        moveToNow(second, "CHECKED_IN", 60);
        String query = "/api/supervision/items?kind=ESCALATION&caseId=" + first.caseId();
        assertThat(ok(http.json("GET", query, PROVINCE_REVIEWER, null)).json().path("total").asLong()).isZero();
        bookings.startSession(new Actor("cd.leader", Role.LEADER, offices.get("510100"), leaderOfficial()), second);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                ok(http.json("GET", query, PROVINCE_REVIEWER, null)).json().path("total").asLong() == 1);
        JsonNode item = ok(http.json("GET", query, CD_LEADER, null)).json().path("items").get(0);
        assertThat(item.path("number").asString()).startsWith("DB-");
        assertThat(item.path("unit").path("id").asLong()).isEqualTo(offices.get("510104"));
        assertThat(item.path("supervisingOffice").path("id").asLong()).isEqualTo(offices.get("510100"));
        assertThat(item.path("bookingId").asLong()).isEqualTo(second);
        assertThat(item.path("requirements").asString()).contains("SV-");
    }

    static Map<String, Object> assignment(long unit, boolean requiresReport) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("unitOfficeId", unit);
        a.put("requiresReport", requiresReport);
        return a;
    }

    @Test
    void anInstructionBecomesItemsThatAreSignedRepliedAndAcceptedOverHttp() {
        Reception reception = receptionInSession();
        long booking = reception.booking();
        long housingDept = offices.get("510100-ZJ");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", "请住建局会同锦江区核实补偿标准，30日内答复");
        body.put("assignments", List.of(assignment(housingDept, true), assignment(offices.get("510104"), false)));
        Http.Response given = http.json("POST", "/api/bookings/" + booking + "/instructions", CD_LEADER, body);
        assertThat(given.status()).as(given.toString()).isEqualTo(201);
        JsonNode instruction = given.json();
        assertThat(instruction.path("bookingId").asLong()).isEqualTo(booking);
        assertThat(instruction.path("createdBy").asString()).isEqualTo("cd.leader");
        assertThat(instruction.path("items").size()).isEqualTo(2);
        JsonNode item = null;
        for (JsonNode i : instruction.path("items")) {
            if (i.path("unit").path("id").asLong() == housingDept) item = i;
        }
        assertThat(item).isNotNull();
        long id = item.path("id").asLong();
        assertThat(item.path("number").asString()).matches("JB-\\d{4}-\\d{6}");
        assertThat(item.path("kind").asString()).isEqualTo("ASSIGNMENT");
        String number = item.path("number").asString();
        assertThat(jdbc.sql("select subject from notification_outbox where recipient like ?")
                .param("office:" + housingDept + ":%").query(String.class).list())
                .as("the unit's staff are told of the assignment through the notification outbox, in the same commit")
                .anyMatch(subject -> subject.contains(number) && subject.contains("已交由"));
        assertThat(item.path("state").asString()).isEqualTo("PENDING_SIGN");
        assertThat(item.path("overdue").asBoolean()).isFalse();
        assertThat(item.path("supervisingOffice").path("id").asLong()).isEqualTo(offices.get("510100"));
        assertThat(item.path("supervisingOffice").path("nameEn").asString()).isNotBlank();
        assertThat(item.path("deadline").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(item.path("dueAt").asString()).endsWith("T15:59:59.999Z");
        assertThat(item.path("escalatedTo").isNull()).isTrue();
        assertThat(strings(item.path("allowed"))).containsExactly("remind");

        assertThat(ok(http.json("GET", "/api/supervision/inbox", HOUSING, null)).json().path("total").asLong())
                .isEqualTo(1);
        JsonNode signed = ok(http.json("POST", "/api/supervision/items/" + id + "/sign", HOUSING, Map.of())).json();
        assertThat(signed.path("state").asString()).isEqualTo("IN_PROGRESS");
        assertThat(strings(signed.path("allowed"))).containsExactly("progress", "extension", "reply");
        ok(http.json("POST", "/api/supervision/items/" + id + "/progress", HOUSING, Map.of("text", "已现场核查")));
        long pdf = upload(HOUSING, "答复意见.pdf", "%PDF-1.4\n% 答复意见\n%%EOF\n");
        long otherOffices = upload(CD_LEADER, "批示.pdf", "%PDF-1.4\n% 批示\n%%EOF\n");
        refused(http.json("POST", "/api/supervision/items/" + id + "/reply", HOUSING,
                Map.of("text", "已答复", "completionReport", "报告", "documentIds", List.of(otherOffices))), 422,
                "document-not-attachable");
        refused(http.json("POST", "/api/supervision/items/" + id + "/reply", HOUSING,
                Map.of("text", "已答复", "completionReport", "报告", "documentIds", List.of(pdf, pdf))), 422,
                "document-not-attachable");
        refused(http.json("POST", "/api/supervision/items/" + id + "/reply", HOUSING, Map.of("text", "已答复")), 422,
                "completion-report-required");
        JsonNode replied = ok(http.json("POST", "/api/supervision/items/" + id + "/reply", HOUSING,
                Map.of("text", "补偿款已按标准发放", "completionReport", "办结报告", "documentIds", List.of(pdf)))).json();
        assertThat(replied.path("state").asString()).isEqualTo("REPLIED");
        assertThat(replied.path("reply").path("by").asString()).isEqualTo("cd.housing");
        assertThat(replied.path("reply").path("documents").size()).isEqualTo(1);
        assertThat(replied.path("reply").path("documents").get(0).path("name").asString()).isEqualTo("答复意见.pdf");
        assertThat(replied.path("reply").path("documents").get(0).path("contentType").asString())
                .isEqualTo("application/pdf");
        assertThat(http.json("GET", "/api/documents/" + pdf, CD_LEADER, null).status())
                .as("the supervising office reads the reply's attachment").isEqualTo(200);
        refused(http.json("POST", "/api/supervision/items/" + id + "/accept", HOUSING, Map.of()), 403,
                "out-of-jurisdiction");
        JsonNode accepted = ok(http.json("POST", "/api/supervision/items/" + id + "/accept", CD_LEADER,
                Map.of("note", "同意办结"))).json();
        assertThat(accepted.path("state").asString()).isEqualTo("COMPLETED");
        List<String> history = new ArrayList<>();
        accepted.path("history").forEach(h -> history.add(h.path("kind").asString()));
        assertThat(history).containsExactly("CREATED", "SIGNED", "PROGRESS", "REPLIED", "ACCEPTED");
        refused(http.json("POST", "/api/supervision/items/" + id + "/accept", CD_LEADER, Map.of()), 422,
                "item-completed");

        assertThat(ok(http.json("GET", "/api/bookings/" + booking + "/instructions", JINJIANG, null)).json().size())
                .isEqualTo(1);
        JsonNode next = ok(http.json("GET", "/api/bookings/" + booking + "/next-steps", JINJIANG, null)).json();
        assertThat(next.path("steps").size()).isEqualTo(2);
        assertThat(next.path("instructionText").asString()).contains("补偿标准");

        String cases = "/api/cases/" + reception.caseId();
        JsonNode due = ok(http.json("GET", cases + "/evaluation", JINJIANG, null)).json();
        assertThat(due.path("due").asBoolean()).isTrue();
        assertThat(due.path("replies").get(0).path("itemId").asLong()).isEqualTo(id);
        refused(http.json("POST", cases + "/evaluations", JINJIANG, Map.of("result", "SATISFIED", "channel", "KIOSK",
                "idNumber", IdNumbers.valid("510104", 9999))), 422, "identity-mismatch");
        Http.Response evaluated = http.json("POST", cases + "/evaluations", JINJIANG, Map.of("result", "UNSATISFIED",
                "channel", "KIOSK", "idNumber", reception.idNumber(), "note", "补偿偏低"));
        assertThat(evaluated.status()).as(evaluated.toString()).isEqualTo(201);
        assertThat(evaluated.body()).doesNotContain(reception.idNumber());
        assertThat(evaluated.json().path("recordedBy").asString()).isEqualTo("jinjiang.scheduler");
        assertThat(evaluated.json().path("reviewOffer").path("level").asString()).isEqualTo("REVIEW");
        Http.Response review = http.json("POST", cases + "/reviews", JINJIANG, Map.of("reason", "补偿标准适用错误",
                "level", "REVIEW"));
        assertThat(review.status()).as(review.toString()).isEqualTo(201);
        assertThat(review.json().path("number").asString()).startsWith("FC-");
        assertThat(review.json().path("unit").path("id").asLong()).isEqualTo(offices.get("510100"));
        refused(http.json("POST", cases + "/reviews", JINJIANG, Map.of("reason", "again", "level", "REVIEW")), 422,
                "review-not-offered");
        JsonNode trail = ok(http.json("GET", cases + "/trail", CD_LEADER, null)).json();
        assertThat(trail.path("case").path("id").asLong()).isEqualTo(reception.caseId());
        assertThat(trail.path("instructions").size()).isEqualTo(1);
        assertThat(trail.path("items").size()).isEqualTo(3);
        assertThat(trail.path("evaluations").get(0).path("result").asString()).isEqualTo("UNSATISFIED");
        assertThat(trail.path("reviewOffer").isNull()).isTrue();
        refused(http.json("GET", cases + "/trail", FUCHENG, null), 404, "case-not-found");
    }

    @Test
    void aCountyOfAnotherCityNeverSeesTheItemsAndRefusalsAreProblemDetails() {
        long booking = receptionInSession().booking();
        long items = count("sv_item");
        refused(http.json("POST", "/api/bookings/" + booking + "/instructions", CD_LEADER,
                Map.of("text", "x", "assignments", List.of(assignment(offices.get("510703"), false)))), 422,
                "unit-out-of-reach");
        refused(http.json("POST", "/api/bookings/" + booking + "/instructions", JINJIANG, Map.of("text", "x")), 403,
                "out-of-jurisdiction");
        assertThat(count("sv_item")).isEqualTo(items);
        JsonNode given = ok(http.json("POST", "/api/bookings/" + booking + "/instructions", CD_LEADER,
                Map.of("text", "请核查", "assignments", List.of(assignment(offices.get("510100-ZJ"), false))))).json();
        long id = given.path("items").get(0).path("id").asLong();

        refused(http.json("GET", "/api/supervision/items/" + id, FUCHENG, null), 404, "item-not-found");
        refused(http.json("POST", "/api/supervision/items/" + id + "/sign", FUCHENG, Map.of()), 404, "item-not-found");
        JsonNode fuchengList = ok(http.json("GET", "/api/supervision/items", FUCHENG, null)).json();
        for (JsonNode i : fuchengList.path("items")) {
            assertThat(i.path("supervisingOffice").path("id").asLong()).isNotEqualTo(offices.get("510100"));
        }
        refused(http.json("GET", "/api/supervision/items/" + id, JINJIANG, null), 404, "item-not-found");
        assertThat(ok(http.json("GET", "/api/supervision/items/" + id, PROVINCE_REVIEWER, null)).json()
                .path("id").asLong()).isEqualTo(id);
        refused(http.json("POST", "/api/supervision/items/" + id + "/sign", PROVINCE_REVIEWER, Map.of()), 403,
                "out-of-jurisdiction");
        refused(http.json("POST", "/api/supervision/items/" + id + "/reply", HOUSING,
                Map.of("text", "x", "completionReport", "y")), 422, "sign-first");
        refused(http.json("POST", "/api/supervision/items/" + id + "/extension", HOUSING,
                Map.of("days", 31, "reason", "long")), 400, "validation");
        refused(http.json("GET", "/api/supervision/items?state=LOST", CD_LEADER, null), 422, "state-unknown");

        JsonNode order = http.json("POST", "/api/supervision/orders", PROVINCE_REVIEWER, Map.of("caseId",
                given.path("caseId").asLong(), "unitOfficeId", offices.get("510104"), "mode", "ON_SITE",
                "reason", "群众反映强烈", "requirements", "实地督查后书面报告")).json();
        assertThat(order.path("number").asString()).startsWith("DB-");
        assertThat(order.path("mode").asString()).isEqualTo("ON_SITE");
        JsonNode listed = ok(http.json("GET", "/api/supervision/items?kind=ORDER&caseId=" + given.path("caseId")
                .asLong(), CD_LEADER, null)).json();
        assertThat(listed.path("total").asLong()).isEqualTo(1);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** Uploads a small PDF as {@code auth} and gives its document id. */
    long upload(String auth, String filename, String pdf) {
        String boundary = "----lianxin-supervision";
        byte[] form = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/pdf\r\n\r\n" + pdf + "\r\n--" + boundary + "--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Http.Response up = http.send("POST", "/api/documents", auth, "multipart/form-data; boundary=" + boundary, form);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        return ok(up).json().path("id").asLong();
    }

}
