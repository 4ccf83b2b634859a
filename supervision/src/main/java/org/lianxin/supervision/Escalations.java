package org.lianxin.supervision;

import java.util.Optional;

/**
 * Automatic escalation of a problem raised twice: the same petitioner (same ID-card number) with the same problem
 * (the same case, or a case of the same category under the same office) received again while the earlier matter is
 * unresolved or was closed 不满意 gets an ESCALATION item at the level above the matter's office, with the history
 * attached — never when the level above already holds an open item for the matter.
 */
public interface Escalations {
    /** Called once a reception was held (its booking went IN_SESSION); the item opened, if any. */
    Optional<Item> receptionHeld(long bookingId);
}
