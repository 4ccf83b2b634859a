package org.lianxin.scheduler;

/** A request that breaks a scheduling rule whatever else happens: in the past, outside hours, wrong jurisdiction… */
public final class RuleViolation extends SchedulerException {
    public RuleViolation(String rule, String message) {
        super(rule, message);
    }
}
