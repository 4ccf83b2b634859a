package org.lianxin.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lianxin.audit.AuditCheckpoints;
import org.lianxin.audit.Checkpoint;
import org.lianxin.audit.CheckpointKeys;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail wired into the whole application on PostgreSQL (dev profile, demo users): logins and failed logins,
 * changes through the API with their outcome, refusals, the request id, the published public key, checkpoints in the
 * recordings' store, and {@code verify-audit} over it all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + AuditTrailIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=" + AuditTrailIT.DATA})
class AuditTrailIT {
    static final String PASSWORD = "audit-it-demo-password";
    static final String DATA = "target/audit-it-data";

    private static TestDatabases.Jdbc db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws java.io.IOException {
        // each run has a fresh database: the checkpoints a run before left in the store are not its own
        org.springframework.util.FileSystemUtils.deleteRecursively(java.nio.file.Path.of(DATA));
        db = TestDatabases.postgresUrl("web_audit");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    ObjectStore store;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private Map<String, Object> lastEntry(String action) {
        return jdbc.sql("select * from audit_entry where action = ? order by seq desc fetch first 1 rows only")
                .param(action).query().singleRow();
    }

    @Test
    void theCheckpointsPublicKeyIsPublishedWithoutLoginAndIsTheFileBesideTheKey() throws Exception {
        HttpResponse<String> r = send(request("/api/v1/audit/public-key", null, null));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("-----BEGIN PUBLIC KEY-----");
        Path pub = Path.of(DATA, AuditConfiguration.KEY_FILE + ".pub");
        assertThat(r.body()).isEqualTo(Files.readString(pub));
        assertThat(r.headers().firstValue("X-Audit-Key-Id")).contains(CheckpointKeys.keyId(CheckpointKeys.readPublic(pub)));
        assertThat(Files.getPosixFilePermissions(Path.of(DATA, AuditConfiguration.KEY_FILE)))
                .hasSize(2).allMatch(p -> p.name().startsWith("OWNER_"));
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void aFailedLoginIsAuditedWithTheNameTriedAndTheClientsRequestId() throws Exception {
        HttpResponse<String> r = send(request("/api/v1/me", "jinjiang.scheduler", "wrong-password")
                .header("X-Request-Id", "it-failed-login-1"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("X-Request-Id")).contains("it-failed-login-1");
        Map<String, Object> e = lastEntry("auth.login-failed");
        assertThat(e.get("username")).isEqualTo("jinjiang.scheduler");
        assertThat(e.get("outcome")).isEqualTo("DENIED");
        assertThat(e.get("request_id")).isEqualTo("it-failed-login-1");
        assertThat(e.get("client_address")).isEqualTo("127.0.0.1");
        assertThat((String) e.get("details")).contains("BadCredentialsException").doesNotContain("wrong-password");
    }

    @Test
    void aFormLoginIsAuditedWithTheUsersRoleAndOffice() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        browser.send(request("/login", null, null).build(), HttpResponse.BodyHandlers.ofString());
        String csrf = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        String form = "username=cd.scheduler&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> r = browser.send(request("/login", null, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        Map<String, Object> e = lastEntry("auth.login");
        assertThat(e.get("username")).isEqualTo("cd.scheduler");
        assertThat(e.get("role")).isEqualTo("SCHEDULER");
        assertThat(e.get("office_id")).isNotNull();
        assertThat(e.get("outcome")).isEqualTo("ALLOWED");
    }

    @Test
    void aBookingChangeIsAuditedWithItsObjectAndOutcome() throws Exception {
        HttpResponse<String> r = send(request("/api/v1/bookings/987654/cancel", "jinjiang.scheduler", PASSWORD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"test\"}")));
        assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(400);
        Map<String, Object> e = lastEntry("booking.cancel");
        assertThat(e.get("username")).isEqualTo("jinjiang.scheduler");
        assertThat(e.get("object_type")).isEqualTo("booking");
        assertThat(e.get("object_id")).isEqualTo("987654");
        assertThat(e.get("outcome")).isIn("FAILED", "DENIED");
        assertThat((String) e.get("details")).contains("\"status\":\"" + r.statusCode() + "\"");
    }

    @Test
    void aRefusalIsAuditedAsAccessDenied() throws Exception {
        // county staff may not read the download audit of a document (403 document-audit-managers-only)
        HttpResponse<String> up = send(request("/api/documents", "jinjiang.scheduler", PASSWORD)
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofString("--XyZ\r\nContent-Disposition: form-data; name=\"file\";"
                        + " filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--XyZ--\r\n")));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        String id = up.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
        HttpResponse<String> r = send(request("/api/documents/" + id + "/downloads", "jinjiang.scheduler", PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        Map<String, Object> e = lastEntry("access.denied");
        assertThat(e.get("username")).isEqualTo("jinjiang.scheduler");
        assertThat(e.get("object_id")).isEqualTo("GET /api/documents/" + id + "/downloads");
        assertThat(e.get("outcome")).isEqualTo("DENIED");
    }

    @Test
    void aCheckpointGoesToTheRecordingsStoreAndVerifyAuditFindsTheTrailIntact() throws Exception {
        send(request("/api/v1/me", "nobody", "nothing")); // at least one entry
        Checkpoint cp = checkpoints.checkpoint().orElseThrow();
        assertThat(store.stat(cp.objectName())).isPresent();

        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", db.url());
        env.put("SPRING_DATASOURCE_USERNAME", db.user());
        env.put("SPRING_DATASOURCE_PASSWORD", db.password());
        env.put("LIANXIN_DATA_DIR", DATA);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyAuditCommand.run(new String[0], env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String said = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(said).isZero();
        assertThat(said).startsWith("OK audit trail: ").contains("checkpoints").doesNotContain(db.password());

        assertThat(VerifyAuditCommand.run(new String[] {"--nonsense"}, env, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        env.put("LIANXIN_DATA_DIR", DATA + "/nowhere");
        assertThat(VerifyAuditCommand.run(new String[0], env, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    }

    @Test
    void theApplicationsRoleCannotRewriteTheTrail() throws Exception {
        send(request("/api/v1/me", "nobody", "nothing")); // at least one entry
        List<Long> seqs = jdbc.sql("select seq from audit_entry").query(Long.class).list();
        assertThat(seqs).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> jdbc.sql("update audit_entry set username = 'x'").update()).hasMessageContaining("audit");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> jdbc.sql("truncate audit_entry").update()).hasMessageContaining("audit");
    }
}
