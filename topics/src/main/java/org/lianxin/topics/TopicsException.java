package org.lianxin.topics;

/**
 * A request the topics module refused; nothing was written. Its {@link #rule()} is stable and machine-readable
 * (e.g. {@code topic-not-followed}, {@code conclusion-missing}); the subclass says how the web answers: 404, 422,
 * 409, 403.
 */
public abstract sealed class TopicsException extends RuntimeException {
    private final String rule;

    TopicsException(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** An id that does not exist, or that the user may not know exists (404): {@code topic-not-found}. */
    public static final class NotFound extends TopicsException {
        public NotFound(String kind, Object id) {
            super(kind + "-not-found", kind + " " + id + " not found");
        }
    }

    /** The request breaks a rule of the workflow or carries bad values (422). */
    public static final class Refused extends TopicsException {
        public Refused(String rule, String message) {
            super(rule, message);
        }
    }

    /** The topic is not in the state the request needs any more: followed or closed by somebody (409). */
    public static final class Conflict extends TopicsException {
        public Conflict(String rule, String message) {
            super(rule, message);
        }
    }

    /** The user's role may not do this (403). */
    public static final class Forbidden extends TopicsException {
        public Forbidden(String rule, String message) {
            super(rule, message);
        }
    }
}
