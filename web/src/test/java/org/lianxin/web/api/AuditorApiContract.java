package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.api.SupervisionApiContract.ok;
import static org.lianxin.web.api.SupervisionApiContract.refused;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;
import org.lianxin.web.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 三员分立 and the auditor's trail over real HTTP against the whole application (dev profile), on H2 and PostgreSQL by
 * the subclasses: only the security administrator changes roles, no account takes a second duty, the system
 * administrator and the security administrator never read the trail, the auditor reads only its subtree's entries,
 * masked, and its own searches and exports are in the trail too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + AuditorApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/auditor-it-data"})
abstract class AuditorApiContract {
    static final String PASSWORD = "auditor-it-password";
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String SECURITY = Http.basic("sc.security", PASSWORD);
    static final String PROVINCE_AUDITOR = Http.basic("sc.auditor", PASSWORD);
    static final String CHENGDU_AUDITOR = Http.basic("cd.auditor", PASSWORD);
    static final String MIANYANG_AUDITOR = Http.basic("my.auditor", PASSWORD);
    static final String CHENGDU_STAFF = Http.basic("cd.scheduler", PASSWORD);
    static final String FUCHENG_STAFF = Http.basic("fucheng.scheduler", PASSWORD);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts users;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
    }

    long officeId(String code) {
        return jdbc.sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    /** A fresh account of the given role at the office, for a test to change. */
    long account(String prefix, Role role, String officeCode) {
        String name = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        return users.create(name, PASSWORD, "测试账号", role, officeId(officeCode), null).id();
    }

    Http.Response role(String auth, long user, String role) {
        return http.json("PUT", "/api/v1/users/" + user + "/role", auth, Map.of("role", role));
    }

    JsonNode entries(String auth, String query) {
        return ok(http.json("GET", "/api/v1/audit/entries?size=500&" + query, auth, null)).json();
    }

    @Test
    void onlyTheSecurityAdministratorChangesRolesAndNoAccountTakesASecondDuty() {
        long staff = account("t.staff", Role.SCHEDULER, "510100");
        refused(role(ADMIN, staff, "REVIEWER"), 403, "role-change-needs-security-admin");
        refused(role(CHENGDU_STAFF, staff, "REVIEWER"), 403, "role-change-needs-security-admin");
        refused(role(PROVINCE_AUDITOR, staff, "REVIEWER"), 403, "duty-scope");
        assertThat(ok(role(SECURITY, staff, "REVIEWER")).json().path("role").asString()).isEqualTo("REVIEWER");
        refused(role(SECURITY, staff, "SUPERUSER"), 422, "role-unknown");

        // the staff member becomes an auditor: that duty stays with the account for good
        assertThat(ok(role(SECURITY, staff, "AUDITOR")).json().path("duty").asString()).isEqualTo("AUDITOR");
        ok(role(SECURITY, staff, "SCHEDULER"));
        refused(role(SECURITY, staff, "ADMIN"), 422, "separated-duties");
        refused(role(SECURITY, staff, "SECURITY_ADMIN"), 422, "separated-duties");
        long admin = users.find("sc.admin").orElseThrow().id();
        refused(role(SECURITY, admin, "AUDITOR"), 422, "separated-duties");
        refused(role(SECURITY, users.find("sc.security").orElseThrow().id(), "SCHEDULER"), 422, "own-role");
        refused(role(SECURITY, 99_999_999L, "SCHEDULER"), 404, "user-not-found");
        assertThat(jdbc.sql("select role from app_user where id = ?").param(admin).query(String.class).single())
                .as("nothing half-done").isEqualTo("ADMIN");

        // every change is in the trail with who, whose, from and to; only the auditor reads it
        JsonNode changes = entries(PROVINCE_AUDITOR, "action=user.role&outcome=ALLOWED&objectId=" + staff);
        assertThat(changes.path("total").asLong()).as("one entry per change").isEqualTo(3);
        assertThat(entries(PROVINCE_AUDITOR, "action=user.change&objectId=" + staff).path("total").asLong())
                .as("no generic entry beside each").isZero();
        assertThat(entries(PROVINCE_AUDITOR, "action=user.role&outcome=DENIED&objectId=" + staff).path("total")
                .asLong()).as("the refused attempts, under the same action").isEqualTo(2);
        JsonNode last = changes.path("entries").get(0);
        assertThat(last.path("username").asString()).isEqualTo("sc.security");
        assertThat(last.path("role").asString()).isEqualTo("SECURITY_ADMIN");
        assertThat(last.path("details").asString()).contains("\"from\":\"AUDITOR\"").contains("\"to\":\"SCHEDULER\"");
        JsonNode refusals = entries(PROVINCE_AUDITOR, "user=sc.admin&outcome=DENIED");
        assertThat(refusals.path("total").asLong()).as("the administrator's refused role change").isPositive();
    }

    @Test
    void theAdministratorsNeverReadTheTrailAndTheNewDutiesSeeNothingElse() {
        refused(http.json("GET", "/api/v1/audit/entries", ADMIN, null), 403, "audit-trail-auditor-only");
        refused(http.json("GET", "/api/v1/audit/entries.csv", ADMIN, null), 403, "audit-trail-auditor-only");
        refused(http.json("GET", "/api/v1/audit/entries", CHENGDU_STAFF, null), 403, "audit-trail-auditor-only");
        refused(http.json("GET", "/api/v1/audit/entries", SECURITY, null), 403, "duty-scope");
        refused(http.json("GET", "/api/v1/bookings", PROVINCE_AUDITOR, null), 403, "duty-scope");
        refused(http.json("GET", "/api/v1/cases", SECURITY, null), 403, "duty-scope");
        refused(http.json("GET", "/api/v1/users", PROVINCE_AUDITOR, null), 403, "duty-scope");
        refused(http.json("GET", "/api/v1/users", CHENGDU_STAFF, null), 403, "accounts-by-administrators");
        assertThat(ok(http.json("GET", "/api/v1/me", PROVINCE_AUDITOR, null)).json().path("role").asString())
                .isEqualTo("AUDITOR");

        // the system administrator switches staff accounts, not the auditor's
        long staff = account("t.off", Role.SCHEDULER, "510100");
        assertThat(ok(http.json("PUT", "/api/v1/users/" + staff + "/enabled", ADMIN, Map.of("enabled", false)))
                .json().path("enabled").asBoolean()).isFalse();
        long auditor = users.find("cd.auditor").orElseThrow().id();
        refused(http.json("PUT", "/api/v1/users/" + auditor + "/enabled", ADMIN, Map.of("enabled", false)), 403,
                "duty-account-by-security-admin");
        // the security administrator lists the accounts of its subtree
        Set<Long> listed = new HashSet<>();
        ok(http.json("GET", "/api/v1/users", SECURITY, null)).json().forEach(u -> listed.add(u.path("id").asLong()));
        assertThat(listed).contains(staff, auditor);
    }

    @Test
    void aCityAuditorSeesOnlyItsCitysEntriesMasked() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // refusals by a Chengdu and a Mianyang user, and a failed login of no office
        refused(http.json("GET", "/api/v1/audit/entries?objectType=" + tag, CHENGDU_STAFF, null), 403,
                "audit-trail-auditor-only");
        refused(http.json("GET", "/api/v1/audit/entries?objectType=" + tag, FUCHENG_STAFF, null), 403,
                "audit-trail-auditor-only");
        String nobody = "nobody." + tag;
        assertThat(http.json("GET", "/api/v1/me", Http.basic(nobody, "wrong"), null).status()).isEqualTo(401);
        // an ID number in a refused path: the trail keeps the path, the auditor reads it masked
        refused(http.json("GET", "/api/v1/cases/51010419800101123X", CHENGDU_AUDITOR, null), 403, "duty-scope");

        long chengdu = officeId("510100");
        JsonNode seen = entries(CHENGDU_AUDITOR, "user=cd.scheduler&action=access.denied");
        assertThat(seen.path("total").asLong()).isPositive();
        assertThat(entries(CHENGDU_AUDITOR, "user=fucheng.scheduler").path("total").asLong()).isZero();
        assertThat(entries(CHENGDU_AUDITOR, "user=" + nobody).path("total").asLong()).isZero();
        assertThat(entries(MIANYANG_AUDITOR, "user=cd.scheduler").path("total").asLong()).isZero();
        assertThat(entries(MIANYANG_AUDITOR, "user=fucheng.scheduler").path("total").asLong()).isPositive();
        assertThat(entries(PROVINCE_AUDITOR, "user=" + nobody + "&action=auth.login-failed").path("total").asLong())
                .isEqualTo(1);
        Set<Long> chengduOffices = new HashSet<>(jdbc.sql("select id from office where id = ? or parent_id = ?"
                + " or parent_id in (select id from office where parent_id = ?)").params(chengdu, chengdu, chengdu)
                .query(Long.class).list());
        entries(CHENGDU_AUDITOR, "").path("entries").forEach(e -> assertThat(chengduOffices)
                .as(e.toString()).contains(e.path("officeId").asLong()));

        JsonNode masked = entries(PROVINCE_AUDITOR, "user=cd.auditor&action=access.denied");
        assertThat(masked.toString()).contains("5101**********123X").doesNotContain("51010419800101123X");

        // the export: CSV, masked, and itself in the trail
        Http.Response csv = ok(http.send("GET", "/api/v1/audit/entries.csv?user=cd.auditor", CHENGDU_AUDITOR, null,
                null));
        assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF序号,时间,用户").contains("5101**********123X")
                .doesNotContain("51010419800101123X");
        JsonNode exports = entries(PROVINCE_AUDITOR, "user=cd.auditor&action=audit.export");
        assertThat(exports.path("total").asLong()).isEqualTo(1);
        assertThat(exports.path("entries").get(0).path("details").asString()).contains("\"user\":\"cd.auditor\"");
    }

    @Test
    void badFiltersAreProblemsNotErrors() {
        refused(http.json("GET", "/api/v1/audit/entries?outcome=MAYBE", PROVINCE_AUDITOR, null), 422,
                "audit-outcome-unknown");
        refused(http.json("GET", "/api/v1/audit/entries?action=nothing.such", PROVINCE_AUDITOR, null), 422,
                "audit-action-unknown");
        refused(http.json("GET", "/api/v1/audit/entries?size=100000", PROVINCE_AUDITOR, null), 422, "audit-page");
        refused(http.json("GET", "/api/v1/audit/entries?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                PROVINCE_AUDITOR, null), 422, "audit-window");
        Http.Response notATime = http.json("GET", "/api/v1/audit/entries?from=" + URLEncoder.encode("yesterday",
                StandardCharsets.UTF_8), PROVINCE_AUDITOR, null);
        assertThat(notATime.status()).isEqualTo(400);
        assertThat(notATime.header("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
