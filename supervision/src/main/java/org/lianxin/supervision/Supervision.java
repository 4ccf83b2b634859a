package org.lianxin.supervision;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.supervision.internal.SupervisionAssembly;
import org.springframework.transaction.PlatformTransactionManager;

/** The supervision module's services, over the scheduler's offices, cases and bookings and one database. */
public record Supervision(Instructions instructions, Items items, CaseSupervision cases, Escalations escalations,
                          SupervisionSweep sweep) {

    /**
     * @param notices told of every notice inside the transaction of the change that made it
     */
    public static Supervision create(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                     Scheduler scheduler, SupervisionSettings settings, SupervisionNotices notices) {
        return create(dataSource, transactions, clock, scheduler, settings, notices, SupervisionEvents.NONE);
    }

    /**
     * @param notices told of every notice inside the transaction of the change that made it
     * @param events  told of every outward fact (instructions given, evaluation given) inside its transaction
     */
    public static Supervision create(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                     Scheduler scheduler, SupervisionSettings settings, SupervisionNotices notices,
                                     SupervisionEvents events) {
        return SupervisionAssembly.assemble(dataSource, transactions, clock, scheduler, settings, notices, events);
    }
}
