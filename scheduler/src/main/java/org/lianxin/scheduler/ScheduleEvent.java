package org.lianxin.scheduler;

/**
 * What the scheduler tells others after a change has committed, whoever made it (a REST call, the system actor
 * following a live room, a job): given to the {@link ScheduleEventListener} passed to
 * {@link Scheduler#create(javax.sql.DataSource, org.springframework.transaction.PlatformTransactionManager,
 * java.time.Clock, SchedulerSettings, ScheduleEventListener)}.
 */
public sealed interface ScheduleEvent {

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
