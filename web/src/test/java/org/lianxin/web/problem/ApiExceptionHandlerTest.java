package org.lianxin.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lianxin.supervision.SupervisionException;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.RuleViolation;
import org.springframework.http.ProblemDetail;

class ApiExceptionHandlerTest {
    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void schedulerRefusalsMapToStatusTypeAndRule() {
        assertProblem(handler.scheduler(new NotFound("official", 7)).getBody(), 404, "official-not-found");
        assertProblem(handler.scheduler(new RuleViolation("in-past", "past")).getBody(), 422, "in-past");
        assertProblem(handler.scheduler(new Conflict("terminal-busy", "busy")).getBody(), 409, "terminal-busy");
        assertProblem(handler.scheduler(new OutOfJurisdiction("no")).getBody(), 403, "out-of-jurisdiction");
        assertThat(handler.scheduler(new Conflict("terminal-busy", "terminal 一号 busy 10:00–10:30")).getBody()
                .getDetail()).isEqualTo("terminal 一号 busy 10:00–10:30");
    }

    @Test
    void supervisionRefusalsMapToStatusTypeRuleAndFacts() {
        assertProblem(handler.supervision(new SupervisionException.NotFound("item", 7)).getBody(), 404,
                "item-not-found");
        ProblemDetail tooLong = handler.supervision(new SupervisionException.Refused("extension-too-long", "at most 30",
                Map.of("max", 30, "status", 200))).getBody();
        assertProblem(tooLong, 422, "extension-too-long");
        assertThat(tooLong.getProperties()).containsEntry("max", 30);
        assertProblem(handler.supervision(new SupervisionException.Conflict("item-changed", "changed")).getBody(), 409,
                "item-changed");
        assertProblem(handler.supervision(new SupervisionException.Forbidden("only the unit")).getBody(), 403,
                "out-of-jurisdiction");
    }

    @Test
    void aRulesFactsBecomeMembersForMessagesInOtherLanguagesButNeverOverwriteTheStandardOnes() {
        ProblemDetail pd = handler.scheduler(new RuleViolation("too-early-to-check-in",
                "check-in opens 30 minutes before the session", Map.of("minutes", 30L, "rule", "planted"))).getBody();
        assertProblem(pd, 422, "too-early-to-check-in");
        assertThat(pd.getProperties()).containsEntry("minutes", 30L);
    }

    @Test
    void unexpectedErrorsShowOnlyAnIdToTheClient() {
        ProblemDetail pd = handler.unexpected(new IllegalStateException("secret table name")).getBody();
        assertProblem(pd, 500, "internal");
        assertThat(pd.getDetail()).doesNotContain("secret").contains((String) pd.getProperties().get("errorId"));
    }

    @Test
    void aDatabaseThatDoesNotAnswerIs503WithRetryAfterNotAnInternalError() {
        var answer = handler.unexpected(new org.springframework.transaction.CannotCreateTransactionException(
                "Could not open JDBC Connection", new org.springframework.jdbc.CannotGetJdbcConnectionException(
                        "refused", new java.sql.SQLTransientConnectionException("pool timeout"))));
        assertProblem(answer.getBody(), 503, "database-unavailable");
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).doesNotContain("JDBC");
        // found as the cause of an authentication failure too (the user could not be looked up)
        assertThat(DatabaseDown.is(new org.springframework.security.authentication.InternalAuthenticationServiceException(
                "lookup", new org.springframework.dao.DataAccessResourceFailureException("down")))).isTrue();
        assertThat(DatabaseDown.is(new IllegalStateException("bug"))).isFalse();
        assertProblem(handler.unexpected(new org.springframework.dao.DataIntegrityViolationException("dup")).getBody(),
                500, "internal");
    }

    @Test
    void everyHttpStatusMapsToARule() {
        assertThat(ApiExceptionHandler.ruleFor(405)).isEqualTo("method-not-allowed");
        assertThat(ApiExceptionHandler.ruleFor(415)).isEqualTo("unsupported-media-type");
        assertThat(ApiExceptionHandler.ruleFor(502)).isEqualTo("internal");
    }

    private static void assertProblem(ProblemDetail pd, int status, String rule) {
        assertThat(pd.getStatus()).isEqualTo(status);
        assertThat(pd.getProperties()).containsEntry("rule", rule);
        assertThat(pd.getType().toString()).isEqualTo("urn:lianxin:problem:" + rule);
    }
}
