package org.lianxin.scheduler;

import java.util.List;

/**
 * Full ID and phone numbers of case files, for the staff who need them. Every other read of a case file shows them
 * masked; the caller (the web API) audits each request with its reason before it shows the value.
 */
public interface CasePersonalData {
    /**
     * Who may see a full number: staff who must reach or identify the petitioner in person — the SCHEDULER (arranges
     * the reception, calls the petitioner, checks the identity at the desk) and the LEADER and OFFICIAL who receive the
     * petitioner and handle the case. Not the ADMIN (system administration, 三员分立), the AUDITOR and SECURITY_ADMIN
     * (separated duties that read the trail or manage roles, not cases), the REVIEWER (reviews the handling and the
     * recordings, which need no number) nor the EVALUATOR (outside evaluators see no personal data).
     */
    List<Role> MAY_UNMASK = List.of(Role.SCHEDULER, Role.LEADER, Role.OFFICIAL);

    /**
     * Whether the actor may see the case's full numbers at all, checked before anything else of a request is looked at.
     *
     * @throws NotFound          no such case file
     * @throws OutOfJurisdiction the case lies outside the actor's subtree, or the actor's role may not see full numbers
     */
    void requireMayReveal(Actor actor, long caseId);

    /**
     * The full number of the case's field (checked as {@link #requireMayReveal}).
     *
     * @throws NotFound           no such case file
     * @throws OutOfJurisdiction  the case lies outside the actor's subtree, or the actor's role may not see full numbers
     */
    FullValue reveal(Actor actor, long caseId, PersonalField field);
}
