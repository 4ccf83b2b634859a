package org.lianxin.bench.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The checker's table and its judgement, without an app: the same answers judged for different users. */
class RulesTest {
    static final World.OfficeRow PROVINCE = new World.OfficeRow(1, "510000", "/1/", "PROVINCE");
    static final World.OfficeRow CHENGDU = new World.OfficeRow(4, "510100", "/1/4/", "CITY");
    static final World.OfficeRow HOUSING = new World.OfficeRow(5, "510100-ZJ", "/1/4/5/", "DEPARTMENT");
    static final World.OfficeRow JINJIANG = new World.OfficeRow(7, "510104", "/1/4/7/", "COUNTY");
    static final World.OfficeRow MIANYANG = new World.OfficeRow(28, "510700", "/1/28/", "CITY");
    static final World.OfficeRow FUCHENG = new World.OfficeRow(31, "510703", "/1/28/31/", "COUNTY");
    static final World WORLD = World.of(List.of(PROVINCE, CHENGDU, HOUSING, JINJIANG, MIANYANG, FUCHENG),
            Map.of("bookings", Map.of(1L, 7L, 2L, 31L), "officials", Map.of(37L, 5L, 39L, 7L, 19L, 28L)));

    static Subject staff(String name, String role, long office, Long official) {
        return new Subject(name, Subject.Kind.STAFF, role, office, official, Http.Credentials.NONE);
    }

    static ApiDocument.Operation op(String method, String path) {
        return new ApiDocument.Operation(method, path, List.of(), List.of(), null, null);
    }

    static Http.Response answer(int status, String body) {
        return new Http.Response(status, body, "application/json", List.of());
    }

    final Subject jinjiang = staff("jinjiang.scheduler", "SCHEDULER", 7, null);
    final Subject housing = staff("cd.housing", "OFFICIAL", 5, 37L);
    final Subject reviewer = staff("sc.reviewer", "REVIEWER", 1, null);

    @Test
    void anotherCitysObjectIsRefusedToEveryRoleButTheOfficeDirectoryIsPublic() {
        assertThat(Rules.allows(jinjiang, op("GET", "/api/v1/bookings/{id}"), Rules.Scope.OTHER, false)).isFalse();
        assertThat(Rules.allows(jinjiang, op("POST", "/api/v1/bookings/{id}/cancel"), Rules.Scope.OTHER, false))
                .isFalse();
        assertThat(Rules.allows(jinjiang, op("GET", "/api/v1/offices/{id}"), Rules.Scope.OTHER, false)).isTrue();
        assertThat(Rules.allows(jinjiang, op("GET", "/api/v1/bookings/{id}"), Rules.Scope.OWN, false)).isTrue();
    }

    @Test
    void anOfficialEditsItsOwnCalendarOnlyAndAReviewerNeverWritesABooking() {
        ApiDocument.Operation windows = op("PUT", "/api/v1/officials/{id}/windows");
        assertThat(Rules.allows(housing, windows, Rules.Scope.OWN, true)).isTrue();
        assertThat(Rules.allows(housing, windows, Rules.Scope.OWN, false)).isFalse();
        assertThat(Rules.allows(jinjiang, windows, Rules.Scope.OWN, false)).isTrue();
        assertThat(Rules.allows(reviewer, op("POST", "/api/v1/bookings/{id}/cancel"), Rules.Scope.OWN, false))
                .isFalse();
        assertThat(Rules.allows(reviewer, op("POST", "/api/v1/webhooks/endpoints"), Rules.Scope.NONE, false))
                .isFalse();
    }

