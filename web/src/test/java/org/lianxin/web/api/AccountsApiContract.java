package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.api.SupervisionApiContract.ok;
import static org.lianxin.web.api.SupervisionApiContract.refused;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;
import org.lianxin.web.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Accounts over real HTTP against the whole application (dev profile), on H2 and PostgreSQL by the subclasses: a role
 * change or a disabling ends the account's logged-in browser sessions at their very next request (401
 * {@code session-ended} for the API, the login page for pages; audited), while other users' sessions go on; and the
 * system administrator creates staff accounts of its subtree, the security administrator the duties' accounts, each
 * creation audited once, each bad field named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + AccountsApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/accounts-it-data"})
abstract class AccountsApiContract {
    static final String PASSWORD = "accounts-it-password";
    static final String NEW_PASSWORD = "Chengdu-2026-new";
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String SECURITY = Http.basic("sc.security", PASSWORD);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts users;

    Http client() {
        return new Http("http://localhost:" + port);
    }

    long officeId(String code) {
        return jdbc.sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    long anOfficialOf(String code) {
        return jdbc.sql("select min(id) from official where office_id = ?").param(officeId(code)).query(Long.class)
                .single();
    }

    static String name(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A browser that logged in with the form as {@code username}: its cookie session. */
    Http loggedIn(String username, String password) {
        Http browser = client();
        assertThat(browser.send("GET", "/login", null, null, null).status()).isEqualTo(200);
        String token = browser.cookie("XSRF-TOKEN").orElseThrow();
        Http.Response login = browser.form("/login", "username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location").orElseThrow()).as("logged in").doesNotContain("error");
        return browser;
    }

    long entries(String action, String objectId) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and object_id = ?")
                .params(action, objectId).query(Long.class).single();
    }

    String endedDetails(String username) {
        return String.join("|", jdbc.sql("select details from audit_entry where action = 'auth.session-ended'"
                + " and username = ? order by seq").param(username).query(String.class).list());
    }

    @Test
    void aRoleChangeEndsTheLeadersSessionsAtTheirNextRequestAndNobodyElses() {
        String leader = name("t.leader");
        long id = users.create(leader, PASSWORD, "测试局长", Role.LEADER, officeId("510100"), anOfficialOf("510100")).id();
        Http api = loggedIn(leader, PASSWORD);
        Http pages = loggedIn(leader, PASSWORD);
        Http colleague = loggedIn("cd.scheduler", PASSWORD);
        assertThat(ok(api.json("GET", "/api/v1/me", null, null)).json().path("role").asString()).isEqualTo("LEADER");
        assertThat(pages.send("GET", "/console/", null, null, null).status()).isEqualTo(200);

        ok(client().json("PUT", "/api/v1/users/" + id + "/role", SECURITY, Map.of("role", "OFFICIAL")));

        refused(api.json("GET", "/api/v1/me", null, null), 401, "session-ended");
        refused(api.json("GET", "/api/v1/me", null, null), 401, "unauthenticated");
        Http.Response page = pages.send("GET", "/console/", null, null, null);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location").orElseThrow()).endsWith("/login?ended");
        assertThat(ok(colleague.json("GET", "/api/v1/me", null, null)).json().path("username").asString())
                .as("another user's session goes on").isEqualTo("cd.scheduler");
        assertThat(ok(client().json("GET", "/api/v1/me", Http.basic(leader, PASSWORD), null)).json().path("role")
                .asString()).as("HTTP Basic sees the new role at once").isEqualTo("OFFICIAL");
        assertThat(ok(loggedIn(leader, PASSWORD).json("GET", "/api/v1/me", null, null)).json().path("role")
                .asString()).as("a new login has the new role").isEqualTo("OFFICIAL");

        String key = Long.toString(id);
        assertThat(entries("user.role", key)).as("one entry per change").isEqualTo(1);
        assertThat(entries("user.change", key)).as("no generic entry beside it").isZero();
        assertThat(endedDetails(leader)).contains("role-changed").contains("/api/v1/me").contains("/console/");
        assertThat(entries("auth.session-ended", key)).isEqualTo(2);
    }

