package org.lianxin.scheduler;

import java.util.Map;

/** A request that breaks a scheduling rule whatever else happens: in the past, outside hours, wrong jurisdiction… */
public final class RuleViolation extends SchedulerException {
    public RuleViolation(String rule, String message) {
        super(rule, message);
    }

    public RuleViolation(String rule, String message, Map<String, Object> facts) {
        super(rule, message, facts);
    }
}
