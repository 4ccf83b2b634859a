package org.lianxin.scheduler;

import java.util.EnumSet;
import java.util.Set;

/** BOOKED → CHECKED_IN → IN_SESSION → COMPLETED, or CANCELLED / NO_SHOW. */
public enum BookingState {
    BOOKED, CHECKED_IN, IN_SESSION, COMPLETED, CANCELLED, NO_SHOW;

    /** States that hold the official's, the invitees' and the terminal's time. */
    public static final Set<BookingState> ACTIVE = EnumSet.of(BOOKED, CHECKED_IN, IN_SESSION);

    public boolean active() {
        return ACTIVE.contains(this);
    }
}
