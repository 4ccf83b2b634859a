package org.lianxin.web.problem;

import java.util.List;
import java.util.Map;

import org.lianxin.web.input.InputRefused;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;

/**
 * Problems of values the input rules refused ({@link InputRefused}: {@code date-out-of-range},
 * {@code control-character}, {@code malformed-id}, {@code malformed-number}) and of JSON values of the wrong type,
 * each naming its field: the JSON path in a body ({@code windows[0].start}), the parameter's name in a path or query.
 */
final class InputProblems {
    private InputProblems() {
    }

    /** The problem of a body the reader refused, or null when it is not about one value. */
    static ProblemDetail ofBody(Throwable unreadable) {
        JacksonException json = outermost(unreadable);
        String field = json == null ? null : path(json);
        InputRefused refused = InputRefused.in(unreadable);
        if (refused != null) return refused(refused, field != null ? field : refused.field());
        if (field == null || field.isEmpty()) return null;
        ProblemDetail pd = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                "the value of " + field + " is not of the expected type");
        pd.setTitle("Malformed request");
        pd.setProperty("errors", List.of(Map.of("field", field, "message", "not a value of the expected type",
                "constraint", "Type")));
        return pd;
    }

    /** The problem of a path or query value the rules refused, or null when they did not. */
    static ProblemDetail ofParameter(TypeMismatchException mismatch) {
        InputRefused refused = InputRefused.in(mismatch);
        if (refused == null) return null;
        return refused(refused, mismatch.getPropertyName());
    }

    static ProblemDetail refused(InputRefused refused, String field) {
        String rule = refused.rule();
        ProblemDetail pd = switch (rule) {
            case "date-out-of-range" -> Problems.of(HttpStatus.BAD_REQUEST, "date-out-of-range", refused.getMessage());
            case "control-character" -> Problems.of(HttpStatus.BAD_REQUEST, "control-character", refused.getMessage());
            case "malformed-id" -> Problems.of(HttpStatus.BAD_REQUEST, "malformed-id", refused.getMessage());
            default -> Problems.of(HttpStatus.BAD_REQUEST, "malformed-number", refused.getMessage());
        };
        pd.setTitle("Invalid request");
        if (field != null) {
            pd.setDetail(field + ": " + refused.getMessage());
            pd.setProperty("errors", List.of(Map.of("field", field, "message", refused.getMessage(),
                    "constraint", constraint(rule))));
        }
        return pd;
    }

    /** The page's message key is validation.<constraint> (i18n/errors.js). */
    private static String constraint(String rule) {
        switch (rule) {
            case "date-out-of-range": return "DateWindow";
            case "control-character": return "NoControlCharacters";
            default: return "Digits";
        }
    }

    private static JacksonException outermost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) return j;
        }
        return null;
    }

    private static String path(JacksonException e) {
        StringBuilder s = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (s.length() > 0) s.append('.');
                s.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }
}
