package org.lianxin.scheduler;

/** What a logged-in user may do. Every role acts only inside its office's subtree. */
public enum Role {
    /** Manages offices, officials, terminals and users of its subtree. */
    ADMIN,
    /** County (or higher) staff: cases, bookings, identity check at the terminal. */
    SCHEDULER,
    /** A leader who receives petitioners and hosts sessions. */
    LEADER,
    /** A department official joining joint receptions and consultations. */
    OFFICIAL,
    /** Staff who review recordings and supervise cases; read-only on bookings. */
    REVIEWER
}
