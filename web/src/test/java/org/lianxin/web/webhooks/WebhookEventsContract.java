package org.lianxin.web.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.web.security.SystemActor;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSigner;
import org.lianxin.webhooks.testing.Receiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every outbound event of a real change, over real HTTP against the whole application (dev profile: demo offices and
 * users), run on H2 and PostgreSQL by the subclasses: the province's endpoint hears of a booking made and moved, the
 * leader's instructions, the item they open, its reply and acceptance, the petitioner's evaluation and a recording
 * ended — each signed with the endpoint's secret, in the order of the changes of the case. A change that is refused
 * (409, 422) or rolled back queues nothing; one that commits always has its event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + WebhookEventsContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.notification.session-reminder.enabled=false",
        "lianxin.webhooks.poll-interval=200ms",
        "lianxin.data-dir=target/webhook-events-it-data"})
abstract class WebhookEventsContract {
    static final String PASSWORD = "webhook-events-it-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** One receiver and endpoint per test class (each subclass has its own application and database). */
    static Receiver RECEIVER;
    static WebhookSecret secret;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Bookings bookings;
    @Autowired
    SystemActor system;
    @Autowired
    RecordingCatalog catalog;
    @Autowired
    PlatformTransactionManager transactions;
    final HttpClient client = HttpClient.newHttpClient();
    final Map<String, Long> offices = new LinkedHashMap<>();

    @AfterAll
    static void closeReceiver() {
        if (RECEIVER != null) RECEIVER.close();
        RECEIVER = null;
        secret = null;
    }

    record Answer(int status, JsonNode json) {
        String rule() {
            return json.path("rule").asString();
        }
    }

    Answer send(String method, String path, String user, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    JsonNode ok(String method, String path, String user, Object body) throws Exception {
        Answer a = send(method, path, user, body);
        assertThat(a.status()).as(method + " " + path + ": " + a.json()).isBetween(200, 299);
        return a.json();
    }

    @BeforeEach
    void endpoint() throws Exception {
        for (JsonNode o : ok("GET", "/api/v1/offices", "sc.admin", null)) {
            offices.put(o.path("code").asString(), o.path("id").asLong());
        }
        if (RECEIVER == null) {
            RECEIVER = new Receiver();
            JsonNode created = ok("POST", "/api/v1/webhooks/endpoints", "sc.admin", Map.of("url", RECEIVER.url(),
                    "description", "四川省信访信息系统 " + UUID.randomUUID()));
            secret = WebhookSecret.parse(created.path("secret").asString());
        }
    }

    /** The events the receiver got of {@code caseNumber}, in arrival order, each checked against the signature. */
    List<JsonNode> eventsOf(String caseNumber) {
        List<JsonNode> events = new ArrayList<>();
        for (Receiver.Request r : RECEIVER.requests()) {
            JsonNode body = JSON.readTree(r.body());
            if (caseNumber.equals(body.path("data").path("caseNumber").asString())) {
                assertThat(WebhookSigner.verify(secret, r.id(), Long.parseLong(r.timestamp()),
                        r.body().getBytes(StandardCharsets.UTF_8), r.signature())).as(r.body()).isTrue();
                events.add(body);
            }
        }
        return events;
    }

    /** Each event's data has exactly the fields the API description documents for its type. */
    void asDocumented(List<JsonNode> events) throws Exception {
        JsonNode hooks = ok("GET", "/v3/api-docs", "sc.admin", null).path("webhooks");
        for (JsonNode e : events) {
            JsonNode documented = hooks.path(e.path("type").asString()).path("post").path("requestBody")
                    .path("content").path("application/json").path("schema").path("properties").path("data")
                    .path("properties");
            assertThat(e.path("data").propertyNames()).as(e.toString())
                    .containsExactlyInAnyOrderElementsOf(documented.propertyNames());
        }
    }

    List<String> typesOf(String caseNumber) {
        return eventsOf(caseNumber).stream().map(e -> e.path("type").asString()).toList();
    }

    long queued(String type, String caseNumber) {
        return jdbc.sql("select count(*) from webhook_message where event_type = ? and case_key = ?")
                .params(type, "case:" + caseNumber).query(Long.class).single();
    }

    /** A new Jinjiang case; returns its id. */
    long newCase(String caseNumber, String idNumber) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", caseNumber);
        c.put("petitionerName", "李测试");
        c.put("idNumber", idNumber);
        c.put("subject", "拆迁安置");
        c.put("category", "住房城建");
        c.put("officeCode", "510104");
        return ok("POST", "/api/v1/cases", "jinjiang.scheduler", c).path("id").asLong();
    }

