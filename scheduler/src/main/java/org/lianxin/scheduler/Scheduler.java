package org.lianxin.scheduler;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.internal.SchedulerAssembly;
import org.springframework.transaction.PlatformTransactionManager;

/** The scheduler module's services, wired over one database. */
public record Scheduler(Offices offices, Officials officials, Terminals terminals, Cases cases, Bookings bookings,
                        Availability availability, CalendarFeed calendarFeed, Consultations consultations) {

    /** Nobody is told of {@link ScheduleEvent}s. */
    public static Scheduler create(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                   SchedulerSettings settings) {
        return create(dataSource, transactions, clock, settings, ScheduleEventListener.NONE);
    }

    /** @param listener told of every booking closed and consultation ended, after commit */
    public static Scheduler create(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                   SchedulerSettings settings, ScheduleEventListener listener) {
        return create(dataSource, transactions, clock, settings, listener, ScheduleOutbox.NONE);
    }

    /**
     * @param listener told of every {@link ScheduleEvent} after commit
     * @param outbox   told of every {@link ScheduleEvent} inside the transaction of its change
     */
    public static Scheduler create(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                   SchedulerSettings settings, ScheduleEventListener listener, ScheduleOutbox outbox) {
        return SchedulerAssembly.assemble(dataSource, transactions, clock, settings, listener, outbox);
    }
}
