package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lianxin.web.cluster.RoomTakeoverRule.Decision;
import org.lianxin.web.cluster.RoomTakeoverRule.Way;
import org.lianxin.web.cluster.RoomTakeoverRule.Why;

/** How a room taken over from a lost owner gets its media: claim the owner's Janus session, or build anew. */
class RoomTakeoverRuleTest {
    static final Set<String> NODES = Set.of("janus-1", "janus-2");

    static RoomMedia record(long epoch, String node, long session, List<RoomMedia.Endpoint> endpoints) {
        return new RoomMedia("r1", epoch, node, session, 77, "secret", Instant.parse("2026-12-03T06:00:00Z"),
                endpoints);
    }

    static final List<RoomMedia.Endpoint> TWO = List.of(RoomMedia.Endpoint.publisher(11, "leader", 501),
            RoomMedia.Endpoint.subscriber(12, "leader", List.of("visitor")));

    @Test
    void theRecordOfThePreviousTenureIsClaimed() {
        RoomMedia r = record(4, "janus-2", 9001, TWO);

        Decision d = RoomTakeoverRule.decide(Optional.of(r), 5, NODES);

        assertThat(d.way()).isEqualTo(Way.CLAIM);
        assertThat(d.why()).isEqualTo(Why.CLAIMABLE);
        assertThat(d.record()).isSameAs(r);
    }

    @Test
    void withoutARecordTheRoomIsBuiltAnew() {
        assertThat(RoomTakeoverRule.decide(Optional.empty(), 5, NODES))
                .isEqualTo(new Decision(Way.REBUILD, Why.NO_RECORD, null));
    }

    @Test
    void aRecordOfAnOlderTenureIsStaleAndOneOfALaterTenureIsNeverTrusted() {
        // epoch 3 wrote it, epoch 4 owned the room without writing, this instance took epoch 5
        assertThat(RoomTakeoverRule.decide(Optional.of(record(3, "janus-1", 9001, TWO)), 5, NODES).why())
                .isEqualTo(Why.STALE_RECORD);
        assertThat(RoomTakeoverRule.decide(Optional.of(record(5, "janus-1", 9001, TWO)), 5, NODES).why())
                .isEqualTo(Why.STALE_RECORD);
    }

    @Test
    void aNodeThisInstanceDoesNotKnowCannotBeClaimedOn() {
        Decision d = RoomTakeoverRule.decide(Optional.of(record(4, "janus-9", 9001, TWO)), 5, NODES);

        assertThat(d.way()).isEqualTo(Way.REBUILD);
        assertThat(d.why()).isEqualTo(Why.UNKNOWN_NODE);
    }

    @Test
    void aRecordWithoutSessionOrEndpointsHasNothingToClaim() {
        assertThat(RoomTakeoverRule.decide(Optional.of(record(4, "janus-1", 0, TWO)), 5, NODES).why())
                .isEqualTo(Why.NOTHING_TO_CLAIM);
        assertThat(RoomTakeoverRule.decide(Optional.of(record(4, "janus-1", 9001, List.of())), 5, NODES).why())
                .isEqualTo(Why.NOTHING_TO_CLAIM);
    }
}
