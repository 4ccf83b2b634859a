package org.lianxin.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterValidationResult;

/**
 * One entry of a validation problem's {@code errors}: the {@code field}, the server's English {@code message} (for
 * logs and developers), and what a page needs to say it in its own language: the {@code constraint} broken (the
 * Bean Validation annotation's simple name, e.g. {@code NotBlank}, {@code Size}) and its bounds ({@code min},
 * {@code max}) when it has them. The page's messages are {@code validation.<constraint>} in /i18n/errors.js.
 */
final class FieldProblem {
    private FieldProblem() {
    }

    static Map<String, Object> of(String field, ConstraintViolation<?> violation, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", String.valueOf(message));
        if (violation != null) {
            String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            error.put("constraint", constraint);
            Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
            bound(error, "min", attributes.get("min"));
            bound(error, "max", attributes.get("max"));
            // @Min(5) and @Max(480) name their bound "value"
            if (constraint.endsWith("Min")) bound(error, "min", attributes.get("value"));
            if (constraint.endsWith("Max")) bound(error, "max", attributes.get("value"));
        }
        return error;
    }

    private static void bound(Map<String, Object> error, String name, Object value) {
        if (value instanceof Number || value instanceof String) error.put(name, value);
    }

    /** The Bean Validation violation behind a binding error, or null when it has none (a type mismatch). */
    static ConstraintViolation<?> violation(ObjectError error) {
        try {
            return error.unwrap(ConstraintViolation.class);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The violation behind a method parameter's error, or null. */
    static ConstraintViolation<?> violation(ParameterValidationResult result, MessageSourceResolvable error) {
        try {
            return result.unwrap(error, ConstraintViolation.class);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
