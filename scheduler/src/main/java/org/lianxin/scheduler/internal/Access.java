package org.lianxin.scheduler.internal;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;

/** Jurisdiction: an actor acts only inside its own office's subtree, and only as its role allows. */
final class Access {
    private final JdbcOffices offices;

    Access(JdbcOffices offices) {
        this.offices = offices;
    }

    /** An evaluator's account belongs to its pool's office but has no jurisdiction: it sees no office. */
    boolean sees(Actor actor, long officeId) {
        if (!actor.role().isStaff()) return false;
        Office mine = offices.get(actor.officeId());
        return mine.contains(offices.get(officeId));
    }

    /**
     * Whether the actor may look at what lies at an office (its officials and their calendars' times): the actor's
     * own subtree, every office above it, and the departments of those offices (a county books the city's leaders
     * and invites the city's departments to a joint reception). Wider than {@link #sees}: what is private to an
     * office (a blocked period's reason) stays with {@link #sees}.
     */
    boolean looksAt(Actor actor, long officeId) {
        Office mine = offices.get(actor.officeId());
        return mine.contains(offices.get(officeId)) || offices.jurisdictionOf(officeId).contains(mine);
    }

    void requireLooksAt(Actor actor, long officeId, String what) {
        if (!looksAt(actor, officeId)) {
            throw new OutOfJurisdiction(what + " lies outside the jurisdiction of " + actor.username());
        }
    }

    void requireSees(Actor actor, long officeId, String what) {
        if (!sees(actor, officeId)) {
            throw new OutOfJurisdiction(what + " lies outside the jurisdiction of " + actor.username());
        }
    }

    void requireRole(Actor actor, String action, Role... roles) {
        if (!actor.may(roles)) {
            throw new OutOfJurisdiction("role " + actor.role() + " may not " + action);
        }
    }
}
