package org.lianxin.web.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSigner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The petition information system's signed upsert of case files, over real HTTP against the whole application (dev
 * profile: demo offices and users), on H2 and PostgreSQL by the subclasses: a good signature creates, then updates
 * (the same number twice is one case file, shown in its office's case list and not in another city's); a bad or old
 * signature is a 401 and a staff login opens nothing; a message whose webhook-id was seen before is answered and not
 * applied again; a bad field is a 422 naming it and writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + InboundCasesContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/inbound-cases-it-data"})
abstract class InboundCasesContract {
    static final String PASSWORD = "inbound-cases-it-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());
    static final WebhookSecret ROTATED_OUT = WebhookSecret.generate(new SecureRandom());

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        registry.add("lianxin.integration.inbound-secrets[0]", SECRET::reveal);
        registry.add("lianxin.integration.inbound-secrets[1]", ROTATED_OUT::reveal);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final HttpClient client = HttpClient.newHttpClient();

    record Answer(int status, JsonNode json, String contentType) {
        String rule() {
            return json.path("rule").asString();
        }
    }

    /** PUT signed with {@code secret} at {@code at} as message {@code id}; extra headers (name, value) may follow. */
    Answer put(String caseNumber, Object body, WebhookSecret secret, String id, Instant at, String... headers)
            throws Exception {
        return put(caseNumber, body, body, secret, id, at, headers);
    }

