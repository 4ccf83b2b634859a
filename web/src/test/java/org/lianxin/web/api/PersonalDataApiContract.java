package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.api.SupervisionApiContract.ok;
import static org.lianxin.web.api.SupervisionApiContract.refused;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Unmasking a case's full ID or phone number with a reason, over real HTTP against the whole application (dev
 * profile, demo data), on H2 and PostgreSQL by the subclasses: the roles that need it get it uncached, every other
 * role and jurisdiction is refused as any read of the case, a bad request is refused, and each request is one
 * {@code personal-data.unmask} audit entry with its outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + PersonalDataApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.personal-data.key=cGVyc29uYWwtZGF0YS1pdC1rZXktb2YtMzItYnl0ZXM=",
        "lianxin.data-dir=target/personal-data-it-data"})
abstract class PersonalDataApiContract {
    static final String PASSWORD = "personal-data-it-password";
    static final String CHENGDU_STAFF = Http.basic("cd.scheduler", PASSWORD);
    static final String JINJIANG_LEADER = Http.basic("jinjiang.leader", PASSWORD);
    static final String FUCHENG_STAFF = Http.basic("fucheng.scheduler", PASSWORD);
    static final String HOUSING_OFFICIAL = Http.basic("cd.housing", PASSWORD);
    static final String ADMIN = Http.basic("sc.admin", PASSWORD);
    static final String REVIEWER = Http.basic("sc.reviewer", PASSWORD);
    static final String AUDITOR = Http.basic("sc.auditor", PASSWORD);
    static final String SECURITY = Http.basic("sc.security", PASSWORD);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;
    long jinjiangCase;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        jinjiangCase = jdbc.sql("select c.id from case_file c join office o on o.id = c.office_id where o.code = "
                + "'510104' and c.id_sealed is not null and c.phone_sealed is not null order by c.id fetch first 1 rows only")
                .query(Long.class).single();
    }

    Http.Response unmask(String auth, long caseId, String field, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("field", field);
        body.put("reason", reason);
        return http.json("POST", "/api/v1/cases/" + caseId + "/personal-data", auth, body);
    }

    /** The unmasking entries of the case by the user, newest first: outcome and details. */
    java.util.List<Map<String, Object>> entries(String username, long caseId) {
        return jdbc.sql("select outcome, details from audit_entry where action = 'personal-data.unmask' and "
                        + "object_type = 'case' and object_id = ? and username = ? order by seq desc")
                .params(Long.toString(caseId), username).query().listOfRows();
    }

    @Test
    void theSchedulerAboveAndTheLeaderOfTheCountySeeTheFullNumbersUncachedEachAudited() {
        String reason = "电话回访当事人 " + UUID.randomUUID().toString().substring(0, 8);
        Http.Response id = ok(unmask(CHENGDU_STAFF, jinjiangCase, "idNumber", reason));
        JsonNode body = id.json();
        assertThat(body.path("value").asString()).matches("\\d{17}[\\dX]");
        assertThat(body.path("masked").asString()).contains("**********")
                .startsWith(body.path("value").asString().substring(0, 4));
        assertThat(body.path("stored").asBoolean()).isTrue();
        assertThat(body.path("showForSeconds").asInt()).isEqualTo(60);
        assertThat(id.header("Cache-Control").orElse("")).contains("no-store");
        // the case as every other read shows it stays masked
        JsonNode plain = ok(http.json("GET", "/api/v1/cases/" + jinjiangCase, CHENGDU_STAFF, null)).json();
        assertThat(plain.toString()).doesNotContain(body.path("value").asString());

        Http.Response phone = ok(unmask(JINJIANG_LEADER, jinjiangCase, "phone", reason));
        assertThat(phone.json().path("value").asString()).matches("\\+?\\d{7,15}");
        assertThat(phone.json().path("masked").asString()).contains("****");

        assertThat(entries("cd.scheduler", jinjiangCase)).first().satisfies(e -> {
            assertThat(e.get("outcome")).isEqualTo("ALLOWED");
            assertThat(e.get("details").toString()).contains("\"field\":\"idNumber\"").contains(reason)
                    .doesNotContain(body.path("value").asString());
        });
        assertThat(entries("jinjiang.leader", jinjiangCase)).first()
                .satisfies(e -> assertThat(e.get("details").toString()).contains("\"field\":\"phone\""));
    }

    @Test
    void rolesThatDoNotNeedTheNumberAndOtherJurisdictionsAreRefusedAndAudited() {
        String reason = "想看一下 " + UUID.randomUUID().toString().substring(0, 8);
        refused(unmask(ADMIN, jinjiangCase, "idNumber", reason), 403, "out-of-jurisdiction");
        refused(unmask(REVIEWER, jinjiangCase, "phone", reason), 403, "out-of-jurisdiction");
        refused(unmask(FUCHENG_STAFF, jinjiangCase, "idNumber", reason), 403, "out-of-jurisdiction");
        refused(unmask(HOUSING_OFFICIAL, jinjiangCase, "idNumber", reason), 403, "out-of-jurisdiction");
        refused(unmask(AUDITOR, jinjiangCase, "idNumber", reason), 403, "duty-scope");
        refused(unmask(SECURITY, jinjiangCase, "idNumber", reason), 403, "duty-scope");
        // the same answers as a plain read of the case
        refused(http.json("GET", "/api/v1/cases/" + jinjiangCase, FUCHENG_STAFF, null), 403, "out-of-jurisdiction");

        for (String user : new String[] {"sc.admin", "sc.reviewer", "fucheng.scheduler", "cd.housing"}) {
            assertThat(entries(user, jinjiangCase)).as(user)
                    .filteredOn(e -> e.get("details").toString().contains(reason)).singleElement().satisfies(e -> {
                assertThat(e.get("outcome")).isEqualTo("DENIED");
                assertThat(e.get("details").toString()).contains(reason).contains("out-of-jurisdiction");
            });
        }
        for (String user : new String[] {"sc.auditor", "sc.security"}) {
            // refused by their duty's fence in the security chain, before the feature: one access.denied entry each
            assertThat(jdbc.sql("select count(*) from audit_entry where action = 'access.denied' and username = ? "
                            + "and object_id = ? and outcome = 'DENIED'")
                    .params(user, "POST /api/v1/cases/" + jinjiangCase + "/personal-data").query(Long.class).single())
                    .as(user).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'access.denied' and username in "
                + "('sc.admin', 'sc.reviewer', 'fucheng.scheduler', 'cd.housing') and object_id like ?")
                .param("%/cases/" + jinjiangCase + "/personal-data").query(Long.class).single())
                .as("one entry per request, not a second access.denied").isZero();
    }

    @Test
    void aMissingOrBadReasonOrFieldIsRefusedAndAuditedAndAMissingCaseIsNotFound() {
        refused(unmask(CHENGDU_STAFF, jinjiangCase, "idNumber", null), 400, "unmask-reason-invalid");
        refused(unmask(CHENGDU_STAFF, jinjiangCase, "idNumber", " 看看 "), 400, "unmask-reason-invalid");
        refused(unmask(CHENGDU_STAFF, jinjiangCase, "idNumber", "x".repeat(201)), 400, "unmask-reason-invalid");
        refused(unmask(CHENGDU_STAFF, jinjiangCase, "idNumber", "核对身份\u0007证号"), 400, "control-character");
        refused(unmask(CHENGDU_STAFF, jinjiangCase, "passport", "核对身份信息"), 400, "personal-data-field-invalid");
        refused(unmask(CHENGDU_STAFF, 99_999_999L, "phone", "核对身份信息"), 404, "case-not-found");
        java.util.List<Map<String, Object>> mine = entries("cd.scheduler", jinjiangCase);
        assertThat(mine).hasSizeGreaterThanOrEqualTo(4).allSatisfy(e -> assertThat(e.get("outcome")).isEqualTo("FAILED"));
        assertThat(mine.get(0).get("details").toString()).contains("\"field\":\"passport\"")
                .contains("personal-data-field-invalid");
        assertThat(mine).anySatisfy(e -> assertThat(e.get("details").toString()).contains("unmask-reason-invalid")
                .doesNotContain("xxxx"));
        assertThat(entries("cd.scheduler", 99_999_999L)).singleElement()
                .satisfies(e -> assertThat(e.get("outcome")).isEqualTo("FAILED"));
    }

    @Test
    void aCaseFiledBeforeFullNumbersWereStoredSaysSo() {
        long other = jdbc.sql("select c.id from case_file c join office o on o.id = c.office_id where o.code = "
                + "'510104' and c.id <> ? order by c.id fetch first 1 rows only").param(jinjiangCase)
                .query(Long.class).single();
        jdbc.sql("update case_file set id_sealed = null where id = ?").param(other).update();
        JsonNode body = ok(unmask(CHENGDU_STAFF, other, "idNumber", "核对身份信息")).json();
        assertThat(body.path("stored").asBoolean()).isFalse();
        assertThat(body.path("value").isNull()).isTrue();
        assertThat(body.path("masked").asString()).contains("**********");
        assertThat(entries("cd.scheduler", other)).first()
                .satisfies(e -> assertThat(e.get("details").toString()).contains("\"stored\":\"false\""));
    }
}
