package org.lianxin.supervision;

import java.util.Map;

/**
 * A request the supervision module refused. Nothing was written. {@link #rule()} names the rule in a stable,
 * machine-readable form (e.g. {@code extension-already-requested}); {@link #facts()} carries the values a message
 * in another language needs.
 */
public abstract sealed class SupervisionException extends RuntimeException {
    private final String rule;
    private final Map<String, Object> facts;

    SupervisionException(String rule, String message, Map<String, Object> facts) {
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
    public static final class NotFound extends SupervisionException {
        public NotFound(String kind, Object id) {
            super(kind + "-not-found", kind + " " + id + " not found", Map.of());
        }
    }

    /** The request breaks a rule of the workflow or the regulation (422). */
    public static final class Refused extends SupervisionException {
        public Refused(String rule, String message) {
            super(rule, message, Map.of());
        }

        public Refused(String rule, String message, Map<String, Object> facts) {
            super(rule, message, facts);
        }
    }

    /** Somebody else changed the item first (409). */
    public static final class Conflict extends SupervisionException {
        public Conflict(String rule, String message) {
            super(rule, message, Map.of());
        }
    }

    /** The user sees the thing but may not do this to it (403, rule {@code out-of-jurisdiction}). */
    public static final class Forbidden extends SupervisionException {
        public Forbidden(String message) {
            super("out-of-jurisdiction", message, Map.of());
        }
    }
}
