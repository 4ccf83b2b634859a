package org.lianxin.scheduler;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.scheduler.internal.SchedulerAssembly;
import org.springframework.transaction.PlatformTransactionManager;

/** The scheduler module's services, wired over one database. */
public record Scheduler(Offices offices, Officials officials, Terminals terminals, Cases cases, Bookings bookings,
                        Availability availability, CalendarFeed calendarFeed, Consultations consultations,
                        CasePersonalData personalData) {

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
        return create(dataSource, transactions, clock, settings, listener, outbox, testCipher(settings));
    }

    /**
     * @param personalData the key ring that seals case files' full ID and phone numbers (the application's own,
     *                     {@code lianxin.personal-data.*})
     */
    public static Scheduler create(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                                   SchedulerSettings settings, ScheduleEventListener listener, ScheduleOutbox outbox,
                                   PersonalDataCipher personalData) {
        return SchedulerAssembly.assemble(dataSource, transactions, clock, settings, listener, outbox, personalData);
    }

    /**
     * For tests and benches that wire the scheduler without the application: a key ring derived from the identity
     * key (HKDF, its own purpose), so that full numbers are sealed and revealed as in the application. The
     * application never uses it: it passes the ring of its own personal-data key.
     */
    private static PersonalDataCipher testCipher(SchedulerSettings settings) {
        return PersonalDataCipher.ofKeys(List.of(PersonalDataCipher.derivedKey(settings.identityKey(),
                "personal-data key of a scheduler wired without one")));
    }
}
