package org.lianxin.web.supervision;

import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A refusal decided in the supervision web layer (not by the module), rendered as a problem with its rule. */
final class SupervisionProblem extends ErrorResponseException {
    SupervisionProblem(HttpStatus status, String rule, String detail) {
        super(status, Problems.of(status, rule, detail), null);
    }
}
