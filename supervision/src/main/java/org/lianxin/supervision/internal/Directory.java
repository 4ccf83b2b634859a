package org.lianxin.supervision.internal;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.supervision.OfficeRef;
import org.lianxin.supervision.SupervisionException;

/**
 * Who may read and act on an item, from the scheduler's office tree. Unit acts: OFFICIAL, SCHEDULER or LEADER users
 * whose office IS the unit. Supervisor acts: REVIEWER, LEADER or ADMIN users whose office is the supervising office
 * or above it. Reads: the unit's users and anybody whose subtree holds the unit or the supervising office.
 */
final class Directory {
    private final Offices offices;

    Directory(Offices offices) {
        this.offices = offices;
    }

    Office office(long id) {
        return offices.get(id);
    }

    OfficeRef ref(Long id) {
        if (id == null) return null;
        Office o = offices.get(id);
        return new OfficeRef(o.id(), o.name(), o.nameEn());
    }

    /** The scheduler's unrestricted actor, for lookups after this module checked access itself. */
    Actor system() {
        for (Office o : offices.all()) {
            if (o.parentId() == null) return Actor.system(o.id());
        }
        throw new IllegalStateException("no root office");
    }

    String pathOf(Actor actor) {
        return offices.get(actor.officeId()).path();
    }

    boolean reads(Actor actor, ItemRow item) {
        String mine = pathOf(actor);
        return item.unitPath().startsWith(mine) || item.supervisingPath().startsWith(mine);
    }

    ItemWorkflow.Standing standing(Actor actor, ItemRow item) {
        boolean unit = actor.officeId() == item.unitId() && actor.may(Role.OFFICIAL, Role.SCHEDULER, Role.LEADER);
        boolean supervisor = actor.may(Role.REVIEWER, Role.LEADER, Role.ADMIN)
                && item.supervisingPath().startsWith(pathOf(actor));
        return new ItemWorkflow.Standing(unit, supervisor);
    }

    /** A row the actor may read, else not found (its existence is not revealed). */
    ItemRow readable(Actor actor, java.util.Optional<ItemRow> row, long id) {
        ItemRow r = row.orElseThrow(() -> new SupervisionException.NotFound("item", id));
        if (!reads(actor, r)) throw new SupervisionException.NotFound("item", id);
        return r;
    }

    /** May act as a supervisor: REVIEWER, LEADER or ADMIN. */
    static void requireSupervisorRole(Actor actor, String what) {
        if (!actor.may(Role.REVIEWER, Role.LEADER, Role.ADMIN)) {
            throw new SupervisionException.Forbidden("role " + actor.role() + " may not " + what);
        }
    }
}
