package org.lianxin.evaluation;

import java.util.Map;

/**
 * A request the evaluation module refused. Nothing was written. {@link #rule()} names the rule in a stable,
 * machine-readable form (e.g. {@code too-few-evaluators}); {@link #facts()} carries the values a message in another
 * language needs.
 */
public abstract sealed class EvaluationException extends RuntimeException {
    private final String rule;
    private final Map<String, Object> facts;

    EvaluationException(String rule, String message, Map<String, Object> facts) {
        super(message, null, false, false);
        this.rule = rule;
        this.facts = Map.copyOf(facts);
    }

    public String rule() {
        return rule;
    }

    public Map<String, Object> facts() {
        return facts;
    }

    /** An id that does not exist, or that the user may not know exists (404). */
    public static final class NotFound extends EvaluationException {
        public NotFound(String kind, Object id) {
            super(kind + "-not-found", kind + " " + id + " not found", Map.of());
        }
    }

    /** The request breaks a rule of the evaluation (422). */
    public static final class Refused extends EvaluationException {
        public Refused(String rule, String message) {
            super(rule, message, Map.of());
        }
    }

    /** Done already, or somebody else was first (409): a second score, a second draw of one office and month. */
    public static final class Conflict extends EvaluationException {
        public Conflict(String rule, String message) {
            super(rule, message, Map.of());
        }
    }

    /** The user's role or jurisdiction does not allow it (403). */
    public static final class Forbidden extends EvaluationException {
        public Forbidden(String rule, String message) {
            super(rule, message, Map.of());
        }
    }
}
