package org.lianxin.scheduler.internal;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Role;

/**
 * Who may see and change a booking: staff whose office subtree holds the booking's terminal, its host and its
 * invitees; some changes also by the host itself. A booking the actor may not see does not exist for it.
 */
final class BookingAccess {
    private final Access access;
    private final BookingRows rows;

    BookingAccess(Access access, BookingRows rows) {
        this.access = access;
        this.rows = rows;
    }

    /** The booking if the actor may see it: its terminal is in the actor's subtree, or the actor takes part. */
    Booking visible(Actor actor, long bookingId) {
        Booking b = rows.load(bookingId);
        if (access.sees(actor, b.terminalOfficeId())) return b;
        if (actor.officialId() != null && (actor.officialId() == b.officialId()
                || b.invitations().stream().anyMatch(i -> i.officialId() == actor.officialId()))) {
            return b;
        }
        throw new NotFound("booking", bookingId); // do not confirm that it exists
    }

    /** The actor is the booking's host (a leader or official acting for itself). */
    boolean isHost(Actor actor, Booking b) {
        return actor.officialId() != null && actor.officialId() == b.officialId()
                && actor.may(Role.LEADER, Role.OFFICIAL);
    }

    /** The actor answers for itself. */
    boolean isSelf(Actor actor, long officialId) {
        return actor.officialId() != null && actor.officialId() == officialId;
    }

    /** The booking's terminal lies in the actor's subtree. */
    void requireManagesTerminal(Actor actor, Booking b) {
        access.requireSees(actor, b.terminalOfficeId(), "terminal " + b.terminalId());
    }

    void requireSees(Actor actor, long officeId, String what) {
        access.requireSees(actor, officeId, what);
    }

    void requireRole(Actor actor, String action, Role... roles) {
        access.requireRole(actor, action, roles);
    }
}