    @Test
    void nobodyAndALoggedOutSessionGetOnlyThePublicOperationsAndAnEvaluatorOnlyItsMatters() {
        Subject nobody = new Subject("unauthenticated", Subject.Kind.ANONYMOUS, null, 1, null, Http.Credentials.NONE);
        Subject expired = new Subject("logged-out", Subject.Kind.EXPIRED, null, 1, null, Http.Credentials.NONE);
        Subject evaluator = new Subject("e", Subject.Kind.EVALUATOR, "EVALUATOR", 1, null, Http.Credentials.NONE);
        for (Subject s : List.of(nobody, expired)) {
            assertThat(Rules.allows(s, op("GET", "/api/v1/me"), Rules.Scope.NONE, false)).isFalse();
            assertThat(Rules.allows(s, op("GET", "/api/v1/audit/public-key"), Rules.Scope.NONE, false)).isTrue();
        }
        assertThat(Rules.allows(evaluator, op("GET", "/api/v1/evaluation/my/matters"), Rules.Scope.NONE, false))
                .isTrue();
        assertThat(Rules.allows(evaluator, op("GET", "/api/v1/cases"), Rules.Scope.NONE, false)).isFalse();
    }

    @Test
    void aRefusedTwoHundredABodyNamingAnotherCitysOfficeAndARefusalAreJudgedApart() {
        Verdicts v = new Verdicts(WORLD);
        v.judge(jinjiang, "GET /api/v1/bookings/{id}", "GET", "/api/v1/bookings/2", Rules.Scope.OTHER, false,
                answer(200, "{\"id\":2}"));
        v.judge(jinjiang, "GET /api/v1/bookings", "GET", "/api/v1/bookings", Rules.Scope.NONE, true,
                answer(200, "[{\"id\":1,\"terminalOfficeId\":7},{\"id\":2,\"terminalOfficeId\":31}]"));
        v.judge(jinjiang, "GET /api/v1/supervision/items", "GET", "/api/v1/supervision/items", Rules.Scope.NONE, true,
                answer(200, "[{\"id\":5,\"unit\":{\"id\":7},\"supervisingOffice\":{\"id\":1}},"
                        + "{\"id\":6,\"unit\":{\"id\":31},\"supervisingOffice\":{\"id\":1}}]"));
        v.judge(jinjiang, "GET /api/v1/officials/{id}", "GET", "/api/v1/officials/39", Rules.Scope.OWN, true,
                answer(200, "{\"id\":39,\"officeId\":7}"));
        v.judge(jinjiang, "GET /api/v1/bookings/{id}", "GET", "/api/v1/bookings/2", Rules.Scope.OTHER, false,
                answer(403, "{}"));
        v.judge(jinjiang, "GET /api/v1/bookings/{id}", "GET", "/api/v1/bookings/9", Rules.Scope.NONE, true,
                answer(500, "{}"));

        assertThat(v.requests()).isEqualTo(6);
        assertThat(v.allowed()).isEqualTo(4);
        assertThat(v.denied()).isEqualTo(2);
        assertThat(v.leaks()).hasSize(3);
        assertThat(v.leaks().get(0)).contains("/api/v1/bookings/2 [other] -> 200", "the rules refuse this read");
        assertThat(v.leaks().get(1)).contains("reveals terminalOfficeId 31 (510703)");
        assertThat(v.leaks().get(2)).contains("reveals unit 31 (510703)");
        assertThat(v.notes()).singleElement().asString().contains("server error");
    }

    @Test
    void aCityLooksAtItsProvinceAndThoseDepartmentsButNotAnotherCity() {
        assertThat(WORLD.looksAt(JINJIANG.id(), PROVINCE.id())).isTrue();
        assertThat(WORLD.looksAt(JINJIANG.id(), HOUSING.id())).isTrue();
        assertThat(WORLD.looksAt(JINJIANG.id(), FUCHENG.id())).isFalse();
        assertThat(WORLD.looksAt(FUCHENG.id(), HOUSING.id())).isFalse();
        assertThat(WORLD.pick("bookings", JINJIANG.id(), true)).isEqualTo(1L);
        assertThat(WORLD.pick("bookings", JINJIANG.id(), false)).isEqualTo(2L);
        assertThat(WORLD.pick("officials", FUCHENG.id(), false)).isIn(37L, 39L);
    }
}
