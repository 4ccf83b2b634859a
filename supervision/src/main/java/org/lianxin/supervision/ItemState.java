package org.lianxin.supervision;

/** 待签收 → 办理中 → 已答复 → 已办结, or 已答复 → 退回重办 → 已答复 … Overdue (逾期) is derived, not a state. */
public enum ItemState {
    PENDING_SIGN, IN_PROGRESS, REPLIED, COMPLETED, RETURNED;

    /** The unit still has to act: not replied, not completed. */
    public boolean open() {
        return this == PENDING_SIGN || this == IN_PROGRESS || this == RETURNED;
    }
}
