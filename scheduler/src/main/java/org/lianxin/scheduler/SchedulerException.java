package org.lianxin.scheduler;

/**
 * A request the scheduler refused. Nothing was written. {@link #rule()} names the rule broken in a stable,
 * machine-readable form (e.g. {@code terminal-busy}); the message says it to a person.
 */
public abstract sealed class SchedulerException extends RuntimeException
        permits NotFound, RuleViolation, Conflict, OutOfJurisdiction {
    private final String rule;

    protected SchedulerException(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
