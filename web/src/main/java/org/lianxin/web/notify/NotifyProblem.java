package org.lianxin.web.notify;

import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A refused notification or mailbox request as an RFC 9457 problem with its {@code rule}. */
final class NotifyProblem extends ErrorResponseException {
    NotifyProblem(HttpStatus status, String rule, String detail) {
        super(status, Problems.of(status, rule, detail), null);
    }

    static NotifyProblem adminOnly() {
        return new NotifyProblem(HttpStatus.FORBIDDEN, "admin-only", "only administrators see and retry notices");
    }
}
