package org.lianxin.scheduler;

import java.util.Objects;

/**
 * Who is asking. Every service call is scoped by the actor's office subtree.
 *
 * @param username   login name, recorded in booking history
 * @param role       what the actor may do
 * @param officeId   the office the actor belongs to; the actor sees that office's subtree only
 * @param officialId the official record of a LEADER or OFFICIAL user, else null
 */
public record Actor(String username, Role role, long officeId, Long officialId) {
    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    /** The scheduler itself (demo data, imports run by the operator): unrestricted. */
    public static Actor system(long provinceOfficeId) {
        return new Actor("system", Role.ADMIN, provinceOfficeId, null);
    }

    public boolean may(Role... roles) {
        for (Role r : roles) {
            if (r == role) return true;
        }
        return false;
    }
}