    /** As {@link #put(String, Object, WebhookSecret, String, Instant, String...)}, signing {@code signedBody}. */
    Answer put(String caseNumber, Object body, Object signedBody, WebhookSecret secret, String id, Instant at,
               String... headers) throws Exception {
        byte[] bytes = JSON.writeValueAsBytes(body);
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/integration/cases/" + caseNumber))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (secret != null) {
            long ts = at.getEpochSecond();
            r.header("webhook-id", id).header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", WebhookSigner.sign(secret, id, ts, JSON.writeValueAsBytes(signedBody)));
        }
        if (headers.length > 0) r.headers(headers);
        HttpResponse<String> a = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(a.statusCode(), a.body().isEmpty() ? JSON.nullNode() : JSON.readTree(a.body()),
                a.headers().firstValue("Content-Type").orElse(""));
    }

    Answer signed(String caseNumber, Object body) throws Exception {
        return put(caseNumber, body, SECRET, newId(), Instant.now());
    }

    static String newId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    JsonNode get(String path, String user) throws Exception {
        HttpResponse<String> a = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        return JSON.readTree(a.body());
    }

    static Map<String, Object> row(String caseNumber, String subject) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("caseNumber", caseNumber);
        row.put("petitionerName", "赵信访");
        row.put("idNumber", IdNumbers.valid("510104", Math.abs(caseNumber.hashCode() % 9000)));
        row.put("phone", "13800138000");
        row.put("subject", subject);
        row.put("category", "劳动社保");
        row.put("officeCode", "510104");
        return row;
    }

    long rows(String caseNumber) {
        return jdbc.sql("select count(*) from case_file where case_number = ?").param(caseNumber).query(Long.class)
                .single();
    }

    static void refused(Answer a, int status, String rule) {
        assertThat(a.status()).as(a.json().toString()).isEqualTo(status);
        assertThat(a.rule()).isEqualTo(rule);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theSameCaseNumberSentTwiceIsOneCaseFileShownToItsOffice() throws Exception {
        String number = "XF-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = signed(number, row(number, "欠薪投诉"));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        assertThat(created.json().path("created").asBoolean()).isTrue();
        long id = created.json().path("id").asLong();
        assertThat(created.json().toString()).doesNotContain("赵信访").doesNotContain("13800138000");

        Map<String, Object> changed = row(number, "欠薪投诉（补充材料）");
        changed.put("officeCode", "510100");
        Answer updated = put(number, changed, ROTATED_OUT, newId(), Instant.now());
        assertThat(updated.status()).as("signed with the second secret: %s", updated.json()).isEqualTo(200);
        assertThat(updated.json().path("created").asBoolean()).isFalse();
        assertThat(updated.json().path("id").asLong()).isEqualTo(id);
        assertThat(rows(number)).isEqualTo(1);

        JsonNode found = get("/api/v1/cases?q=" + number, "cd.scheduler");
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).path("subject").asString()).isEqualTo("欠薪投诉（补充材料）");
        assertThat(found.get(0).path("idMasked").asString()).contains("**********");
        assertThat(get("/api/v1/cases?q=" + number, "sc.admin").size()).isEqualTo(1);
        assertThat(get("/api/v1/cases?q=" + number, "jinjiang.scheduler").size())
                .as("moved up to the city: the county no longer holds it").isZero();
        assertThat(get("/api/v1/cases?q=" + number, "fucheng.scheduler").size()).as("another city").isZero();
    }

    @Test
    void onlyAFreshGoodSignatureGetsIn() throws Exception {
        String number = "XS-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> row = row(number, "征地补偿");
        refused(put(number, row, null, null, Instant.now()), 401, "inbound-signature-missing");
        refused(put(number, row, WebhookSecret.generate(new SecureRandom()), newId(), Instant.now()), 401,
                "inbound-signature-invalid");
        refused(put(number, row, SECRET, newId(), Instant.now().minusSeconds(6 * 60)), 401,
                "inbound-timestamp-out-of-tolerance");
        refused(put(number, row, SECRET, newId(), Instant.now().plusSeconds(6 * 60)), 401,
                "inbound-timestamp-out-of-tolerance");
        String staff = "Basic " + Base64.getEncoder().encodeToString(("sc.admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        refused(put(number, row, null, null, Instant.now(), "Authorization", staff), 401,
                "inbound-signature-missing");
        assertThat(rows(number)).as("nothing got in").isZero();

        String id = newId();
        assertThat(put(number, row, SECRET, id, Instant.now()).status()).isEqualTo(201);
        // the same message again (a sender that lost our answer retries with the same id): answered, not applied again
        Answer again = put(number, row, SECRET, id, Instant.now());
        assertThat(again.status()).as(again.json().toString()).isEqualTo(200);
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(again.json().path("caseNumber").asString()).isEqualTo(number);
        Answer changed = put(number, row(number, "征地补偿（同一消息号的另一内容）"), SECRET, id, Instant.now());
        assertThat(changed.status()).as("an id is applied once, whatever comes with it later").isEqualTo(200);
        assertThat(rows(number)).as("one case file").isEqualTo(1L);
        refused(put(number, row(number, "征地补偿（篡改）"), row, SECRET, newId(), Instant.now()), 401,
                "inbound-signature-invalid");
        assertThat(get("/api/v1/cases?q=" + number, "sc.admin").get(0).path("subject").asString())
                .isEqualTo("征地补偿");
    }

    @Test
    void aBadFieldIsRefusedNamingItAndWritesNothing() throws Exception {
        String number = "XB-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> badId = row(number, "信访事项");
        badId.put("idNumber", "510104199001011235X");
        Answer a = signed(number, badId);
        refused(a, 422, "id-number-invalid");
        assertThat(a.json().path("field").asString()).isEqualTo("idNumber");
        Map<String, Object> noSubject = row(number, " ");
        a = signed(number, noSubject);
        refused(a, 422, "case-invalid");
        assertThat(a.json().path("field").asString()).isEqualTo("subject");
        Map<String, Object> nowhere = row(number, "信访事项");
        nowhere.put("officeCode", "999999");
        a = signed(number, nowhere);
        refused(a, 422, "case-invalid");
        assertThat(a.json().path("field").asString()).isEqualTo("officeCode");
        Map<String, Object> badPhone = row(number, "信访事项");
        badPhone.put("phone", "12ab");
        assertThat(signed(number, badPhone).json().path("field").asString()).isEqualTo("phone");
        Map<String, Object> otherNumber = row("XB-other", "信访事项");
        assertThat(signed(number, otherNumber).json().path("field").asString()).isEqualTo("caseNumber");
        Map<String, Object> control = row(number, "信访\u0007事项");
        a = signed(number, control);
        refused(a, 400, "control-character"); // the project's one input rule, for every JSON body
        assertThat(a.json().path("errors").get(0).path("field").asString()).isEqualTo("subject");
        Map<String, Object> tooLong = row(number, "长".repeat(501));
        a = signed(number, tooLong);
        refused(a, 422, "case-invalid");
        assertThat(a.json().path("field").asString()).isEqualTo("subject");
        assertThat(rows(number)).isZero();

        String id = newId();
        refused(put(number, badId, SECRET, id, Instant.now()), 422, "id-number-invalid");
        assertThat(put(number, row(number, "信访事项"), SECRET, id, Instant.now()).status())
                .as("a refused request does not use up its webhook-id").isEqualTo(201);
    }

    /** The trail's entries of the inbound API about {@code caseNumber}, oldest first: "user outcome details". */
    java.util.List<String> trail(String caseNumber) {
        return jdbc.sql("select username || ' ' || outcome || ' ' || details from audit_entry"
                        + " where action = 'integration.case-upsert' and object_id = ? order by seq")
                .param(caseNumber).query(String.class).list();
    }

    @Test
    void everySignedRequestIsOneAuditEntryWithTheIntegrationAsTheActorAndNoPersonalData() throws Exception {
        String number = "XA-" + UUID.randomUUID().toString().substring(0, 8);
        String id = newId();
        assertThat(put(number, row(number, "欠薪投诉"), SECRET, id, Instant.now()).status()).isEqualTo(201);
        assertThat(put(number, row(number, "欠薪投诉"), SECRET, id, Instant.now()).status()).isEqualTo(200);
        assertThat(put(number, row(number, "欠薪投诉（补充）"), ROTATED_OUT, newId(), Instant.now()).status())
                .isEqualTo(200);
        refused(put(number, row(number, "伪造"), WebhookSecret.generate(new SecureRandom()), newId(), Instant.now()),
                401, "inbound-signature-invalid");
        Map<String, Object> badId = row(number, "欠薪投诉");
        badId.put("idNumber", "510104199001011235X");
        refused(signed(number, badId), 422, "id-number-invalid");
        refused(signed(number, row(number, "欠\u0007薪")), 400, "control-character");

        java.util.List<String> entries = trail(number);
        assertThat(entries).as("one entry per request").hasSize(6);
        String key = "integration:[0-9a-f]{16} ";
        assertThat(entries.get(0)).matches(key + "ALLOWED .*").contains("\"result\":\"created\"")
                .contains("\"messageId\":\"" + id + "\"").contains("\"caseFileId\"");
        assertThat(entries.get(1)).matches(key + "ALLOWED .*").contains("\"result\":\"replayed\"");
        assertThat(entries.get(2)).matches(key + "ALLOWED .*").contains("\"result\":\"updated\"");
        assertThat(entries.get(2).split(" ")[0]).as("the rotated secret has a key id of its own")
                .isNotEqualTo(entries.get(0).split(" ")[0]);
        assertThat(entries.get(3)).startsWith("integration:unverified DENIED")
                .contains("\"rule\":\"inbound-signature-invalid\"");
        assertThat(entries.get(4)).matches(key + "FAILED .*").contains("\"rule\":\"id-number-invalid\"")
                .contains("\"field\":\"idNumber\"");
        assertThat(entries.get(5)).matches(key + "FAILED .*").contains("\"status\":\"400\"");
        assertThat(String.join("\n", entries)).doesNotContain("赵信访").doesNotContain("13800138000")
                .doesNotContain("510104199001011235X").doesNotContain(SECRET.reveal())
                .doesNotContain(ROTATED_OUT.reveal());
    }
}
