package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.nodes.NodeLoads;

class NodeLoadSumsTest {
    static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    static final Duration STALE = Duration.ofSeconds(9);

    static NodeLoadSums.Report report(String node, String instance, int rooms, int endpoints, int secondsAgo) {
        return new NodeLoadSums.Report(node, instance, rooms, endpoints, NOW.minusSeconds(secondsAgo));
    }

    @Test
    void theOtherLiveInstancesReportsAreSummedPerNodeAndOursAndStaleOnesLeftOut() {
        List<NodeLoadSums.Report> reports = List.of(
                report("janus-a", "app-1", 3, 8, 1), // ours: counted by MediaNodes itself
                report("janus-a", "app-2", 2, 5, 2),
                report("janus-a", "app-3", 1, 2, 8),
                report("janus-b", "app-2", 4, 9, 0),
                report("janus-b", "app-3", 7, 7, 9), // exactly stale
                report("janus-c", "app-4", 6, 6, 60)); // an instance gone a minute ago

        assertThat(NodeLoadSums.elsewhere(reports, "app-1", NOW, STALE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "janus-a", new NodeLoads.Load(3, 7),
                "janus-b", new NodeLoads.Load(4, 9)));
        assertThat(NodeLoadSums.elsewhere(reports, "app-2", NOW, STALE)).containsEntry("janus-a",
                new NodeLoads.Load(4, 10));
        assertThat(NodeLoadSums.elsewhere(List.of(), "app-1", NOW, STALE)).isEmpty();
    }

    @Test
    void aReportCountsUntilItIsAsOldAsTheStaleLimit() {
        assertThat(NodeLoadSums.live(report("n", "i", 1, 1, 8), NOW, STALE)).isTrue();
        assertThat(NodeLoadSums.live(report("n", "i", 1, 1, 9), NOW, STALE)).isFalse();
        assertThat(NodeLoadSums.live(report("n", "i", 1, 1, -2), NOW, STALE)).as("a clock a little ahead").isTrue();
    }
}
