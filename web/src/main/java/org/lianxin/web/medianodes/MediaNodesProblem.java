package org.lianxin.web.medianodes;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused media-node request: the RFC 9457 problem made where it is raised with
 * {@code Problems.of(status, "rule", detail)} (the rule a literal there, which the message check reads), rendered as
 * it is.
 */
final class MediaNodesProblem extends ErrorResponseException {
    MediaNodesProblem(ProblemDetail problem) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }
}
