package org.lianxin.evaluation;

/**
 * A request the evaluation module refused; nothing was written. Its {@link #rule()} is stable and machine-readable
 * (e.g. {@code too-few-evaluators}, {@code already-scored}); the subclass says how the web answers: 404, 422, 409,
 * 403.
 */
public abstract sealed class EvaluationException extends RuntimeException {
    private final String rule;

    EvaluationException(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** An id that does not exist, or that the user may not know exists (404). */
    public static final class NotFound extends EvaluationException {
        public NotFound(String kind, Object id) {
            super(kind + "-not-found", kind + " " + id + " not found");
        }
    }

    /** The request breaks a rule of the evaluation (422). */
    public static final class Refused extends EvaluationException {
        public Refused(String rule, String message) {
            super(rule, message);
        }
    }

    /** Done already, or somebody else was first (409): a second score, a second draw of one office and month. */
    public static final class Conflict extends EvaluationException {
        public Conflict(String rule, String message) {
            super(rule, message);
        }
    }

    /** The user's role does not allow it, or the user is not an evaluator (403). */
    public static final class Forbidden extends EvaluationException {
        public Forbidden(String rule, String message) {
            super(rule, message);
        }
    }
}
