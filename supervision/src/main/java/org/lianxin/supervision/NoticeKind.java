package org.lianxin.supervision;

public enum NoticeKind {
    /** A new item for the unit. */
    ASSIGNED,
    /** 催办: by a supervisor, or the sweep before the deadline. */
    DEADLINE_NEAR,
    OVERDUE,
    ESCALATED,
    RETURNED,
    EXTENSION_REQUESTED,
    EXTENSION_DECIDED,
    REPLIED,
    /** The supervising office accepted the reply: the item is completed (办结). */
    ACCEPTED
}
