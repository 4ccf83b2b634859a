package org.lianxin.notification;

/**
 * What a notice is about. The kinds the petition workflow sends (issue 11): a session about to start, a deadline
 * near, an item overdue, an item escalated to the office above, a reply returned for redo; {@link #GENERAL} for
 * anything else a module wants to tell staff (e.g. a supervision order). Stored by name: never rename one.
 */
public enum NoticeKind {
    SESSION_STARTING,
    DEADLINE_NEAR,
    OVERDUE,
    ESCALATED,
    RETURNED_FOR_REDO,
    GENERAL
}
