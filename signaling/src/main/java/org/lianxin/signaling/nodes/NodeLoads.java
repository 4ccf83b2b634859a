package org.lianxin.signaling.nodes;

import java.util.Map;

/**
 * The load the other application instances put on the media nodes (several instances share them, issue 14): the
 * rooms and endpoints they hold on each node, by node name, added to this instance's own counts when a room is placed
 * ({@link NodeChoice} stays pure: it is given the sums). Must answer at once, from a snapshot: it is asked while
 * placing, under the placements' monitor.
 */
@FunctionalInterface
public interface NodeLoads {
    /** One instance alone. */
    NodeLoads NONE = Map::of;

    /** Rooms and endpoints on one node. */
    record Load(int rooms, int endpoints) {
        public Load {
            if (rooms < 0 || endpoints < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
        }
    }

    /** The other instances' load per node (a node not named: none). */
    Map<String, Load> elsewhere();
}
