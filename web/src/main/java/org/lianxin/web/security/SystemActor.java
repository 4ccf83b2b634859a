package org.lianxin.web.security;

import java.util.List;
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

    public Actor get() {
        Actor a = actor;
        if (a == null) {
            List<Office> all = offices.all();
            Office root = all.stream().filter(o -> o.parentId() == null).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no root office"));
            a = new Actor("system:live-room", org.lianxin.scheduler.Role.ADMIN, root.id(), null);
            actor = a;
        }
        return a;
    }
}
