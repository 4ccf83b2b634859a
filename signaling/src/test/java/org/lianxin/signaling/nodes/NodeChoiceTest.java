package org.lianxin.signaling.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.nodes.NodeChoice.Candidate;

class NodeChoiceTest {

    static Candidate up(String name, int rooms, int endpoints) {
        return new Candidate(name, true, false, rooms, endpoints);
    }

    @Test
    void theNodeWithFewestRoomsTakesTheNewRoom() {
        assertThat(NodeChoice.choose(List.of(up("a", 3, 2), up("b", 1, 9), up("c", 2, 0)))).contains("b");
    }

    @Test
    void equalRoomsTheFewestEndpointsThenTheConfiguredOrderDecide() {
        assertThat(NodeChoice.choose(List.of(up("a", 2, 6), up("b", 2, 4), up("c", 2, 5)))).contains("b");
        assertThat(NodeChoice.choose(List.of(up("a", 2, 4), up("b", 2, 4)))).contains("a");
        assertThat(NodeChoice.choose(List.of(up("b", 0, 0), up("a", 0, 0)))).contains("b");
    }

    @Test
    void aNodeNotConnectedIsNeverChosenHoweverIdle() {
        assertThat(NodeChoice.choose(List.of(new Candidate("a", false, false, 0, 0), up("b", 7, 20)))).contains("b");
    }

    @Test
    void aDrainedNodeTakesNoNewRoom() {
        assertThat(NodeChoice.choose(List.of(new Candidate("a", true, true, 0, 0), up("b", 7, 20)))).contains("b");
    }

    @Test
    void anExcludedNodeIsSkipped() {
        assertThat(NodeChoice.choose(List.of(up("a", 0, 0), up("b", 5, 5)), Set.of("a"))).contains("b");
    }

    @Test
    void noneWhenEveryNodeIsDownDrainedOrExcluded() {
        assertThat(NodeChoice.choose(List.of(new Candidate("a", false, false, 0, 0), new Candidate("b", true, true, 0, 0),
                up("c", 0, 0)), Set.of("c"))).isEmpty();
        assertThat(NodeChoice.choose(List.of())).isEmpty();
    }

    @Test
    void countsCannotBeNegative() {
        assertThatThrownBy(() -> new Candidate("a", true, false, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
