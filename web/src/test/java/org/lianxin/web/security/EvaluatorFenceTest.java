package org.lianxin.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;

class EvaluatorFenceTest {

    @Test
    void anEvaluatorReachesItsPageItsMattersAndTheRecordingsCheckedOneByOne() {
        assertThat(EvaluatorFence.allows("GET", "/")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/evaluation/")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/evaluation")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/evaluation/index.html")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/evaluation/evaluation.js")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/api/evaluation/my/matters")).isTrue();
        assertThat(EvaluatorFence.allows("POST", "/api/v1/evaluation/my/matters/7/scores")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/api/v1/me")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/api/v1/recordings/12")).isTrue();
        assertThat(EvaluatorFence.allows("HEAD", "/api/v1/recordings/12/composed/media")).isTrue();
        assertThat(EvaluatorFence.allows("GET", "/api/v1/recordings/12/segments/3/media")).isTrue();
    }

    @Test
    void everythingElseIsClosedToAnEvaluator() {
        for (String path : new String[] {"/booking/", "/booking/index.html", "/review/", "/console/", "/admin/",
                "/supervision/", "/supervision/inbox/", "/cases/", "/terminal/", "/evaluation/draws/",
                "/evaluation/draws/index.html", "/evaluation/draws/draws.js", "/api/v1/bookings", "/api/v1/cases",
                "/api/v1/officials", "/api/v1/recordings", "/api/v1/recordings/12/manifest",
                "/api/v1/recordings/12/accesses", "/api/v1/statistics/offices/1", "/api/v1/documents/3",
                "/api/evaluation/evaluators", "/api/v1/evaluation/draws/4", "/api/evaluation/offices/1/results",
                "/api/evaluation/mine", "/api/v1/me/email", "/ws/signaling", "/actuator/metrics"}) {
            assertThat(EvaluatorFence.allows("GET", path)).as(path).isFalse();
        }
        assertThat(EvaluatorFence.allows("POST", "/api/v1/recordings/12/links")).isFalse();
        assertThat(EvaluatorFence.allows("DELETE", "/api/v1/recordings/12")).isFalse();
        assertThat(EvaluatorFence.allows("PUT", "/api/v1/recordings/12/legal-hold")).isFalse();
        assertThat(EvaluatorFence.allows("POST", "/api/v1/bookings/1/join-token")).isFalse();
    }

    @Test
    void aClosedPageIsAnsweredByTheEvaluatorsOwnPageAndAnApiCallByAProblem() {
        assertThat(EvaluatorFence.isPage("GET", "/booking/")).isTrue();
        assertThat(EvaluatorFence.isPage("GET", "/api/v1/bookings")).isFalse();
        assertThat(EvaluatorFence.isPage("GET", "/ws/signaling")).isFalse();
        assertThat(EvaluatorFence.isPage("POST", "/booking/")).isFalse();
    }

    @Test
    void onlyTheEvaluatorIsNotOfficeStaff() {
        for (Role r : Role.values()) assertThat(r.isStaff()).as(r.name()).isEqualTo(r != Role.EVALUATOR);
    }
}
