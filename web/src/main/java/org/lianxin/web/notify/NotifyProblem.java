package org.lianxin.web.notify;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused notification or mailbox request: the RFC 9457 problem made where it is raised with
 * {@code Problems.of(status, "rule", detail)} (the rule a literal there, which the message check reads), rendered as
 * it is.
 */
final class NotifyProblem extends ErrorResponseException {
    NotifyProblem(ProblemDetail problem) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }
}
