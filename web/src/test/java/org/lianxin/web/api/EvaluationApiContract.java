package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.api.SupervisionApiContract.ok;
import static org.lianxin.web.api.SupervisionApiContract.refused;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.web.security.EvaluatorFence;
import org.lianxin.web.testing.CompletedMatters;
import org.lianxin.web.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The third-party evaluation REST contract over real HTTP against the whole application (dev profile), on H2 and
 * PostgreSQL by the subclasses: the province admin keeps a pool, draws Jinjiang's last month; an evaluator lists
 * only what they were drawn for, reads it masked, scores once; another evaluator gets 404; the draw re-verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + EvaluationApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.evaluation.check-interval=0",
        "lianxin.data-dir=target/evaluation-it-data"})
abstract class EvaluationApiContract {
    static final String PASSWORD = "evaluation-it-password";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String JINJIANG = Http.basic("jinjiang.scheduler", PASSWORD);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts users;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    Http http;
    final Map<String, Long> offices = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        jdbc.sql("select code, id from office").query(rs -> { offices.put(rs.getString(1), rs.getLong(2)); });
    }

    /** An evaluator in the province's pool, then its own sign-in (role EVALUATOR) made by the admin. */
    String evaluator(String tag, String officeCode) {
        String username = "ev." + tag;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "评议员" + tag);
        body.put("kind", "EXPERT");
        body.put("affiliationOfficeId", officeCode == null ? null : offices.get(officeCode));
        long id = ok(http.json("POST", "/api/v1/evaluation/evaluators", ADMIN, body)).json().path("id").asLong();
        Http.Response login = ok(http.json("POST", "/api/v1/evaluation/evaluators/" + id + "/login", ADMIN,
                Map.of("username", username, "password", PASSWORD)));
        assertThat(login.json().path("username").asString()).isEqualTo(username);
        assertThat(users.find(username).orElseThrow().role()).isEqualTo(Role.EVALUATOR);
        return Http.basic(username, PASSWORD);
    }

    /** A Jinjiang case with a supervision item COMPLETED last month and a reply. */
    long completedItem(YearMonth month) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "EV-" + tag);
        c.put("petitionerName", "王小明");
        c.put("idNumber", IdNumbers.valid("510104", Math.abs(tag.hashCode() % 9000)));
        c.put("phone", "13912345678");
        c.put("subject", "房屋征收补偿");
        c.put("category", "住房城建");
        c.put("officeCode", "510104");
        long caseId = ok(http.json("POST", "/api/v1/cases", JINJIANG, c)).json().path("id").asLong();
        return new CompletedMatters(jdbc).completedItem(caseId, "EV-" + tag, month);
    }

    /** The login of an HTTP Basic header. */
    static String loginOf(String basic) {
        String pair = new String(Base64.getDecoder().decode(basic.substring("Basic ".length())),
                StandardCharsets.UTF_8);
        return pair.substring(0, pair.indexOf(':'));
    }

    long recordingOf(long item) {
        return new CompletedMatters(jdbc).recordingOf(item);
    }

    @Test
    void evaluatorsSeeOnlyTheirMattersMaskedScoreOnceAndTheDrawReVerifies() {
        YearMonth last = YearMonth.from(LocalDate.now(SHANGHAI)).minusMonths(1);
        List<String> logins = new ArrayList<>();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 4; i++) logins.add(evaluator(tag + i, i % 2 == 0 ? null : "510700"));
        String ofJinjiang = evaluator(tag + "jj", "510104");
        for (int i = 0; i < 4; i++) completedItem(last);

        JsonNode draw = ok(http.json("POST", "/api/v1/evaluation/offices/" + offices.get("510104") + "/draws/"
                + last, ADMIN, null)).json();
        assertThat(draw.path("seedHex").asString()).hasSize(64);
        JsonNode panels = draw.path("result").path("panels");
        assertThat(panels.size()).isEqualTo(3);
        refused(http.json("POST", "/api/v1/evaluation/offices/" + offices.get("510104") + "/draws/" + last, ADMIN,
                null), 409, "draw-exists");

        long item = panels.get(0).path("matterId").asLong();
        String mine = null;
        String notMine = null;
        for (String login : logins) {
            JsonNode list = ok(http.json("GET", "/api/v1/evaluation/my/matters", login, null)).json();
            boolean drawn = false;
            for (JsonNode m : list) drawn |= m.path("itemId").asLong() == item;
            if (drawn && mine == null) mine = login;
            if (!drawn && notMine == null) notMine = login;
        }
        assertThat(mine).isNotNull();
        assertThat(notMine).as("4 evaluators, panels of 3: one is not on this matter's panel").isNotNull();
        assertThat(ok(http.json("GET", "/api/v1/evaluation/my/matters", ofJinjiang, null)).json().size()).isZero();

        Http.Response read = ok(http.json("GET", "/api/v1/evaluation/my/matters/" + item, mine, null));
        assertThat(read.json().path("petitionerMasked").asString()).isEqualTo("王**");
        assertThat(read.body()).doesNotContain("王小明").doesNotContain("13912345678");
        assertThat(read.json().path("replyText").asString()).isEqualTo("已依法补偿到位");
        refused(http.json("GET", "/api/v1/evaluation/my/matters/" + item, notMine, null), 404, "matter-not-found");

        long recording = recordingOf(item);
        assertThat(ok(http.json("GET", "/api/v1/evaluation/my/matters/" + item, mine, null)).json()
                .path("recordingIds").get(0).asLong()).isEqualTo(recording);
        assertThat(ok(http.json("GET", "/api/v1/recordings/" + recording, mine, null)).body())
                .as("the recording's details name no petitioner to an evaluator").doesNotContain("王小明");
        assertThat(jdbc.sql("select count(*) from recording_access where recording_id = ? and action = 'VIEW'"
                + " and username = ?").params(recording, loginOf(mine)).query(Long.class).single()).as("the evaluator's viewing is audited").isEqualTo(1);
        refused(http.json("GET", "/api/v1/recordings/" + recording, notMine, null), 404, "recording-not-found");
        refused(http.json("GET", "/api/v1/recordings/" + recording, ofJinjiang, null), 404, "recording-not-found");
        refused(http.json("GET", "/api/v1/evaluation/my/matters/" + item, JINJIANG, null), 403, "not-an-evaluator");

        Map<String, Object> scores = Map.of("legality", 5, "timeliness", 4, "attitude", 5, "result", 3,
                "comment", "答复依法");
        ok(http.json("POST", "/api/v1/evaluation/my/matters/" + item + "/scores", mine, scores));
        refused(http.json("POST", "/api/v1/evaluation/my/matters/" + item + "/scores", mine, scores), 409,
                "already-scored");
        refused(http.json("POST", "/api/v1/evaluation/my/matters/" + item + "/scores", notMine, scores), 404,
                "matter-not-found");

        JsonNode result = ok(http.json("GET", "/api/v1/evaluation/offices/" + offices.get("510104")
                + "/results?month=" + last, ADMIN, null)).json();
        assertThat(result.path("n").asInt()).isEqualTo(1);
        assertThat(result.path("timeliness").asDouble()).isEqualTo(4.0);

        JsonNode verified = ok(http.json("POST", "/api/v1/evaluation/draws/" + draw.path("id").asLong() + "/verify",
                ADMIN, null)).json();
        assertThat(verified.path("sameResult").asBoolean()).isTrue();
        assertThat(verified.path("inputsIntact").asBoolean()).isTrue();
        refused(http.json("POST", "/api/v1/evaluation/draws/" + draw.path("id").asLong() + "/verify",
                Http.basic("fucheng.scheduler", PASSWORD), null), 403, "reviewer-only");
    }

    /**
     * Every REST mapping of the application (from Spring MVC's handler mapping, so a controller added later is in),
     * with its path variables filled in, asked by an evaluator: 403 {@code evaluator-scope} for all but the
     * evaluator's own calls; the staff pages send it back to its page; no join token for the signaling socket.
     */
    @Test
    void anEvaluatorsAccountOpensOnlyItsOwnCallsAndEveryOtherMappingAnswers403() {
        String evaluator = evaluator(UUID.randomUUID().toString().substring(0, 6), null);
        Set<String> allowed = new TreeSet<>();
        int refused = 0;
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (OPEN.matcher(pattern).lookingAt()) continue; // permitted to anyone (login, error, API docs)
                String path = pattern.replaceAll("\\{[^}]+}", "1").replace("**", "x").replace("*", "x");
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    Http.Response r = http.json(m.name(), path, evaluator, null);
                    if (pattern.startsWith("/api/v1/integration/")) {
                        // the petition information system's signed API: no session is a credential there (its own
                        // chain answers 401 unsigned, 404 while it is not configured), so nothing opens either
                        assertThat(r.status()).as(m + " " + path + ": " + r).isIn(401, 404);
                        refused++;
                    } else if (EvaluatorFence.allows(m.name(), path)) {
                        assertThat(r.status()).as(m + " " + path + ": " + r).isNotEqualTo(403);
                        allowed.add(m + " " + pattern);
                    } else {
                        refused(r, 403, "evaluator-scope");
                        refused++;
                    }
                }
            }
        }
        assertThat(refused).as("the REST API's mappings refused").isGreaterThan(60);
        assertThat(allowed).containsExactlyInAnyOrder("GET /", "GET /api/v1/me",
                "GET /api/evaluation/my/matters", "GET /api/v1/evaluation/my/matters",
                "GET /api/evaluation/my/matters/{itemId}", "GET /api/v1/evaluation/my/matters/{itemId}",
                "POST /api/evaluation/my/matters/{itemId}/scores", "POST /api/v1/evaluation/my/matters/{itemId}/scores",
                "GET /api/v1/recordings/{id}", "GET /api/v1/recordings/{id}/composed/media",
                "GET /api/v1/recordings/{id}/segments/{chainIndex}/media");

        for (String page : new String[] {"/booking/", "/review/", "/console/", "/admin/", "/cases/", "/terminal/",
                "/supervision/", "/supervision/inbox/", "/evaluation/draws/"}) {
            Http.Response r = http.json("GET", page, evaluator, null);
            assertThat(r.status()).as(page).isEqualTo(302);
            assertThat(r.header("Location").orElse("")).as(page)
                    .endsWith("/evaluation/?closed=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
        }
        // the signaling socket takes no login: its credential is a join token, which an evaluator cannot get
        for (String join : new String[] {"/api/v1/bookings/1/join-token", "/api/v1/consultations/1/join-token"}) {
            refused(http.json("POST", join, evaluator, null), 403, "evaluator-scope");
        }
        assertThat(http.json("GET", "/", evaluator, null).header("Location").orElse("")).endsWith("/evaluation/");
        assertThat(ok(http.json("GET", "/evaluation/", evaluator, null)).body()).contains("评议");
        assertThat(ok(http.json("GET", "/api/v1/bookings", ADMIN, null)).status()).isEqualTo(200);
    }

    /** Open to anyone, signed in or not: login, error, API docs, the iCalendar feed, the audit's public key. */
    private static final Pattern OPEN = Pattern.compile("/(error|login|v3/|swagger|calendar/|api/v1/audit/public-key)");
}
