package org.lianxin.signaling.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;

/** Placing rooms with the other application instances' load added to this one's (issue 14). */
class PlacementsTest {
    static RoomSpec room(long id) {
        return RoomSpec.of(new MediaRoomId(id), "s");
    }

    @Test
    void aRoomGoesToTheNodeWithFewerRoomsClusterWideNotOnlyHere() {
        Placements alone = new Placements(List.of("a", "b"));
        assertThat(alone.place(room(1), n -> true).orElseThrow().node()).isEqualTo("a");

        AtomicReference<Map<String, NodeLoads.Load>> others = new AtomicReference<>(
                Map.of("a", new NodeLoads.Load(2, 4)));
        Placements shared = new Placements(List.of("a", "b"));
        shared.elsewhere(others::get);
        assertThat(shared.place(room(1), n -> true).orElseThrow().node()).as("a: 2 rooms elsewhere").isEqualTo("b");
        assertThat(shared.place(room(2), n -> true).orElseThrow().node()).as("a 2, b 1").isEqualTo("b");
        assertThat(shared.place(room(3), n -> true).orElseThrow().node()).as("a 2, b 2: then endpoints (a 4)")
                .isEqualTo("b");
        others.set(Map.of());
        assertThat(shared.place(room(4), n -> true).orElseThrow().node()).as("the others' rooms ended").isEqualTo("a");
        assertThat(shared.rooms("b")).as("the status counts this instance's own").isEqualTo(3);
    }

    @Test
    void aLostNodesRoomMovesToTheLeastLoadedOtherNodeClusterWide() {
        Placements shared = new Placements(List.of("a", "b", "c"));
        shared.elsewhere(() -> Map.of("b", new NodeLoads.Load(5, 0)));
        shared.place(room(1), n -> n.equals("a"));
        assertThat(shared.lost(new MediaRoomId(1), "a", n -> !n.equals("a"))).isEqualTo(Placements.Decision.MOVED);
        assertThat(shared.nodeOf(new MediaRoomId(1))).isEqualTo("c");
    }
}
