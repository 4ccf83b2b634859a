package org.lianxin.signaling.nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;

/**
 * Where each media room and each endpoint is, which nodes are drained, and what a node's loss or return means for
 * a room. Thread-safe (every method holds this object's monitor briefly; nothing is called out from under it but
 * the health predicate, which only reads).
 */
final class Placements {

    /** What a node's loss or return means for one room. */
    enum Decision {
        /** Not this room's node (or nothing of the room there): the room hears nothing. */
        IGNORE,
        /** Tell the room (its node was lost and no other takes it: it waits; or its node is back). */
        FORWARD,
        /** The room was lost with its node and moved to another healthy node: tell it lost, then restored. */
        MOVED,
        /** The room left this node when it was lost; the node is back: remove what is left of the room there. */
        CLEAN_UP
    }

    private record Room(String node, RoomSpec spec, boolean lost, Set<String> former) {
    }

    private record Endpoint(String node, MediaRoomId room) {
    }

    private final List<String> order;
    private final Map<MediaRoomId, Room> rooms = new HashMap<>();
    private final Map<EndpointId, Endpoint> endpoints = new HashMap<>();
    private final Set<String> drained = new HashSet<>();
    private volatile NodeLoads elsewhere = NodeLoads.NONE;

    Placements(List<String> order) {
        this.order = List.copyOf(order);
    }

    /** Whose load is added to ours when a room is placed (the other application instances'). */
    void elsewhere(NodeLoads loads) {
        this.elsewhere = loads;
    }

    /**
     * The node of the room, placing it on the least-loaded healthy undrained node if it has none.
     *
     * @return the node, and whether this call placed it; empty if it has none and no node takes it
     */
    synchronized Optional<Placed> place(RoomSpec spec, Predicate<String> healthy) {
        Room r = rooms.get(spec.id());
        if (r != null) {
            return Optional.of(new Placed(r.node(), false));
        }
        Optional<String> node = NodeChoice.choose(candidates(healthy), Set.of());
        node.ifPresent(n -> rooms.put(spec.id(), new Room(n, spec, false, Set.of())));
        return node.map(n -> new Placed(n, true));
    }

    /** Places the room on {@code node} (a claimed room: it is there already); false if it is placed already. */
    synchronized boolean placeOn(RoomSpec spec, String node) {
        if (rooms.containsKey(spec.id())) {
            return false;
        }
        rooms.put(spec.id(), new Room(node, spec, false, Set.of()));
        return true;
    }

    record Placed(String node, boolean fresh) {
    }

    /** Forgets the room (destroyed, or its first creation failed) and its endpoints. */
    synchronized void forget(MediaRoomId room) {
        rooms.remove(room);
        endpoints.values().removeIf(e -> e.room().equals(room));
    }

    synchronized String nodeOf(MediaRoomId room) {
        Room r = rooms.get(room);
        return r == null ? null : r.node();
    }

    synchronized String nodeOf(EndpointId endpoint) {
        Endpoint e = endpoints.get(endpoint);
        return e == null ? null : e.node();
    }

    synchronized void opened(EndpointId endpoint, String node, MediaRoomId room) {
        endpoints.put(endpoint, new Endpoint(node, room));
    }

    synchronized void closed(EndpointId endpoint) {
        endpoints.remove(endpoint);
    }

    /** {@code node} was lost: what it means for {@code room}; a room moved is placed on its new node. */
    synchronized Decision lost(MediaRoomId room, String node, Predicate<String> healthy) {
        Room r = rooms.get(room);
        if (r == null || !r.node().equals(node)) {
            return Decision.IGNORE;
        }
        endpoints.values().removeIf(e -> e.room().equals(room));
        Optional<String> other = NodeChoice.choose(candidates(healthy), Set.of(node));
        if (other.isPresent()) {
            rooms.put(room, new Room(other.get(), r.spec(), false, with(r.former(), node)));
            return Decision.MOVED;
        }
        rooms.put(room, new Room(node, r.spec(), true, r.former()));
        return Decision.FORWARD;
    }

    /**
     * {@code node} is connected again: what it means for {@code room}. A room still waiting on its lost node moves
     * to the least-loaded healthy node (this one or another).
     */
    synchronized Decision restored(MediaRoomId room, String node, Predicate<String> healthy) {
        Room r = rooms.get(room);
        if (r == null) {
            return Decision.FORWARD; // not placed yet (no node took it): let it try again
        }
        if (r.node().equals(node)) {
            rooms.put(room, new Room(node, r.spec(), false, r.former()));
            return Decision.FORWARD;
        }
        if (r.lost() && !healthy.test(r.node())) {
            Optional<String> other = NodeChoice.choose(candidates(healthy), Set.of(r.node()));
            if (other.isPresent()) {
                rooms.put(room, new Room(other.get(), r.spec(), false, with(r.former(), r.node())));
                return Decision.FORWARD;
            }
        }
        if (r.former().contains(node)) {
            Set<String> former = new HashSet<>(r.former());
            former.remove(node);
            rooms.put(room, new Room(r.node(), r.spec(), r.lost(), Set.copyOf(former)));
            return Decision.CLEAN_UP;
        }
        return Decision.IGNORE;
    }

    /** The room's spec (id and secret), or null if it is not placed. */
    synchronized RoomSpec spec(MediaRoomId room) {
        Room r = rooms.get(room);
        return r == null ? null : r.spec();
    }

    synchronized void drain(String node, boolean drain) {
        if (drain) {
            drained.add(node);
        } else {
            drained.remove(node);
        }
    }

    synchronized boolean drained(String node) {
        return drained.contains(node);
    }

    synchronized int rooms(String node) {
        return (int) rooms.values().stream().filter(r -> r.node().equals(node)).count();
    }

    synchronized int endpoints(String node) {
        return (int) endpoints.values().stream().filter(e -> e.node().equals(node)).count();
    }

    /** Every node as the choice sees it, in the configured order. Caller holds the monitor. */
    private List<NodeChoice.Candidate> candidates(Predicate<String> healthy) {
        Map<String, int[]> counts = new HashMap<>();
        for (String n : order) {
            counts.put(n, new int[2]);
        }
        rooms.values().forEach(r -> counts.get(r.node())[0]++);
        endpoints.values().forEach(e -> counts.get(e.node())[1]++);
        Map<String, NodeLoads.Load> others = elsewhere.elsewhere();
        List<NodeChoice.Candidate> all = new ArrayList<>();
        for (String n : order) {
            NodeLoads.Load o = others.getOrDefault(n, new NodeLoads.Load(0, 0));
            all.add(new NodeChoice.Candidate(n, healthy.test(n), drained.contains(n), counts.get(n)[0] + o.rooms(),
                    counts.get(n)[1] + o.endpoints()));
        }
        return all;
    }

    private static Set<String> with(Set<String> set, String more) {
        Set<String> s = new HashSet<>(set);
        s.add(more);
        return Set.copyOf(s);
    }
}
