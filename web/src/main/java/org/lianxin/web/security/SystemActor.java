package org.lianxin.web.security;

import java.util.List;
import java.util.Optional;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.springframework.stereotype.Component;

/**
 * The unrestricted system actor at the root of the office tree, for what the server changes in the scheduler on
 * its own: following live rooms (the room already checked who may admit and end), and its sweeps.
 */
@Component
public class SystemActor {
    private final Offices offices;
    private volatile Actor actor;

    SystemActor(Offices offices) {
        this.offices = offices;
    }

    /** @throws IllegalStateException if there is no office yet */
    public Actor get() {
        return find().orElseThrow(() -> new IllegalStateException("no root office"));
    }

    /** The system actor, or empty while there is no office at all (a fresh database: nothing to act on). */
    public Optional<Actor> find() {
        Actor a = actor;
        if (a == null) {
            List<Office> all = offices.all();
            Optional<Office> root = all.stream().filter(o -> o.parentId() == null).findFirst();
            if (root.isEmpty()) {
                return Optional.empty();
            }
            a = new Actor("system:live-room", org.lianxin.scheduler.Role.ADMIN, root.get().id(), null);
            actor = a;
        }
        return Optional.of(a);
    }
}
