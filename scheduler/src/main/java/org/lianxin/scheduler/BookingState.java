package org.lianxin.scheduler;

import java.util.EnumSet;
import java.util.Set;

/**
 * BOOKED → CHECKED_IN → IN_SESSION → COMPLETED, or CANCELLED / NO_SHOW; IN_SESSION → INTERRUPTED when the session
 * was cut off (a crash of the server) and nobody continued it after its slot.
 */
public enum BookingState {
    BOOKED, CHECKED_IN, IN_SESSION, COMPLETED, CANCELLED, NO_SHOW, INTERRUPTED;

    /** States that hold the official's, the invitees' and the terminal's time. */
    public static final Set<BookingState> ACTIVE = EnumSet.of(BOOKED, CHECKED_IN, IN_SESSION);

    public boolean active() {
        return ACTIVE.contains(this);
    }
}
