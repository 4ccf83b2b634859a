package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, third finding: every error under /api is an application/problem+json, also those Tomcat's connector
 * (malformed paths) and Spring Security's firewall answer before any controller; and no answer names the server or
 * shows a stack trace. Sent on a raw socket, the request target's bytes exactly as written.
 */
class ProblemEverywhereIT extends AttackedApp {

    private JsonNode apiProblem(Raw r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        JsonNode json = Http.JSON.readTree(r.body());
        assertThat(json.path("status").asInt()).as(r.toString()).isEqualTo(status);
        assertThat(json.path("rule").asString()).as(r.toString()).isNotBlank();
        assertThat(json.path("type").asString()).startsWith("urn:lianxin:problem:");
        nothingOfTheServer(r);
        return json;
    }

    private static void nothingOfTheServer(Raw r) {
        assertThat(r.headers()).as(r.toString()).doesNotContainKey("server").doesNotContainKey("x-powered-by");
        assertThat(r.body()).as(r.toString()).doesNotContainIgnoringCase("tomcat")
                .doesNotContain("Exception", "at org.", "<html");
    }

    @Test
    void malformedPathsTheConnectorRefusesAreProblems() {
        for (String target : new String[] {"/api/v1/bookings/%00", "/api/v1/bookings/a%2Fb", "/api/v1/bookings/a%5Cb",
                "/api/v1/%C0%AE%C0%AE/offices", "/api/v1/bookings/%E0%80%B1"}) {
            JsonNode p = apiProblem(raw("GET", target, JINJIANG), 400);
            assertThat(p.path("rule").asString()).as(target).isEqualTo("malformed-request");
        }
        byte[] overlong = "/api/v1/bookings/\u00c0\u00ae".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(raw("GET", overlong, JINJIANG).status()).isEqualTo(400);
        assertThat(raw("GET", overlong, JINJIANG).contentType()).startsWith("application/problem+json");
    }

    @Test
    void firewallRejectionsAreProblems() {
        for (String target : new String[] {"/api/v1/bookings/../offices", "/api/v1/bookings;jsessionid=1/1",
                "/api/v1/offices/%252e%252e/1", "/api/v1/./offices", "/api/v1/offices//1"}) {
            JsonNode p = apiProblem(raw("GET", target, JINJIANG), 400);
            assertThat(p.path("rule").asString()).as(target).isEqualTo("request-rejected");
        }
    }

    @Test
    void theErrorPathItselfAnswersAProblem() {
        apiProblem(raw("GET", "/error", JINJIANG), 404);
        apiProblem(raw("GET", "/api/v1/no-such-thing", JINJIANG), 404);
    }

    @Test
    void pagesRefusedByTheConnectorNameNoServer() {
        Raw r = raw("GET", "/booking/%00", null);
        assertThat(r.status()).isEqualTo(400);
        nothingOfTheServer(r);
    }
}
