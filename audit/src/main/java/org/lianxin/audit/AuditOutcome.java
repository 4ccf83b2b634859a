package org.lianxin.audit;

/** What became of the audited action. */
public enum AuditOutcome {
    /** Done as asked. */
    ALLOWED,
    /** Refused: the user may not (no right, outside the jurisdiction, wrong password). */
    DENIED,
    /** Allowed but not done: bad input, a conflict, a failure. */
    FAILED
}
