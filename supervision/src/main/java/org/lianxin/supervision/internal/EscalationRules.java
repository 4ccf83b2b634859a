package org.lianxin.supervision.internal;

import java.util.List;

/**
 * Whether a reception raises a problem a second time (pure): some matter of the same problem was received before
 * this reception and is unresolved (its case not closed) or was closed with the petitioner unsatisfied; and there is
 * a level above that does not already hold an open item for the matter.
 */
final class EscalationRules {
    private EscalationRules() {
    }

    /**
     * A matter of the same problem. @param receivedBefore it had a reception held before this one
     * @param closed its case is CLOSED @param lastUnsatisfied the petitioner's last evaluation of it was 不满意
     */
    record Matter(long caseId, boolean receivedBefore, boolean closed, boolean lastUnsatisfied) {
    }

    /** @param officeAbove the office above the matter's, null at the top @param aboveHolds it holds an open item */
    record Facts(List<Matter> matters, Long officeAbove, boolean aboveHolds) {
    }

    static boolean escalates(Facts f) {
        if (f.officeAbove() == null || f.aboveHolds()) return false;
        for (Matter m : f.matters()) {
            if (m.receivedBefore() && (!m.closed() || m.lastUnsatisfied())) return true;
        }
        return false;
    }
}
