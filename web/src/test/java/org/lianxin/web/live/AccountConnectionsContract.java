package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.web.testing.LiveHttp.ok;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.web.security.UserAccounts;
import org.lianxin.web.testing.AppInstances;
import org.lianxin.web.testing.LiveHttp;
import org.lianxin.web.testing.WsClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13 through two whole application instances on one database (H2 and PostgreSQL by the subclasses), each with
 * a fake Janus: a leader is in a consultation on each instance (each room owned by the instance that issued its first
 * token); the security administrator changes the leader's role on instance A; both connections are told
 * {@code ROOM_SESSION_ENDED} (315) and closed with 4315 — on A at once after the commit, on B by PostgreSQL NOTIFY (the
 * periodic check is set far beyond the wait there) or by its periodic check (H2) — each audited, and the leader's old
 * join token is refused on both. Another official's connection in the same room stays open.
 */
abstract class AccountConnectionsContract {
    static final String PASSWORD = "account-connections-it-password";
    static final String SECURITY = LiveHttp.basic("sc.security", PASSWORD);

    static FakeJanus janusA;
    static FakeJanus janusB;
    static ConfigurableApplicationContext appA;
    static ConfigurableApplicationContext appB;
    final HttpClient http = HttpClient.newHttpClient();


    static void start(Map<String, String> database, String accountCheck) throws Exception {
        janusA = new FakeJanus();
        janusB = new FakeJanus();
        appA = app("app-a", janusA, database, accountCheck);
        appB = app("app-b", janusB, database, accountCheck);
    }

    private static ConfigurableApplicationContext app(String node, FakeJanus janus, Map<String, String> database,
                                                      String accountCheck) throws Exception {
        Map<String, Object> p = AppInstances.node(node, database, PASSWORD);
        p.put("lianxin.signaling.janus-url", janus.uri().toString());
        p.put("lianxin.cluster.account-check", accountCheck);
        return AppInstances.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        AppInstances.closeAll(appB, appA, janusA, janusB);
    }

    static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    JdbcClient jdbc() {
        return appA.getBean(JdbcClient.class);
    }

    LiveHttp.Resp call(ConfigurableApplicationContext app, String method, String path, String auth, String body) {
        return LiveHttp.send(http, port(app), method, path, auth, body);
    }

