package org.lianxin.web.live;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.nodes.NodeLoads;

/**
 * The other instances' load per media node, pure (issue 14): the sum, per node, of the rooms and endpoints every other
 * instance reported, counting only reports younger than {@code staleAfter} (an instance that stopped reporting has
 * stopped or lost the database; its rooms are gone or will be taken over and reported by their new owner).
 */
final class NodeLoadSums {

    private NodeLoadSums() {
    }

    /** One instance's report for one node (times by the database's clock). */
    record Report(String node, String instance, int rooms, int endpoints, Instant reportedAt) {
    }

    /** Whether {@code r} still counts at {@code now}. */
    static boolean live(Report r, Instant now, Duration staleAfter) {
        return r.reportedAt().isAfter(now.minus(staleAfter));
    }

    /** The sums of the live reports of every instance but {@code me}, by node. */
    static Map<String, NodeLoads.Load> elsewhere(List<Report> reports, String me, Instant now, Duration staleAfter) {
        Map<String, int[]> sums = new HashMap<>();
        for (Report r : reports) {
            if (r.instance().equals(me) || !live(r, now, staleAfter)) continue;
            int[] s = sums.computeIfAbsent(r.node(), n -> new int[2]);
            s[0] += r.rooms();
            s[1] += r.endpoints();
        }
        Map<String, NodeLoads.Load> out = new HashMap<>();
        sums.forEach((node, s) -> out.put(node, new NodeLoads.Load(s[0], s[1])));
        return Map.copyOf(out);
    }
}
