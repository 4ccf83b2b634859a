package org.lianxin.web.cases;

import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An unmasking asked for badly: 400 with the rule {@code personal-data-field-invalid} (not {@code idNumber} or
 * {@code phone}) or {@code unmask-reason-invalid} (a reason of 4 to 200 characters is required), naming the field.
 */
final class UnmaskRefused extends ErrorResponseException {
    private final String rule;

    private UnmaskRefused(ProblemDetail problem, String rule, String field) {
        super(HttpStatus.BAD_REQUEST, problem, null);
        problem.setTitle("Invalid request");
        problem.setProperty("field", field);
        this.rule = rule;
    }

    static UnmaskRefused field() {
        return new UnmaskRefused(Problems.of(HttpStatus.BAD_REQUEST, "personal-data-field-invalid",
                "field must be idNumber or phone"), "personal-data-field-invalid", "field");
    }

    static UnmaskRefused reason(int min, int max) {
        return new UnmaskRefused(Problems.of(HttpStatus.BAD_REQUEST, "unmask-reason-invalid",
                "a reason of " + min + " to " + max + " characters is required"), "unmask-reason-invalid", "reason");
    }

    String rule() {
        return rule;
    }
}
