package org.lianxin.scheduler;

/** What a logged-in user may do. Every role acts only inside its office's subtree. */
public enum Role {
    /**
     * The system administrator (系统管理员): manages offices, officials, terminals and the accounts of its subtree (enables
     * and disables them); can neither grant roles nor read, export or purge the audit trail. One of the three separated
     * duties (三员分立, {@link #isSeparatedDuty()}).
     */
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
    EVALUATOR,
    /**
     * The auditor (安全审计员): searches and exports the audit trail of its office's subtree, and nothing else. One of the
     * three separated duties.
     */
    AUDITOR,
    /**
     * The security administrator (安全管理员): manages roles and policies, i.e. who holds which role in its subtree; every
     * role change needs one. Sees nothing of the offices' work. One of the three separated duties.
     */
    SECURITY_ADMIN;

    /** Whether the role is office staff, acting in its office's subtree; false for {@link #EVALUATOR}. */
    public boolean isStaff() {
        return this != EVALUATOR;
    }

    /**
     * Whether the role is one of the three separated duties (三员分立: system administrator, security administrator,
     * auditor), of which no user holds two.
     */
    public boolean isSeparatedDuty() {
        return this == ADMIN || this == AUDITOR || this == SECURITY_ADMIN;
    }
}
