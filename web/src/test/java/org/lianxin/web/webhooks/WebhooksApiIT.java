package org.lianxin.web.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.web.security.UserAccounts;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.WebhookEvent;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSigner;
import org.lianxin.webhooks.Webhooks;
import org.lianxin.webhooks.testing.Receiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application: an administrator sets up an endpoint over REST and sees its secret once; an event emitted in
 * a transaction reaches a receiver on 127.0.0.1 signed with it; the delivery log and re-send; administrators of
 * another city see none of it, other roles are refused, a bad address is a problem naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + WebhooksApiIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.notification.session-reminder.enabled=false",
        "lianxin.webhooks.poll-interval=200ms"})
class WebhooksApiIT {
    static final String PASSWORD = "webhooks-it-demo-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Receiver RECEIVER;

    static {
        try {
            RECEIVER = new Receiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        String name = "webhooksit" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        Path dataDir = Files.createTempDirectory("webhooks-it");
        registry.add("lianxin.data-dir", dataDir::toString);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    Webhooks webhooks;
    @Autowired
    UserAccounts users;
    @Autowired
    Offices offices;
    @Autowired
    PlatformTransactionManager transactions;
    RestClient api;

    @BeforeEach
    void client() {
        api = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    ResponseEntity<String> call(String method, String path, String user, Object body) {
        RestClient.RequestBodySpec spec = api.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, basic(user));
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
        }
        return spec.retrieve().toEntity(String.class);
    }

    static JsonNode json(ResponseEntity<String> r) {
        return JSON.readTree(r.getBody());
    }

    @Test
    void anAdministratorsEndpointReceivesSignedEventsAndOnlyTheirSubtreeSeesIt() {
        long province = offices.byCode("510000").id();
        long chengdu = offices.byCode("510100").id();
        String cdAdmin = "cd.admin-wh-" + port;
        String myAdmin = "my.admin-wh-" + port;
        users.create(cdAdmin, PASSWORD, "成都市信访局管理员", Role.ADMIN, chengdu, null);
        users.create(myAdmin, PASSWORD, "绵阳市信访局管理员", Role.ADMIN, offices.byCode("510700").id(), null);

        ResponseEntity<String> created = call("POST", "/api/v1/webhooks/endpoints", cdAdmin, Map.of(
                "url", RECEIVER.url(), "description", "成都市信访信息系统",
                "eventTypes", List.of("supervision.opened", "booking.cancelled")));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String secret = json(created).path("secret").asString();
        long id = json(created).path("endpoint").path("id").asLong();
        assertThat(secret).startsWith("whsec_");
        assertThat(json(created).path("endpoint").path("officeId").asLong()).isEqualTo(chengdu);

        ResponseEntity<String> listed = call("GET", "/api/v1/webhooks/endpoints", cdAdmin, null);
        assertThat(listed.getBody()).doesNotContain(secret).contains(WebhookSecret.parse(secret).masked());
        assertThat(json(call("GET", "/api/v1/webhooks/endpoints", "sc.admin", null)).findValuesAsString("url"))
                .contains(RECEIVER.url());
        assertThat(json(call("GET", "/api/v1/webhooks/endpoints", myAdmin, null)).findValuesAsString("url"))
                .doesNotContain(RECEIVER.url());
        ResponseEntity<String> otherCity = call("GET", "/api/v1/webhooks/endpoints/" + id + "/deliveries", myAdmin,
                null);
        assertThat(otherCity.getStatusCode().value()).isEqualTo(404);
        assertThat(json(otherCity).path("rule").asString()).isEqualTo("webhook-endpoint-not-found");
        ResponseEntity<String> notAdmin = call("GET", "/api/v1/webhooks/endpoints", "cd.scheduler", null);
        assertThat(notAdmin.getStatusCode().value()).isEqualTo(403);
        assertThat(json(notAdmin).path("rule").asString()).isEqualTo("admin-only");
        ResponseEntity<String> upward = call("POST", "/api/v1/webhooks/endpoints", cdAdmin, Map.of(
                "officeId", province, "url", RECEIVER.url()));
        assertThat(json(upward).path("rule").asString()).isEqualTo("webhook-office-out-of-reach");
        ResponseEntity<String> badUrl = call("POST", "/api/v1/webhooks/endpoints", cdAdmin, Map.of(
                "url", "ftp://example.cn/hook"));
        assertThat(badUrl.getStatusCode().value()).isEqualTo(422);
        assertThat(json(badUrl).path("rule").asString()).isEqualTo("webhook-invalid-url");
        assertThat(json(badUrl).path("field").asString()).isEqualTo("url");
        ResponseEntity<String> badType = call("POST", "/api/v1/webhooks/endpoints", cdAdmin, Map.of(
                "url", RECEIVER.url(), "eventTypes", List.of("booking.exploded")));
        assertThat(json(badType).path("field").asString()).isEqualTo("eventTypes");

        new TransactionTemplate(transactions).executeWithoutResult(s -> webhooks.emit(new WebhookEvent(
                EventType.SUPERVISION_OPENED, "case:X1", List.of(chengdu, province),
                Instant.now(), "api-it:" + port, Map.of("itemId", 1))));
        await().atMost(Duration.ofSeconds(20)).until(() -> !RECEIVER.requests().isEmpty());
        Receiver.Request got = RECEIVER.requests().get(0);
        assertThat(WebhookSigner.verify(WebhookSecret.parse(secret), got.id(), Long.parseLong(got.timestamp()),
                got.body().getBytes(StandardCharsets.UTF_8), got.signature())).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> json(call("GET", "/api/v1/webhooks/endpoints/" + id
                + "/deliveries", cdAdmin, null)).path(0).path("state").asString().equals("DELIVERED"));
        JsonNode delivery = json(call("GET", "/api/v1/webhooks/endpoints/" + id + "/deliveries", cdAdmin, null)).path(0);
        assertThat(delivery.path("msgId").asString()).isEqualTo(got.id());
        long deliveryId = delivery.path("id").asLong();
        assertThat(json(call("GET", "/api/v1/webhooks/deliveries/" + deliveryId + "/attempts", cdAdmin, null))
                .path(0).path("status").asInt()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/webhooks/deliveries/" + deliveryId + "/resend", myAdmin, null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/webhooks/deliveries/" + deliveryId + "/resend", cdAdmin, null)
                .getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.requests().size() == 2);
        assertThat(RECEIVER.requests().get(1).id()).as("re-sent with the same webhook-id").isEqualTo(got.id());
    }
}
