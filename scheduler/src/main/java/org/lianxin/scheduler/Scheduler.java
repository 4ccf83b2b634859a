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
        return SchedulerAssembly.assemble(dataSource, transactions, clock, settings, listener);
    }
}
