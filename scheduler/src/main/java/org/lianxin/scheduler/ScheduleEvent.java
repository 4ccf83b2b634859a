package org.lianxin.scheduler;

/**
 * What the scheduler tells others of a change, whoever made it (a REST call, the system actor following a live room,
 * a job): first to the {@link ScheduleOutbox} inside the change's transaction, then to the
 * {@link ScheduleEventListener} after it committed (both passed to
 * {@link Scheduler#create(javax.sql.DataSource, org.springframework.transaction.PlatformTransactionManager,
 * java.time.Clock, SchedulerSettings, ScheduleEventListener, ScheduleOutbox)}).
 */
public sealed interface ScheduleEvent {

    /** A booking was made (BOOKED). */
    record BookingCreated(long bookingId) implements ScheduleEvent {
    }

    /**
     * A BOOKED booking was moved to another time or terminal.
     *
     * @param previousStart      when it was to start before
     * @param previousTerminalId where it was to be held before
     */
    record BookingRescheduled(long bookingId, java.time.Instant previousStart, long previousTerminalId)
            implements ScheduleEvent {
    }

    /** A reception ran to its end: its booking went from IN_SESSION to COMPLETED. */
    record SessionCompleted(long bookingId) implements ScheduleEvent {
    }

    /**
     * A booking closed before its session ran to its end: cancelled, marked no-show, or ended as interrupted. Its live
     * room, if open, ends.
     *
     * @param state {@link BookingState#CANCELLED}, {@link BookingState#NO_SHOW} or {@link BookingState#INTERRUPTED}
     */
    record BookingClosed(long bookingId, BookingState state) implements ScheduleEvent {
    }

    /** A reception was held: its booking went IN_SESSION (the host admitted the petitioner). Told once per booking. */
    record SessionStarted(long bookingId) implements ScheduleEvent {
    }

    /** A consultation ended (by its host, or by the system actor after its live room ended). Told once. */
    record ConsultationEnded(long consultationId) implements ScheduleEvent {
    }
}
