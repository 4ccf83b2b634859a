package org.lianxin.scheduler;

/** A request that collides with existing state: a busy official or terminal, a duplicate case number, a stale version. */
public final class Conflict extends SchedulerException {
    public Conflict(String rule, String message) {
        super(rule, message);
    }
}