    /** The Chengdu leader's free slots at a new Jinjiang terminal: [terminal id, slot starts...]. */
    List<Object> leaderSlots(long leader) throws Exception {
        long terminal = ok("POST", "/api/v1/terminals", "sc.admin", Map.of("officeId", offices.get("510104"),
                "name", "事件测试室" + UUID.randomUUID().toString().substring(0, 6), "location", "一楼")).path("id")
                .asLong();
        LocalDate from = LocalDate.now(SHANGHAI).plusDays(1);
        JsonNode slots = ok("GET", "/api/v1/officials/" + leader + "/free-slots?from=" + from + "&to="
                + from.plusDays(13) + "&terminalId=" + terminal, "cd.scheduler", null);
        assertThat(slots.size()).as("the Chengdu leader receives in the next two weeks").isGreaterThan(2);
        List<Object> result = new ArrayList<>(List.of(terminal));
        slots.forEach(s -> result.add(s.path("start").asString()));
        return result;
    }

    Answer book(long leader, long terminal, long caseId, Object start) throws Exception {
        return send("POST", "/api/v1/bookings", "cd.scheduler", Map.of("officialId", leader, "terminalId", terminal,
                "caseId", caseId, "start", start));
    }

    @Test
    void eachChangeOfACaseIsSentSignedInTheOrderOfTheChanges() throws Exception {
        String caseNumber = "WH-" + UUID.randomUUID().toString().substring(0, 8);
        String idNumber = IdNumbers.valid("510104", Math.abs(caseNumber.hashCode() % 9000));
        long caseId = newCase(caseNumber, idNumber);
        long leader = ok("GET", "/api/v1/me", "cd.leader", null).path("officialId").asLong();
        List<Object> slots = leaderSlots(leader);
        long terminal = (Long) slots.get(0);

        Answer booked = book(leader, terminal, caseId, slots.get(1));
        assertThat(booked.status()).isEqualTo(201);
        long booking = booked.json().path("id").asLong();
        Answer taken = book(leader, terminal, caseId, slots.get(1));
        assertThat(taken.status()).as("the same slot twice: %s", taken.json()).isEqualTo(409);
        JsonNode moved = ok("POST", "/api/v1/bookings/" + booking + "/reschedule", "cd.scheduler",
                Map.of("start", slots.get(2)));
        Answer past = send("POST", "/api/v1/bookings/" + booking + "/reschedule", "cd.scheduler",
                Map.of("start", Instant.now().minusSeconds(86_400).toString()));
        assertThat(past.status()).as("moved into the past: %s", past.json()).isEqualTo(422);

        // the live room puts the reception in session at its time; here the database does
        Instant started = Instant.now().minusSeconds(300);
        jdbc.sql("update booking set state = 'IN_SESSION', starts_at = ?, ends_at = ?, busy_until = ? where id = ?")
                .params(started.atOffset(java.time.ZoneOffset.UTC), started.plusSeconds(1800).atOffset(
                        java.time.ZoneOffset.UTC), started.plusSeconds(2400).atOffset(java.time.ZoneOffset.UTC),
                        booking).update();
        long housing = offices.get("510100-ZJ");
        JsonNode instruction = ok("POST", "/api/bookings/" + booking + "/instructions", "cd.leader", Map.of(
                "text", "请住建局核实安置方案，15日内答复", "assignments", List.of(Map.of("unitOfficeId", housing,
                        "requiresReport", false))));
        long item = instruction.path("items").get(0).path("id").asLong();
        ok("POST", "/api/supervision/items/" + item + "/sign", "cd.housing", Map.of());
        ok("POST", "/api/supervision/items/" + item + "/reply", "cd.housing", Map.of("text", "已落实安置房源"));
        Answer byUnit = send("POST", "/api/supervision/items/" + item + "/accept", "cd.housing", Map.of());
        assertThat(byUnit.status()).as("the unit may not accept its own reply").isEqualTo(403);
        ok("POST", "/api/supervision/items/" + item + "/accept", "cd.leader", Map.of("note", "同意办结"));
        Answer evaluated = send("POST", "/api/cases/" + caseId + "/evaluations", "jinjiang.scheduler",
                Map.of("result", "SATISFIED", "channel", "KIOSK", "idNumber", idNumber));
        assertThat(evaluated.status()).as(evaluated.json().toString()).isEqualTo(201);

        List<String> expected = List.of("booking.created", "booking.rescheduled", "supervision.opened",
                "instructions.given", "supervision.replied", "supervision.accepted", "evaluation.given");
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(caseNumber).size() >= expected.size());
        List<JsonNode> events = eventsOf(caseNumber);
        assertThat(typesOf(caseNumber)).as("one event per change, in the order of the changes").isEqualTo(expected);

