package org.lianxin.scheduler.internal;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.ScheduleEventListener;
import org.lianxin.scheduler.ScheduleOutbox;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

public final class SchedulerAssembly {
    private SchedulerAssembly() {
    }

    public static Scheduler assemble(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                     SchedulerSettings settings, ScheduleEventListener listener,
                                     ScheduleOutbox outbox, PersonalDataCipher personalData) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        ScheduleEventDispatch events = new ScheduleEventDispatch(listener, outbox);
        JdbcOffices offices = new JdbcOffices(jdbc, tx, settings);
        Access access = new Access(offices);
        JdbcOfficials officials = new JdbcOfficials(jdbc, tx, access, offices);
        JdbcTerminals terminals = new JdbcTerminals(jdbc, tx, access);
        IdentityHasher hasher = new IdentityHasher(settings.identityKey());
        SealedPersonalData sealer = new SealedPersonalData(personalData);
        JdbcCases cases = new JdbcCases(jdbc, tx, access, offices, hasher, sealer, clock);
        BusyTimes busy = new BusyTimes(jdbc);
        BookingRows bookingRows = new BookingRows(jdbc, offices, officials, terminals, cases);
        JdbcBookings bookings = new JdbcBookings(tx, new BookingAccess(access, bookingRows),
                new BookingRules(settings.horizon(), settings.checkInOpensBefore()), bookingRows,
                new BookingLocks(jdbc, bookingRows), new BookingHistory(jdbc, clock), busy, events, offices, officials,
                terminals, cases, clock);
        SlotFinder availability = new SlotFinder(jdbc, access, offices, officials, busy, clock, settings, terminals);
        IcsFeed feed = new IcsFeed(jdbc, clock);
        JdbcConsultations consultations = new JdbcConsultations(jdbc, tx, access, offices, officials, cases, clock,
                events);
        return new Scheduler(offices, officials, terminals, cases, bookings, availability, feed, consultations,
                new JdbcCasePersonalData(jdbc, access, cases, sealer));
    }
}
