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
    record Whereabouts(Kind kind, String node, RoomMediaJournal.State taken) {
        public enum Kind { HERE, ELSEWHERE, NOWHERE }

        public Whereabouts {
            Objects.requireNonNull(kind, "kind");
            if (taken != null && kind != Kind.HERE) {
                throw new IllegalArgumentException("only a room taken here has media to claim");
            }
        }

        public Whereabouts(Kind kind, String node) {
            this(kind, node, null);
        }

        public static Whereabouts here() {
            return new Whereabouts(Kind.HERE, null);
        }

        /**
         * Taken here from a lost owner whose media can be claimed (issue 14): {@code taken} is what that owner recorded
         * of the room (its media session, endpoints and participants).
         */
        public static Whereabouts takenOver(RoomMediaJournal.State taken) {
            return new Whereabouts(Kind.HERE, null, Objects.requireNonNull(taken, "taken"));
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
