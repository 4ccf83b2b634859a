package org.lianxin.signaling.live;

import java.util.Objects;

/**
 * Which application instance owns a live room, for the joins of a room this instance does not hold (issue 14): the
 * application's placement answers (leases in its database); without one, such a join is {@code ROOM_NOT_FOUND} as on
 * one instance.
 */
@FunctionalInterface
public interface RoomOwners {

    /** Where a room not held here is: to open here, on another instance, or nowhere. */
    record Whereabouts(Kind kind, String node) {
        public enum Kind { HERE, ELSEWHERE, NOWHERE }

        public Whereabouts {
            Objects.requireNonNull(kind, "kind");
        }

        public static Whereabouts here() {
            return new Whereabouts(Kind.HERE, null);
        }

        /** On the instance named {@code node} (its public name, as the load balancer routes by it). */
        public static Whereabouts elsewhere(String node) {
            return new Whereabouts(Kind.ELSEWHERE, node);
        }

        public static Whereabouts nowhere() {
            return new Whereabouts(Kind.NOWHERE, null);
        }
    }

    /**
     * A verified join arrived for {@code roomId}, which this instance does not hold. {@code HERE}: this instance took
     * the room (its owner stopped renewing): it is built anew here and the join goes on.
     */
    Whereabouts locate(String roomId);
}
