package org.lianxin.scheduler;

/**
 * Told of each {@link ScheduleEvent} after the transaction that made it committed, on the thread that made the
 * change (the change stands whatever the listener does; what it throws is logged).
 */
@FunctionalInterface
public interface ScheduleEventListener {
    /** Nobody listens. */
    ScheduleEventListener NONE = event -> {
    };

    void onScheduleEvent(ScheduleEvent event);
}
