package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, first finding: an official's record and calendar were readable by any logged-in user of any office.
 * Now: officials of one's own subtree, of the offices above it and of their departments are readable (joint
 * receptions name them); the blocked periods' reasons only inside the subtree that holds the official's office.
 */
class OfficialsJurisdictionIT extends AttackedApp {
    private static final String REASON = "省委巡视组谈话（内部）";
    private long province;
    private long chengdu;
    private long jinjiang;
    private long mianyang;

    @BeforeEach
    void officials() {
        province = blocked(official("510000", "LEADER"));
        chengdu = blocked(official("510100", "LEADER"));
        jinjiang = blocked(official("510104", "LEADER"));
        mianyang = blocked(official("510700", "LEADER"));
    }

    private long blocked(long official) {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        ok(http.json("POST", "/api/v1/officials/" + official + "/blocks", PROVINCE,
                Map.of("start", start.toString(), "end", start.plus(2, ChronoUnit.HOURS).toString(), "reason", REASON)));
        return official;
    }

    @Test
    void aCountyOfAnotherCityReadsNoneOfThatCitysOfficials() {
        for (long other : new long[] {chengdu, jinjiang}) {
            problem(http.json("GET", "/api/v1/officials/" + other, FUCHENG, null), 403, "out-of-jurisdiction");
            problem(http.json("GET", "/api/v1/officials/" + other + "/calendar", FUCHENG, null), 403,
                    "out-of-jurisdiction");
        }
    }

    @Test
    void aCountyReadsTheOfficialsAboveItButNeverWhyTheyAreAway() {
        for (long above : new long[] {province, mianyang}) {
            JsonNode o = ok(http.json("GET", "/api/v1/officials/" + above, FUCHENG, null)).json();
            assertThat(o.path("name").asString()).startsWith("攻防测试");
            assertThat(o.path("title").asString()).isEqualTo("副局长");
            Http.Response calendar = ok(http.json("GET", "/api/v1/officials/" + above + "/calendar", FUCHENG, null));
            assertThat(calendar.json().path("blocks")).hasSize(1);
            assertThat(calendar.json().path("blocks").get(0).path("start").isMissingNode()).isFalse();
            assertThat(calendar.body()).doesNotContain(REASON);
        }
    }

    @Test
    void aCitySeesItsCountiesWithReasonsAndTheProvinceWithout() {
        assertThat(ok(http.json("GET", "/api/v1/officials/" + jinjiang + "/calendar", CHENGDU, null)).body())
                .contains(REASON);
        assertThat(ok(http.json("GET", "/api/v1/officials/" + province + "/calendar", CHENGDU, null)).body())
                .doesNotContain(REASON);
        problem(http.json("GET", "/api/v1/officials/" + mianyang, CHENGDU, null), 403, "out-of-jurisdiction");
        problem(http.json("GET", "/api/v1/officials/" + mianyang + "/calendar", CHENGDU, null), 403,
                "out-of-jurisdiction");
    }

    @Test
    void theProvinceSeesEveryOfficialAndEveryReason() {
        for (long any : new long[] {province, chengdu, jinjiang, mianyang}) {
            ok(http.json("GET", "/api/v1/officials/" + any, PROVINCE, null));
            assertThat(ok(http.json("GET", "/api/v1/officials/" + any + "/calendar", PROVINCE, null)).body())
                    .contains(REASON);
        }
    }

    @Test
    void aCountyReadsItsOwnOfficialsWithReasons() {
        assertThat(ok(http.json("GET", "/api/v1/officials/" + jinjiang + "/calendar", JINJIANG, null)).body())
                .contains(REASON);
        assertThat(ok(http.json("GET", "/api/v1/officials/" + chengdu + "/calendar", JINJIANG, null)).body())
                .doesNotContain(REASON);
    }
}
