package org.lianxin.scheduler;

/** The actor may not act on this: it lies outside the actor's office subtree, or the role may not do it. */
public final class OutOfJurisdiction extends SchedulerException {
    public OutOfJurisdiction(String message) {
        super("out-of-jurisdiction", message);
    }

    /** Refused for a reason with its own rule code (e.g. {@code not-consultation-host}). */
    public OutOfJurisdiction(String rule, String message) {
        super(rule, message);
    }
}
