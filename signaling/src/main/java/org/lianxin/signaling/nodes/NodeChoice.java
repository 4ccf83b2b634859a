package org.lianxin.signaling.nodes;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which media node takes a new room: among the nodes that are healthy (connected), not drained and not excluded,
 * the one with the fewest rooms; equal rooms, the fewest endpoints; still equal, the first in the configured order.
 * Pure: the caller passes what it knows of each node.
 *
 * <p>Why rooms first: a room is placed before its participants arrive (it opens minutes before the booking), so the
 * rooms a node holds are the load it is about to carry; a reception is alike everywhere (two publishers, their
 * subscribers). Endpoints (peer connections now open) then break the tie with what flows right now.
 */
public final class NodeChoice {

    private NodeChoice() {
    }

    /**
     * What is known of one node.
     *
     * @param name      its configured name
     * @param healthy   whether we are connected to it now
     * @param drained   whether an operator drained it (no new rooms)
     * @param rooms     the media rooms placed on it
     * @param endpoints the endpoints (peer connections) open on it
     */
    public record Candidate(String name, boolean healthy, boolean drained, int rooms, int endpoints) {
        public Candidate {
            Objects.requireNonNull(name, "name");
            if (rooms < 0 || endpoints < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
        }

        boolean accepts() {
            return healthy && !drained;
        }
    }

    /**
     * The node for a new room, or empty if none is healthy and undrained.
     *
     * @param candidates every node, in the configured order
     * @param excluded   names never to choose (the node a room was just lost on)
     */
    public static Optional<String> choose(List<Candidate> candidates, Set<String> excluded) {
        Comparator<Candidate> lighter = Comparator.comparingInt(Candidate::rooms).thenComparingInt(Candidate::endpoints);
        Candidate best = null;
        for (Candidate c : candidates) { // first of equals wins: the configured order breaks ties
            if (c.accepts() && !excluded.contains(c.name()) && (best == null || lighter.compare(c, best) < 0)) {
                best = c;
            }
        }
        return Optional.ofNullable(best).map(Candidate::name);
    }

    /** The node for a new room, or empty if none is healthy and undrained. */
    public static Optional<String> choose(List<Candidate> candidates) {
        return choose(candidates, Set.of());
    }
}