    @Test
    void disablingEndsTheSessionAndHttpBasicAndTheLoginForm() {
        String staff = name("t.staff");
        long id = users.create(staff, PASSWORD, "测试接访员", Role.SCHEDULER, officeId("510104"), null).id();
        Http session = loggedIn(staff, PASSWORD);
        ok(session.json("GET", "/api/v1/me", null, null));

        ok(client().json("PUT", "/api/v1/users/" + id + "/enabled", ADMIN, Map.of("enabled", false)));

        refused(session.json("GET", "/api/v1/bookings", null, null), 401, "session-ended");
        refused(client().json("GET", "/api/v1/me", Http.basic(staff, PASSWORD), null), 401, "unauthenticated");
        Http again = client();
        again.send("GET", "/login", null, null, null);
        Http.Response login = again.form("/login", "username=" + staff + "&password=" + PASSWORD + "&_csrf="
                + again.cookie("XSRF-TOKEN").orElseThrow());
        assertThat(login.header("Location").orElseThrow()).endsWith("/login?error");
        assertThat(endedDetails(staff)).contains("account-disabled");
        assertThat(entries("user.enable", Long.toString(id))).isEqualTo(1);
        assertThat(entries("user.change", Long.toString(id))).isZero();
    }

    Map<String, Object> account(String username, String office, String role, Long official, String password) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("username", username);
        a.put("displayName", "测试 账号");
        a.put("officeId", office == null ? null : officeId(office));
        a.put("role", role);
        a.put("officialId", official);
        a.put("password", password);
        return a;
    }

    Http.Response create(String auth, Map<String, Object> account) {
        return client().json("POST", "/api/v1/users", auth, account);
    }

    long count(String username) {
        return jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Long.class)
                .single();
    }

    static void field(Http.Response r, int status, String rule, String field) {
        refused(r, status, rule);
        assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
    }

    @Test
    void theSystemAdministratorCreatesStaffAndTheSecurityAdministratorTheDutiesAccounts() {
        String staff = name("t.new");
        Http.Response made = create(ADMIN, account(staff, "510104", "SCHEDULER", null, NEW_PASSWORD));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        JsonNode body = made.json();
        assertThat(body.path("username").asString()).isEqualTo(staff);
        assertThat(body.path("role").asString()).isEqualTo("SCHEDULER");
        assertThat(body.path("enabled").asBoolean()).isTrue();
        assertThat(body.toString()).doesNotContain(NEW_PASSWORD).doesNotContain("password");
        String id = body.path("id").asString();
        assertThat(made.header("Location").orElseThrow()).endsWith("/api/v1/users/" + id);
        assertThat(ok(client().json("GET", "/api/v1/me", Http.basic(staff, NEW_PASSWORD), null)).json()
                .path("username").asString()).as("signs in with the initial password").isEqualTo(staff);
        assertThat(entries("user.create", id)).as("audited once").isEqualTo(1);
        assertThat(jdbc.sql("select username || ' ' || role || ' ' || details from audit_entry"
                        + " where action = 'user.create' and object_id = ?").param(id).query(String.class).single())
                .startsWith("sc.admin ADMIN").contains("\"role\":\"SCHEDULER\"").contains(staff)
                .doesNotContain(NEW_PASSWORD);

        field(create(ADMIN, account(staff, "510104", "SCHEDULER", null, NEW_PASSWORD)), 409, "username-taken",
                "username");
        String weak = name("t.weak");
        field(create(ADMIN, account(weak, "510104", "SCHEDULER", null, "password")), 422, "password-weak",
                "password");
        field(create(ADMIN, account(weak, "510104", "LEADER", null, NEW_PASSWORD)), 422, "official-needed",
                "officialId");
        field(create(ADMIN, account(weak, "510104", "LEADER", anOfficialOf("510100"), NEW_PASSWORD)), 422,
                "official-not-in-office", "officialId");
        field(create(ADMIN, account("Bad Name", "510104", "SCHEDULER", null, NEW_PASSWORD)), 422,
                "login-name-invalid", "username");
        field(create(ADMIN, account(weak, null, "SCHEDULER", null, NEW_PASSWORD)), 422, "office-required",
                "officeId");
        refused(create(ADMIN, account(weak, "510104", "AUDITOR", null, NEW_PASSWORD)), 403,
                "duty-account-by-security-admin");
        refused(create(ADMIN, account(weak, "510104", "EVALUATOR", null, NEW_PASSWORD)), 422,
                "evaluator-role-by-pool");
        refused(create(SECURITY, account(weak, "510104", "SCHEDULER", null, NEW_PASSWORD)), 403, "account-by-admin");
        refused(create(Http.basic("cd.scheduler", PASSWORD), account(weak, "510104", "SCHEDULER", null,
                NEW_PASSWORD)), 403, "accounts-by-administrators");
        assertThat(count(weak)).as("nothing half-made").isZero();

        String leader = name("t.leader");
        Http.Response linked = create(ADMIN, account(leader, "510104", "LEADER", anOfficialOf("510104"), NEW_PASSWORD));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.json().path("officialId").asLong()).isEqualTo(anOfficialOf("510104"));

        // the security administrator makes a city's system administrator, who works in its own city only
        String cityAdmin = name("t.admin");
        Http.Response duty = create(SECURITY, account(cityAdmin, "510100", "ADMIN", null, NEW_PASSWORD));
        assertThat(duty.status()).as(duty.toString()).isEqualTo(201);
        assertThat(duty.json().path("duty").asString()).isEqualTo("ADMIN");
        String chengdu = Http.basic(cityAdmin, NEW_PASSWORD);
        refused(create(chengdu, account(weak, "510703", "SCHEDULER", null, NEW_PASSWORD)), 403, "out-of-jurisdiction");
        assertThat(create(chengdu, account(weak, "510104", "REVIEWER", null, NEW_PASSWORD)).status()).isEqualTo(201);
        String auditor = name("t.auditor");
        assertThat(create(SECURITY, account(auditor, "510100", "AUDITOR", null, NEW_PASSWORD)).json().path("duty")
                .asString()).isEqualTo("AUDITOR");
    }

    @Test
    void aPasswordChangeKeepsItsOwnSessionAndEndsTheAccountsOthers() {
        String staff = name("t.pw");
        users.create(staff, PASSWORD, "测试改密", Role.SCHEDULER, officeId("510104"), null);
        Http mine = loggedIn(staff, PASSWORD);
        Http other = loggedIn(staff, PASSWORD);
        ok(mine.json("GET", "/api/v1/me", null, null)); // the session's CSRF cookie
        String csrf = mine.cookie("XSRF-TOKEN").orElseThrow();
        field(mine.json("PUT", "/api/v1/me/password", null, Map.of("currentPassword", "wrong",
                "newPassword", NEW_PASSWORD), "X-XSRF-TOKEN", csrf), 422, "password-wrong", "currentPassword");
        field(mine.json("PUT", "/api/v1/me/password", null, Map.of("currentPassword", PASSWORD,
                "newPassword", "short"), "X-XSRF-TOKEN", csrf), 422, "password-weak", "newPassword");
        ok(other.json("GET", "/api/v1/me", null, null));

        Http.Response changed = mine.json("PUT", "/api/v1/me/password", null, Map.of("currentPassword", PASSWORD,
                "newPassword", NEW_PASSWORD), "X-XSRF-TOKEN", csrf);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(ok(mine.json("GET", "/api/v1/me", null, null)).json().path("username").asString())
                .as("the session that changed it goes on").isEqualTo(staff);
        refused(other.json("GET", "/api/v1/me", null, null), 401, "session-ended");
        refused(client().json("GET", "/api/v1/me", Http.basic(staff, PASSWORD), null), 401, "unauthenticated");
        ok(client().json("GET", "/api/v1/me", Http.basic(staff, NEW_PASSWORD), null));
        assertThat(endedDetails(staff)).contains("account-changed");
        assertThat(String.join("", jdbc.sql("select details from audit_entry where username = ?").param(staff)
                .query(String.class).list())).doesNotContain(NEW_PASSWORD).doesNotContain(PASSWORD);
    }
}
