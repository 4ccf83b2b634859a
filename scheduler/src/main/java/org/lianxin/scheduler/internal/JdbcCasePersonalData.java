package org.lianxin.scheduler.internal;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CasePersonalData;
import org.lianxin.scheduler.FullValue;
import org.lianxin.scheduler.PersonalField;
import org.lianxin.scheduler.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Full numbers on request: the case must lie in the actor's subtree (answered like every read of a case), then the
 * role must be one of {@link CasePersonalData#MAY_UNMASK}. A read only; the caller audits it.
 */
final class JdbcCasePersonalData implements CasePersonalData {
    private final JdbcClient jdbc;
    private final Access access;
    private final JdbcCases cases;
    private final SealedPersonalData sealer;

    JdbcCasePersonalData(JdbcClient jdbc, Access access, JdbcCases cases, SealedPersonalData sealer) {
        this.jdbc = jdbc;
        this.access = access;
        this.cases = cases;
        this.sealer = sealer;
    }

    @Override
    public void requireMayReveal(Actor actor, long caseId) {
        allowed(actor, caseId);
    }

    private CaseFile allowed(Actor actor, long caseId) {
        CaseFile c = cases.get(actor, caseId); // not found, or outside the subtree: refused as any read of it
        access.requireRole(actor, "see full ID or phone numbers", MAY_UNMASK.toArray(new Role[0]));
        return c;
    }

    @Override
    public FullValue reveal(Actor actor, long caseId, PersonalField field) {
        CaseFile c = allowed(actor, caseId);
        String column = field == PersonalField.ID_NUMBER ? "id_sealed" : "phone_sealed";
        String sealed = jdbc.sql("select " + column + " from case_file where id = ?").param(caseId)
                .query((rs, n) -> rs.getString(1)).optional().orElse(null);
        String masked = field == PersonalField.ID_NUMBER ? c.idMasked() : c.phoneMasked();
        return new FullValue(caseId, field, masked, sealer.open(field, sealed));
    }
}
