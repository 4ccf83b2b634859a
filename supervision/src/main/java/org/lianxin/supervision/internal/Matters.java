package org.lianxin.supervision.internal;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.supervision.SupervisionException;

/** Cases, bookings and offices from the scheduler, as this module's users may reach them. */
final class Matters {
    private final Cases cases;
    private final Bookings bookings;
    private final Directory directory;

    Matters(Cases cases, Bookings bookings, Directory directory) {
        this.cases = cases;
        this.bookings = bookings;
        this.directory = directory;
    }

    /** The case if the actor's subtree holds it, else not found. */
    CaseFile visible(Actor actor, long caseId) {
        try {
            return cases.get(actor, caseId);
        } catch (SchedulerException e) {
            throw new SupervisionException.NotFound("case", caseId);
        }
    }

    CaseFile any(long caseId) {
        return cases.get(directory.system(), caseId);
    }

    /** The booking if the actor may read it, else not found. */
    Booking booking(Actor actor, long bookingId) {
        try {
            return bookings.get(actor, bookingId);
        } catch (SchedulerException e) {
            throw new SupervisionException.NotFound("booking", bookingId);
        }
    }

    java.util.List<org.lianxin.scheduler.BookingEvent> history(long bookingId) {
        return bookings.history(directory.system(), bookingId);
    }

    /** True if {@code idNumber} is the case's; the number is neither kept nor logged. */
    boolean identityMatches(long caseId, String idNumber) {
        return cases.identityMatches(caseId, idNumber);
    }

    /** An office the actor may give work to: its own or one below it. */
    Office unitInReach(Actor actor, long officeId) {
        Office unit;
        try {
            unit = directory.office(officeId);
        } catch (SchedulerException e) {
            throw new SupervisionException.Refused("unit-unknown", "no office " + officeId);
        }
        if (!directory.office(actor.officeId()).contains(unit)) {
            throw new SupervisionException.Refused("unit-out-of-reach", unit.name() + " lies outside "
                    + actor.username() + "'s jurisdiction");
        }
        return unit;
    }
}
