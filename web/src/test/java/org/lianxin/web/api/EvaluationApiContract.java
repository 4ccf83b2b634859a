package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.api.SupervisionApiContract.ok;
import static org.lianxin.web.api.SupervisionApiContract.refused;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.web.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    Http http;
    final Map<String, Long> offices = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        jdbc.sql("select code, id from office").query(rs -> { offices.put(rs.getString(1), rs.getLong(2)); });
    }

    /** An evaluator in the province's pool with a login (a stand-in account: see the report on sign-in). */
    String evaluator(String tag, String officeCode) {
        String username = "ev." + tag;
        users.create(username, PASSWORD, "评议员" + tag, Role.REVIEWER, offices.get("510700"), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "评议员" + tag);
        body.put("kind", "EXPERT");
        body.put("affiliationOfficeId", officeCode == null ? null : offices.get(officeCode));
        body.put("username", username);
        ok(http.json("POST", "/api/v1/evaluation/evaluators", ADMIN, body));
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
        Timestamp at = Timestamp.from(month.atDay(10).atTime(15, 0).atZone(SHANGHAI).toInstant());
        String number = "JB-EV-" + tag;
        long jinjiang = offices.get("510104");
        String path = jdbc.sql("select path from office where id = ?").param(jinjiang).query(String.class).single();
        long chengdu = offices.get("510100");
        String cdPath = jdbc.sql("select path from office where id = ?").param(chengdu).query(String.class).single();
        jdbc.sql("insert into sv_item (number, kind, state, case_id, case_number, case_subject, category,"
                + " unit_office_id, unit_path, supervising_office_id, supervising_path, zone, accepted_on, deadline,"
                + " due_at, requires_report, title, created_by, created_at) values (?, 'ASSIGNMENT', 'COMPLETED', ?,"
                + " ?, '房屋征收补偿', '住房城建', ?, ?, ?, ?, 'Asia/Shanghai', ?, ?, ?, false, '核查', 'cd.leader', ?)")
                .params(number, caseId, "EV-" + tag, jinjiang, path, chengdu, cdPath, month.atDay(1),
                        month.atDay(28), at, at).update();
        long item = jdbc.sql("select id from sv_item where number = ?").param(number).query(Long.class).single();
        jdbc.sql("insert into sv_reply (item_id, text, at, by_user) values (?, '已依法补偿到位', ?, 'cd.housing')")
                .params(item, at).update();
        jdbc.sql("insert into sv_history (item_id, at, kind, actor) values (?, ?, 'ACCEPTED', 'cd.leader')")
                .params(item, at).update();
        return item;
    }

    /** A completed recording of the item's case at a Jinjiang terminal (in life the recorder writes it). */
    long recordingOf(long item) {
        long caseId = jdbc.sql("select case_id from sv_item where id = ?").param(item).query(Long.class).single();
        Timestamp now = Timestamp.from(java.time.Instant.now());
        String room = "ev-room-" + item;
        jdbc.sql("insert into recording (kind, room_id, case_id, office_id, status, instance_id, created_at,"
                + " started_at, ended_at, chain_head) values ('RECEPTION', ?, ?, ?, 'COMPLETED', 'ev-it', ?, ?, ?, ?)")
                .params(room, caseId, offices.get("510104"), now, now, now, "0".repeat(64)).update();
        return jdbc.sql("select id from recording where room_id = ?").param(room).query(Long.class).single();
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
        ok(http.json("GET", "/api/v1/recordings/" + recording, mine, null));
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
                Http.basic("fucheng.scheduler", PASSWORD), null), 403, "admin-only");
    }
}
