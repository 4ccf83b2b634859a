package org.lianxin.scheduler;

import java.util.Map;

/**
 * A request the scheduler refused. Nothing was written. {@link #rule()} names the rule broken in a stable,
 * machine-readable form (e.g. {@code terminal-busy}); the message says it to a person. {@link #facts()} carries the
 * few values a person's message in another language needs (e.g. {@code minutes} for when check-in opens).
 */
public abstract sealed class SchedulerException extends RuntimeException
        permits NotFound, RuleViolation, Conflict, OutOfJurisdiction {
    private final String rule;
    private final Map<String, Object> facts;

    protected SchedulerException(String rule, String message) {
        this(rule, message, Map.of());
    }

    protected SchedulerException(String rule, String message, Map<String, Object> facts) {
        super(message, null, false, false);
        this.rule = rule;
        this.facts = Map.copyOf(facts);
    }

    /** Values named in the message (numbers, times), for a message in the reader's language; often empty. */
    public Map<String, Object> facts() {
        return facts;
    }

    public String rule() {
        return rule;
    }
}
