package org.lianxin.scheduler;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.internal.SchedulerAssembly;
import org.springframework.transaction.PlatformTransactionManager;

/** The scheduler module's services, wired over one database. */
public record Scheduler(Offices offices, Officials officials, Terminals terminals, Cases cases, Bookings bookings,
                        Availability availability, CalendarFeed calendarFeed, Consultations consultations) {

    public static Scheduler create(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                   SchedulerSettings settings) {
        return SchedulerAssembly.assemble(dataSource, transactions, clock, settings);
    }
}