    long officeId(String code) {
        return jdbc().sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    List<Long> officialsOf(String code) {
        return jdbc().sql("select id from official where office_id = ? order by id").param(officeId(code))
                .query(Long.class).list();
    }

    /** A consultation hosted by {@code host}, its room opened by {@code app} (the first token is asked there). */
    JsonNode hostToken(ConfigurableApplicationContext app, String host, long guestOfficial, String[] guestToken,
                       String guestAuth) {
        JsonNode c = ok(call(app, "POST", "/api/v1/consultations", host,
                "{\"title\":\"账号变更测试会商\",\"recording\":false}"));
        long id = c.path("id").asLong();
        ok(call(app, "POST", "/api/v1/consultations/" + id + "/invitations", host,
                "{\"officialId\":" + guestOfficial + "}"));
        JsonNode token = ok(call(app, "POST", "/api/v1/consultations/" + id + "/join-token", host, null));
        guestToken[0] = ok(call(app, "POST", "/api/v1/consultations/" + id + "/join-token", guestAuth, null))
                .toString();
        return token;
    }

    static WsClient joined(JsonNode ticket) {
        WsClient ws = WsClient.connect(URI.create(ticket.path("wsUrl").asString()));
        ws.send("join", "j", "\"token\":\"" + ticket.path("token").asString() + "\"");
        ws.next("joined");
        return ws;
    }

    String signalingEnded(String username) {
        return String.join("|", jdbc().sql("select details from audit_entry where action = 'auth.session-ended'"
                + " and username = ? order by seq").param(username).query(String.class).list());
    }

    @Test
    void aRoleChangeOnOneInstanceClosesTheAccountsConnectionsOnBothAndItsOldTokensAreRefused() throws Exception {
        UserAccounts users = appA.getBean(UserAccounts.class);
        jdbc().sql("insert into official (office_id, name, kind, calendar_token) values (?, ?, 'DEPARTMENT_OFFICIAL', ?)")
                .params(officeId("510100"), "测试干部", UUID.randomUUID().toString().replace("-", "")).update();
        List<Long> officials = officialsOf("510100");
        String leaderName = "t.leader." + UUID.randomUUID().toString().substring(0, 8);
        String guestName = "t.guest." + UUID.randomUUID().toString().substring(0, 8);
        long leaderId = users.create(leaderName, PASSWORD, "测试局长", Role.LEADER, officeId("510100"), officials.get(0))
                .id();
        users.create(guestName, PASSWORD, "测试干部", Role.OFFICIAL, officeId("510100"), officials.get(officials.size() - 1));
        String leader = LiveHttp.basic(leaderName, PASSWORD);
        String guest = LiveHttp.basic(guestName, PASSWORD);

        String[] guestTicketA = new String[1];
        JsonNode onA = hostToken(appA, leader, officials.get(officials.size() - 1), guestTicketA, guest);
        JsonNode onB = hostToken(appB, leader, officials.get(officials.size() - 1), new String[1], guest);
        assertThat(onA.path("wsUrl").asString()).contains("node=app-a").contains(":" + port(appA) + "/");
        assertThat(onB.path("wsUrl").asString()).contains("node=app-b").contains(":" + port(appB) + "/");

        List<WsClient> open = new ArrayList<>();
        try {
            WsClient leaderA = joined(onA);
            open.add(leaderA);
            WsClient leaderB = joined(onB);
            open.add(leaderB);
            WsClient guestA = joined(WsClient.JSON.readTree(guestTicketA[0]));
            open.add(guestA);

            ok(call(appA, "PUT", "/api/v1/users/" + leaderId + "/role", SECURITY, "{\"role\":\"OFFICIAL\"}"));

            leaderA.error(315);
            assertThat(leaderA.awaitClosed()).isEqualTo(4315);
            leaderB.error(315);
            assertThat(leaderB.awaitClosed()).isEqualTo(4315);
            JsonNode left = guestA.next("participantLeft");
            assertThat(left.path("participantId").asString()).isEqualTo("official-" + officials.get(0));
            guestA.send("heartbeat", "h", "");
            guestA.next("heartbeatAck");
            assertThat(guestA.closed).as("another account's connection stays open").isNotDone();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(signalingEnded(leaderName))
                    .contains("\"room\":\"" + onA.path("roomId").asString() + "\"")
                    .contains("\"room\":\"" + onB.path("roomId").asString() + "\"")
                    .contains("signaling").contains("account-changed"));

            // the tokens issued before the change are refused, on either instance
            for (JsonNode old : List.of(onA, onB)) {
                WsClient again = WsClient.connect(URI.create(old.path("wsUrl").asString()));
                open.add(again);
                again.send("join", "j2", "\"token\":\"" + old.path("token").asString() + "\"");
                again.error(315);
                assertThat(again.awaitClosed()).isEqualTo(4315);
            }
            assertThat(signalingEnded(leaderName)).contains("join-token");
        } finally {
            open.forEach(WsClient::close);
        }
    }

    /**
     * A browser's login works on every instance (sessions in the database, V38): logged in on A, it is served by B as
     * it would be after A's loss or when the proxy sends it elsewhere; logging out on B ends it on A too.
     */
    @Test
    void aBrowserLoggedInOnOneInstanceIsServedByTheOtherAndLoggingOutThereEndsItOnBoth() throws Exception {
        String name = "t.staff." + UUID.randomUUID().toString().substring(0, 8);
        appA.getBean(UserAccounts.class).create(name, PASSWORD, "测试工作人员", Role.SCHEDULER, officeId("510100"), null);
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL); // cookies of localhost, whatever the port
        HttpClient browser = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER).build();

        assertThat(page(browser, appA, "GET", "/login", null).statusCode()).isEqualTo(200);
        HttpResponse<String> login = page(browser, appA, "POST", "/login", "username=" + name + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + cookie(jar, "XSRF-TOKEN"));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).as("logged in").doesNotContain("error");

        HttpResponse<String> onB = page(browser, appB, "GET", "/api/v1/me", null);
        assertThat(onB.statusCode()).as("instance B serves the login made on A: %s", onB.body()).isEqualTo(200);
        assertThat(onB.body()).contains("\"" + name + "\"");
        assertThat(page(browser, appA, "GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = page(browser, appB, "POST", "/logout", "_csrf=" + cookie(jar, "XSRF-TOKEN"));
        assertThat(logout.statusCode()).as("logged out on B").isIn(204, 302);
        assertThat(page(browser, appA, "GET", "/api/v1/me", null).statusCode()).as("logged out everywhere")
                .isEqualTo(401);
    }

    private static HttpResponse<String> page(HttpClient browser, ConfigurableApplicationContext app, String method,
                                             String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port(app) + path))
                .timeout(Duration.ofSeconds(30));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        b.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        return browser.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String cookie(CookieManager jar, String name) {
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
    }
}
