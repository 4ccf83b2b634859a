package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.api.SupervisionApiContract.ok;
import static org.lianxin.web.api.SupervisionApiContract.refused;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The topics REST contract over real HTTP against the whole application (dev profile: demo offices and users), run
 * on H2 and on PostgreSQL by the subclasses: the fifth case of one category filed in 锦江区 through the cases API opens
 * a topic at once; the city's leader follows it with the city's housing department as lead unit and closes it;
 * another city's county never sees it; bad requests are problem details naming their rule. Each test files cases of
 * its own category, so that the tests share the application without sharing topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + TopicsApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.topics.sweep-interval=0",
        "lianxin.data-dir=target/topics-it-data"})
abstract class TopicsApiContract {
    static final String PASSWORD = "topics-it-password";
    static final String JINJIANG = Http.basic("jinjiang.scheduler", PASSWORD);
    static final String JINJIANG_LEADER = Http.basic("jinjiang.leader", PASSWORD);
    static final String CD_LEADER = Http.basic("cd.leader", PASSWORD);
    static final String FUCHENG = Http.basic("fucheng.scheduler", PASSWORD);
    static final String PROVINCE_REVIEWER = Http.basic("sc.reviewer", PASSWORD);
    static final AtomicInteger SERIAL = new AtomicInteger(500);

    @LocalServerPort
    int port;
    Http http;
    final Map<String, Long> offices = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        for (JsonNode o : ok(http.json("GET", "/api/v1/offices", PROVINCE_REVIEWER, null)).json()) {
            offices.put(o.path("code").asString(), o.path("id").asLong());
        }
    }

    /** Files a case of {@code category} at 锦江区 through the cases API, as its staff do. */
    void file(String category) {
        int n = SERIAL.incrementAndGet();
        ok(http.json("POST", "/api/v1/cases", JINJIANG, Map.of("caseNumber", "TP-2026-" + n, "petitionerName", "赵六",
                "idNumber", IdNumbers.valid("510104", n), "subject", "同一小区加装电梯纠纷" + n, "category", category,
                "officeCode", "510104")));
    }

    JsonNode list(String auth, String query) {
        return ok(http.json("GET", "/api/v1/topics?" + query, auth, null)).json();
    }

    /** Five cases of a new category in 锦江区: the fifth opens the topic; its id. */
    long topic(String category) {
        for (int i = 0; i < 4; i++) file(category);
        assertThat(list(JINJIANG_LEADER, "category=" + category).path("total").asLong()).isZero();
        file(category);
        JsonNode page = list(JINJIANG_LEADER, "category=" + category);
        assertThat(page.path("total").asLong()).as("the fifth case opened the topic").isEqualTo(1);
        return page.path("topics").get(0).path("id").asLong();
    }

    @Test
    void theFifthCaseOpensATopicThatTheCityFollowsAndCloses() {
        long id = topic("加装电梯");
        file("加装电梯"); // a sixth: collected by the open topic
        JsonNode detail = ok(http.json("GET", "/api/v1/topics/" + id, CD_LEADER, null)).json();
        assertThat(detail.path("topic").path("state").asString()).isEqualTo("OPEN");
        assertThat(detail.path("topic").path("place").path("id").asLong()).isEqualTo(offices.get("510104"));
        assertThat(detail.path("topic").path("matterCount").asInt()).isEqualTo(6);
        assertThat(detail.path("matters").size()).isEqualTo(6);
        assertThat(detail.path("matters").get(0).path("caseNumber").asString()).startsWith("TP-2026-");
        assertThat(detail.toString()).doesNotContain("赵六").doesNotContain("idNumber");

        JsonNode followed = ok(http.json("POST", "/api/v1/topics/" + id + "/follow", CD_LEADER,
                Map.of("leadOfficeId", offices.get("510100-ZJ"), "note", "请市住建局牵头统一答复"))).json();
        assertThat(followed.path("topic").path("state").asString()).isEqualTo("FOLLOWED");
        assertThat(followed.path("topic").path("lead").path("name").asString()).contains("住");
        assertThat(followed.path("topic").path("followedBy").asString()).isEqualTo("cd.leader");

        JsonNode closed = ok(http.json("POST", "/api/v1/topics/" + id + "/close", CD_LEADER,
                Map.of("conclusion", "已制定加装电梯协调办法并逐件答复"))).json();
        assertThat(closed.path("topic").path("state").asString()).isEqualTo("CLOSED");
        assertThat(closed.path("history").size()).isEqualTo(4);
        assertThat(list(PROVINCE_REVIEWER, "state=CLOSED&category=加装电梯").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anotherCitysCountyNeverSeesTheTopic() {
        long id = topic("噪音扰民");
        assertThat(list(FUCHENG, "category=噪音扰民").path("total").asLong()).isZero();
        refused(http.json("GET", "/api/v1/topics/" + id, FUCHENG, null), 404, "topic-not-found");
        refused(http.json("GET", "/api/v1/topics?office=" + offices.get("510100"), JINJIANG_LEADER, null), 404,
                "office-not-found");
        assertThat(list(PROVINCE_REVIEWER, "category=噪音扰民").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void badRequestsAreProblemDetailsNamingTheirRule() {
        long id = topic("停车收费");
        refused(http.json("GET", "/api/v1/topics?state=SLEEPING", CD_LEADER, null), 422, "topic-state-unknown");
        refused(http.json("GET", "/api/v1/topics?from=2026-12-09&to=2026-12-01", CD_LEADER, null), 422,
                "topics-range-reversed");
        refused(http.json("GET", "/api/v1/topics?limit=0", CD_LEADER, null), 422, "topics-page-out-of-range");
        refused(http.json("GET", "/api/v1/topics?from=yesterday", CD_LEADER, null), 400, "malformed-request");
        refused(http.json("POST", "/api/v1/topics/" + id + "/follow", JINJIANG, Map.of("leadOfficeId",
                offices.get("510104"))), 403, "supervisors-only");
        refused(http.json("POST", "/api/v1/topics/" + id + "/follow", CD_LEADER, Map.of("note", "无牵头单位")), 400,
                "validation");
        refused(http.json("POST", "/api/v1/topics/" + id + "/follow", CD_LEADER, Map.of("leadOfficeId",
                offices.get("510700"))), 404, "office-not-found");
        refused(http.json("POST", "/api/v1/topics/" + id + "/close", CD_LEADER, Map.of("conclusion", "结论")), 422,
                "topic-not-followed");
        refused(http.json("POST", "/api/v1/topics/" + id + "/close", CD_LEADER, "{"), 400, "malformed-request");
        ok(http.json("POST", "/api/v1/topics/" + id + "/follow", JINJIANG_LEADER,
                Map.of("leadOfficeId", offices.get("510104"))));
        refused(http.json("POST", "/api/v1/topics/" + id + "/follow", CD_LEADER, Map.of("leadOfficeId",
                offices.get("510104"))), 409, "topic-already-followed");
        refused(http.json("POST", "/api/v1/topics/" + id + "/close", CD_LEADER, Map.of("conclusion", " ")), 422,
                "conclusion-missing");
        refused(http.json("GET", "/api/v1/topics/99999999", CD_LEADER, null), 404, "topic-not-found");
    }
}
