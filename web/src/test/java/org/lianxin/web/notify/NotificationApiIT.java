package org.lianxin.web.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.notification.Notice;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.Recipient;
import org.lianxin.notification.testing.TestSmtp;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.web.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application with the e-mail channel against a real SMTP server (GreenMail on 127.0.0.1): a user's address
 * set over REST is where their notices arrive; a notice that cannot be sent is kept FAILED and seen, and retried, by
 * the administrators of its office's subtree only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + NotificationApiIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.notification.channel=mail",
        "lianxin.notification.mail.host=127.0.0.1",
        "lianxin.notification.mail.security=none",
        "lianxin.notification.mail.from=noreply@lianxin.example.cn",
        "lianxin.notification.max-attempts=2",
        "lianxin.notification.retry-min=200ms",
        "lianxin.notification.retry-max=500ms",
        "lianxin.notification.poll-interval=1s",
        "lianxin.notification.session-reminder.enabled=false"})
class NotificationApiIT {
    static final String PASSWORD = "notify-it-demo-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TestSmtp SMTP = new TestSmtp();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        String name = "notifyit" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        Path dataDir = Files.createTempDirectory("notify-it");
        registry.add("lianxin.data-dir", dataDir::toString);
        registry.add("lianxin.notification.mail.port", SMTP::port);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    Notifications notifications;
    @Autowired
    UserAccounts users;
    @Autowired
    Offices offices;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    RestClient api;

    @BeforeEach
    void client() {
        api = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @AfterEach
    void smtpUp() {
        SMTP.start();
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

    long office(String code) {
        return offices.byCode(code).id();
    }

    void enqueue(Notice notice) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> notifications.enqueue(notice));
    }

