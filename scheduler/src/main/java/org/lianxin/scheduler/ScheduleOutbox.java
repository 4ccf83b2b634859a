package org.lianxin.scheduler;

/**
 * Told of each {@link ScheduleEvent} inside the transaction that makes the change, before it commits: an
 * implementation that writes to the same database (an outbox) keeps the event exactly when the change commits — a
 * rollback writes none, a commit always has it. What it throws rolls the change back, so it should only write.
 */
@FunctionalInterface
public interface ScheduleOutbox {
    /** Nothing is written. */
    ScheduleOutbox NONE = event -> {
    };

    void record(ScheduleEvent event);
}
