package org.lianxin.supervision;

import java.util.List;
import org.lianxin.scheduler.Actor;

/** A leader's instructions at the end of a reception, and what the petitioner is told of them. */
public interface Instructions {
    /**
     * By the LEADER who hosted the booking, while it is IN_SESSION or within 24 hours after it COMPLETED. Units must lie
     * in the leader's office subtree; the leader's office supervises the items. One transaction.
     */
    Instruction give(Actor actor, long bookingId, NewInstruction instruction);

    /** The booking's instructions, oldest first (readers of the booking). */
    List<Instruction> ofBooking(Actor actor, long bookingId);

    /** For the kiosk: the booking's assignments in plain terms. */
    NextSteps nextSteps(Actor actor, long bookingId);
}
