package org.lianxin.supervision;

import org.lianxin.scheduler.Actor;

/** A matter as a whole: its trail, the petitioner's evaluation of the replies, and 复查 / 复核. */
public interface CaseSupervision {
    /** For anybody whose subtree holds the matter's office. */
    Trail trail(Actor actor, long caseId);

    EvaluationDue evaluationDue(Actor actor, long caseId);

    /**
     * By SCHEDULER or ADMIN users of the matter's office subtree. KIOSK: the ID number must be the case's. PHONE: the
     * user is recorded as having taken it. UNSATISFIED offers a review within 30 days of the reply.
     */
    Evaluation evaluate(Actor actor, long caseId, NewEvaluation evaluation);

    /**
     * Opens a REVIEW (复查) or RE_REVIEW (复核) item at the level above the office that replied, with its own 30-day
     * clock; refused unless offered and inside the 30-day window.
     */
    Item requestReview(Actor actor, long caseId, String reason, ItemKind level);
}
