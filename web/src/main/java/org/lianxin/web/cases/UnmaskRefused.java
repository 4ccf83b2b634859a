package org.lianxin.web.cases;

import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An unmasking asked for badly: 400 with the rule {@code personal-data-field-invalid} (not {@code idNumber} or
 * {@code phone}) or {@code unmask-reason-invalid} (a reason of 4 to 200 characters is required), naming the field.
 */
final class UnmaskRefused extends ErrorResponseException {
    private final String rule;

    UnmaskRefused(String rule, String field, String detail) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, rule, detail), null);
        getBody().setTitle("Invalid request");
        getBody().setProperty("field", field);
        this.rule = rule;
    }

    String rule() {
        return rule;
    }
}
