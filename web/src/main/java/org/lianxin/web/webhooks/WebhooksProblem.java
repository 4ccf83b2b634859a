package org.lianxin.web.webhooks;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused webhooks request: the RFC 9457 problem made where it is raised with
 * {@code Problems.of(status, "rule", detail)} (the rule a literal there, which the message check reads).
 */
final class WebhooksProblem extends ErrorResponseException {
    WebhooksProblem(ProblemDetail problem) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }
}
