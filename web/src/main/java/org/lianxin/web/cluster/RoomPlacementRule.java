package org.lianxin.web.cluster;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a live room belongs, decided from its lease's row alone (pure: row, this instance, clock in; decision out).
 *
 * <ul>
 *   <li>Opening the room (a join token asked for over REST, which any instance answers): here when nobody holds the
 *       lease, its term ran out, or this instance holds it; else with the holder.
 *   <li>A browser's join of a room this instance does not hold: with the holder while its term runs; taken over here
 *       when its holder stopped renewing (a lost instance: the room is built anew, epoch + 1) or when this instance
 *       still holds it; unknown when nobody holds it (never opened, or ended and released: as on one instance,
 *       {@code ROOM_NOT_FOUND}).
 *   <li>Either, while another instance's term still runs but that instance is dead by its advisory lock
 *       ({@link HolderLiveness}: a kill -9 frees it at once): taken over here at once ({@code TAKE_OVER}, epoch + 1),
 *       without waiting for the lapse.
 * </ul>
 */
public final class RoomPlacementRule {
    private RoomPlacementRule() {
    }

    /** Why the room is looked up. */
    public enum Purpose {
        /** A join token is issued: the room may be opened. */
        OPEN,
        /** A browser joins on this instance, which does not hold the room. */
        JOIN
    }

    /** The decision: take the lease here, send the browser to {@code node}, or no such room. */
    public record Decision(Kind kind, String node) {
        /** TAKE_OVER: the holder's term runs but it is dead; taken only if its row is unchanged (compare and set). */
        public enum Kind { TAKE, TAKE_OVER, ELSEWHERE, NOT_FOUND }

        public Decision {
            Objects.requireNonNull(kind, "kind");
        }

        static Decision take() {
            return new Decision(Kind.TAKE, null);
        }

        static Decision elsewhere(String node) {
            return new Decision(Kind.ELSEWHERE, node);
        }

        static Decision notFound() {
            return new Decision(Kind.NOT_FOUND, null);
        }
    }

    /**
     * @param row    the room lease's row with a holder, empty when there is none or nobody holds it
     * @param holder this instance's holder id
     * @param node   this instance's public name (unique per instance, as the recording's recovery needs too)
     * @param now    this instance's clock
     */
    public static Decision decide(Purpose purpose, Optional<LeaseOwner> row, String holder, String node, Instant now) {
        return decide(purpose, row, holder, node, now, false);
    }

    /** @param ownerDead whether the row's holder is dead by its advisory lock ({@link HolderLiveness}) */
    public static Decision decide(Purpose purpose, Optional<LeaseOwner> row, String holder, String node, Instant now,
                                  boolean ownerDead) {
        if (row.isEmpty()) {
            return purpose == Purpose.OPEN ? Decision.take() : Decision.notFound();
        }
        LeaseOwner owner = row.get();
        // this instance's own holder, a lapsed one, or this instance's previous run (same name, killed and restarted)
        if (owner.holder().equals(holder) || !owner.validAt(now) || node != null && node.equals(owner.node())) {
            return Decision.take();
        }
        if (ownerDead) { // its term runs, but its process is gone: no need to wait for the lapse
            return new Decision(Decision.Kind.TAKE_OVER, null);
        }
        // held by another instance that renews it; without a public name it cannot be routed to, only waited for
        return Decision.elsewhere(owner.node());
    }
}