    @Test
    void aUserSetsTheirAddressAndTheirUnitsNoticeArrivesThereInChinese() {
        ResponseEntity<String> bad = call("PUT", "/api/v1/me/email", "cd.housing", Map.of("email", "住建局 at chengdu"));
        assertThat(bad.getStatusCode().value()).as(bad.getBody()).isEqualTo(400);
        assertThat(json(bad).path("rule").asString()).isEqualTo("validation");
        assertThat(users.email("cd.housing")).isEmpty();

        ResponseEntity<String> set = call("PUT", "/api/v1/me/email", "cd.housing",
                Map.of("email", " housing@chengdu.example.cn "));
        assertThat(set.getStatusCode().value()).as(set.getBody()).isEqualTo(200);
        assertThat(json(call("GET", "/api/v1/me/email", "cd.housing", null)).path("email").asString())
                .isEqualTo("housing@chengdu.example.cn");

        String subject = "【连心】退回重办：DB-2026-0007 / Returned for redo: DB-2026-0007";
        enqueue(Notice.of(NoticeKind.RETURNED_FOR_REDO, Recipient.officeStaff(office("510100-ZJ"), Role.OFFICIAL),
                subject, "答复材料不全，请于 5 日内补充后重新答复。\nThe reply is incomplete; please reply again within 5 days.",
                "redo:DB-2026-0007:1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SMTP.received())
                .anyMatch(m -> subject(m).equals(subject)));
        MimeMessage m = Arrays.stream(SMTP.received()).filter(x -> subject(x).equals(subject)).findFirst().orElseThrow();
        assertThat(to(m)).contains("housing@chengdu.example.cn");
    }

    @Test
    void aFailedNoticeIsSeenAndRetriedByTheAdministratorsOfItsSubtreeOnly() {
        users.create("cd.admin-" + port, PASSWORD, "成都市信访局管理员", Role.ADMIN, office("510100"), null);
        users.create("my.admin-" + port, PASSWORD, "绵阳市信访局管理员", Role.ADMIN, office("510700"), null);
        String cdAdmin = "cd.admin-" + port;
        String myAdmin = "my.admin-" + port;

        assertThat(call("PUT", "/api/v1/users/cd.hrss/email", myAdmin, Map.of("email", "hrss@chengdu.example.cn"))
                .getStatusCode().value()).as("another city's user").isEqualTo(404);
        assertThat(call("PUT", "/api/v1/users/cd.hrss/email", "jinjiang.scheduler",
                Map.of("email", "hrss@chengdu.example.cn")).getStatusCode().value()).isEqualTo(403);
        assertThat(call("PUT", "/api/v1/users/cd.hrss/email", cdAdmin, Map.of("email", "hrss@chengdu.example.cn"))
                .getStatusCode().value()).isEqualTo(200);

        SMTP.stop();
        String subject = "【连心】办理期限将至：DB-2026-0011 / Deadline near: DB-2026-0011";
        enqueue(Notice.of(NoticeKind.DEADLINE_NEAR, Recipient.user("cd.hrss"), subject, "还有 3 天到期。", "near:DB-2026-0011"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(jdbc.sql(
                "select state from notification_outbox where dedupe_key = 'near:DB-2026-0011'").query(String.class)
                .single()));

        ResponseEntity<String> theirs = call("GET", "/api/v1/notifications/failed", cdAdmin, null);
        assertThat(theirs.getStatusCode().value()).as(theirs.getBody()).isEqualTo(200);
        JsonNode entry = json(theirs).get(0);
        assertThat(entry.path("subject").asString()).isEqualTo(subject);
        assertThat(entry.path("attempts").asInt()).isEqualTo(2);
        assertThat(entry.path("lastError").asString()).contains("127.0.0.1:" + SMTP.port()).doesNotContain("example.cn");
        assertThat(entry.has("body")).isFalse();
        long id = entry.path("id").asLong();
        assertThat(json(call("GET", "/api/v1/notifications/failed", "sc.admin", null)).findValuesAsString("subject"))
                .contains(subject);
        assertThat(json(call("GET", "/api/v1/notifications/failed", myAdmin, null)).findValuesAsString("subject"))
                .doesNotContain(subject);
        ResponseEntity<String> notAdmin = call("GET", "/api/v1/notifications/failed", "cd.scheduler", null);
        assertThat(notAdmin.getStatusCode().value()).isEqualTo(403);
        assertThat(json(notAdmin).path("rule").asString()).isEqualTo("admin-only");
        ResponseEntity<String> otherCity = call("POST", "/api/v1/notifications/failed/" + id + "/retry", myAdmin, null);
        assertThat(otherCity.getStatusCode().value()).isEqualTo(404);
        assertThat(json(otherCity).path("rule").asString()).isEqualTo("notification-not-found");

        SMTP.start();
        ResponseEntity<String> retried = call("POST", "/api/v1/notifications/failed/" + id + "/retry", cdAdmin, null);
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SMTP.received())
                .anyMatch(m -> subject(m).equals(subject)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(jdbc.sql(
                "select state from notification_outbox where id = ?").param(id).query(String.class).single()));
        ResponseEntity<String> again = call("POST", "/api/v1/notifications/failed/" + id + "/retry", cdAdmin, null);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(json(again).path("rule").asString()).isEqualTo("notification-not-failed");
    }

    @Test
    void anInvitedOfficialIsToldTheConsultationHasStartedAndARefusedInvitationTellsNobody() {
        users.setEmail("cd.leader", "cd.leader@chengdu.example.cn");
        String title = "拆迁补偿联合会商 " + port;
        ResponseEntity<String> opened = call("POST", "/api/v1/consultations", "sc.leader", Map.of("title", title));
        assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
        long id = json(opened).path("id").asLong();
        long outboxBefore = jdbc.sql("select count(*) from notification_outbox").query(Long.class).single();

        ResponseEntity<String> refused = call("POST", "/api/v1/consultations/" + id + "/invitations", "sc.leader",
                Map.of("officialId", 999_999));
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from notification_outbox").query(Long.class).single())
                .isEqualTo(outboxBefore);

        long official = users.find("cd.leader").orElseThrow().officialId();
        ResponseEntity<String> invited = call("POST", "/api/v1/consultations/" + id + "/invitations", "sc.leader",
                Map.of("officialId", official));
        assertThat(invited.getStatusCode().value()).as(invited.getBody()).isEqualTo(200);
        String subject = "【连心】远程会商邀请：" + title + " / Invitation to a remote consultation: " + title;
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SMTP.received())
                .anyMatch(m -> subject(m).equals(subject)));
        MimeMessage m = Arrays.stream(SMTP.received()).filter(x -> subject(x).equals(subject)).findFirst().orElseThrow();
        assertThat(to(m)).contains("cd.leader@chengdu.example.cn");
        assertThat(body(m)).contains(json(opened).path("hostName").asString() + " 邀请您参加远程会商“" + title + "”",
                "invites you to the remote consultation");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return (String) m.getContent();
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String to(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
