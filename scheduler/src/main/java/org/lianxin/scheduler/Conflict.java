package org.lianxin.scheduler;

import java.util.Map;

/** A request that collides with existing state: a busy official or terminal, a duplicate case number, a stale version. */
public final class Conflict extends SchedulerException {
    public Conflict(String rule, String message) {
        super(rule, message);
    }

    /** With the facts a person's message names (see {@link SchedulerException#facts()}). */
    public Conflict(String rule, String message, Map<String, Object> facts) {
        super(rule, message, facts);
    }
}
