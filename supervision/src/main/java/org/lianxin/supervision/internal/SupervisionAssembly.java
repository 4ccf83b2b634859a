package org.lianxin.supervision.internal;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.supervision.Supervision;
import org.lianxin.supervision.SupervisionEvents;
import org.lianxin.supervision.SupervisionNotices;
import org.lianxin.supervision.SupervisionSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

public final class SupervisionAssembly {
    private SupervisionAssembly() {
    }

    public static Supervision assemble(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                       Scheduler scheduler, SupervisionSettings settings, SupervisionNotices notices,
                                       SupervisionEvents events) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Directory directory = new Directory(scheduler.offices());
        Matters matters = new Matters(scheduler.cases(), scheduler.bookings(), directory);
        ItemRows rows = new ItemRows(jdbc);
        Notifier notifier = new Notifier(notices);
        ItemViews views = new ItemViews(rows, directory, clock);
        ItemCreation creation = new ItemCreation(rows, new Numbers(jdbc, transactions), notifier, clock);
        JdbcItems items = new JdbcItems(tx, rows, new ItemQueries(jdbc), views, directory, creation, matters, notifier,
                clock);
        JdbcInstructions instructions = new JdbcInstructions(jdbc, tx, matters, directory, creation, views, clock, events);
        JdbcSweep sweep = new JdbcSweep(jdbc, tx, rows, directory, notifier, settings, clock);
        EvaluationRows evaluations = new EvaluationRows(jdbc);
        JdbcCaseSupervision cases = new JdbcCaseSupervision(jdbc, tx, matters, directory, evaluations, instructions,
                views, creation, clock, events);
        JdbcEscalations escalations = new JdbcEscalations(jdbc, tx, scheduler.cases(), scheduler.bookings(), directory,
                evaluations, creation, views, notifier, clock);
        return new Supervision(instructions, items, cases, escalations, sweep);
    }
}