        JsonNode created = events.get(0).path("data");
        assertThat(created.path("bookingId").asLong()).isEqualTo(booking);
        assertThat(created.path("state").asString()).isEqualTo("BOOKED");
        assertThat(created.path("start").asString()).isEqualTo(Instant.parse((String) slots.get(1)).toString());
        assertThat(created.path("officeId").asLong()).isEqualTo(offices.get("510104"));
        JsonNode rescheduled = events.get(1).path("data");
        assertThat(rescheduled.path("start").asString()).isEqualTo(moved.path("start").asString());
        assertThat(rescheduled.path("previousStart").asString()).isEqualTo(created.path("start").asString());
        assertThat(rescheduled.path("previousTerminalId").asLong()).isEqualTo(terminal);
        assertThat(events.get(2).path("data").path("itemId").asLong()).isEqualTo(item);
        JsonNode given = events.get(3).path("data");
        assertThat(given.path("instructionId").asLong()).isEqualTo(instruction.path("id").asLong());
        assertThat(given.path("bookingId").asLong()).isEqualTo(booking);
        assertThat(given.path("officeId").asLong()).isEqualTo(offices.get("510100"));
        assertThat(given.path("itemIds").get(0).asLong()).isEqualTo(item);
        assertThat(events.get(5).path("data").path("itemId").asLong()).isEqualTo(item);
        JsonNode evaluation = events.get(6).path("data");
        assertThat(evaluation.path("evaluationId").asLong()).isEqualTo(evaluated.json().path("id").asLong());
        assertThat(evaluation.path("result").asString()).isEqualTo("SATISFIED");
        assertThat(evaluation.path("itemIds").get(0).asLong()).isEqualTo(item);
        asDocumented(events);
        for (JsonNode e : events) {
            assertThat(e.toString()).as("no personal data goes out").doesNotContain(idNumber).doesNotContain("李测试");
        }
        assertThat(queued("booking.created", caseNumber)).as("the refused booking queued nothing").isEqualTo(1);
        assertThat(queued("booking.rescheduled", caseNumber)).as("the refused move queued nothing").isEqualTo(1);
        assertThat(queued("supervision.accepted", caseNumber)).as("the refused accept queued nothing").isEqualTo(1);
    }

    @Test
    void aChangeRolledBackQueuesNothingAndOneCommittedAlwaysItsEvent() throws Exception {
        String caseNumber = "WR-" + UUID.randomUUID().toString().substring(0, 8);
        long caseId = newCase(caseNumber, IdNumbers.valid("510104", Math.abs(caseNumber.hashCode() % 9000)));
        long leader = ok("GET", "/api/v1/me", "cd.leader", null).path("officialId").asLong();
        List<Object> slots = leaderSlots(leader);
        long booking = book(leader, (Long) slots.get(0), caseId, slots.get(1)).json().path("id").asLong();
        TransactionTemplate tx = new TransactionTemplate(transactions);

        tx.executeWithoutResult(s -> {
            bookings.cancel(system.get(), booking, "当事人改期");
            s.setRollbackOnly(); // whatever fails after the change in its transaction
        });
        assertThat(bookings.get(system.get(), booking).state().name()).isEqualTo("BOOKED");
        assertThat(queued("booking.cancelled", caseNumber)).isZero();

        Recording r = catalog.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION, "room-wh-" + booking,
                booking, null, caseId, offices.get("510104"), "it", Instant.now()));
        tx.executeWithoutResult(s -> {
            catalog.finish(r.id(), Recording.Status.COMPLETED, Instant.now(), "recordings/" + r.id()
                    + "/manifest.json", "ab".repeat(32), Instant.now().plusSeconds(86_400));
            s.setRollbackOnly();
        });
        assertThat(queued("recording.available", caseNumber)).isZero();

        ok("POST", "/api/v1/bookings/" + booking + "/cancel", "cd.scheduler", Map.of("reason", "当事人改期"));
        String sha = "cd".repeat(32);
        catalog.finish(r.id(), Recording.Status.COMPLETED, Instant.now(), "recordings/" + r.id() + "/manifest.json",
                sha, Instant.now().plusSeconds(86_400));
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(caseNumber).size() >= 3);
        assertThat(typesOf(caseNumber)).containsExactly("booking.created", "booking.cancelled",
                "recording.available");
        asDocumented(eventsOf(caseNumber));
        JsonNode recording = eventsOf(caseNumber).get(2).path("data");
        assertThat(recording.path("recordingId").asLong()).isEqualTo(r.id());
        assertThat(recording.path("manifestSha256").asString()).isEqualTo(sha);
        assertThat(recording.path("bookingId").asLong()).isEqualTo(booking);
        assertThat(recording.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(eventsOf(caseNumber).get(1).path("data").path("state").asString()).isEqualTo("CANCELLED");
    }
}
