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
    REVIEWER,
    /**
     * A third-party evaluator (第三方评议员: a deputy, an expert, a citizens' representative; not office staff), linked
     * to one entry of an evaluator pool by its login. Sees nothing of the offices' work but the matters it was drawn
     * to score and their recordings; the office of its account is the pool's, and grants it no jurisdiction.
     */
    EVALUATOR;

    /** Whether the role is office staff, acting in its office's subtree; false for {@link #EVALUATOR}. */
    public boolean isStaff() {
        return this != EVALUATOR;
    }
}
