package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lianxin.web.cluster.RoomPlacementRule.Decision;
import org.lianxin.web.cluster.RoomPlacementRule.Purpose;

/** Where a live room belongs, from its lease's row: every row against both purposes. */
class RoomPlacementRuleTest {
    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    static final String ME = "host-a:1:01";

    static Optional<LeaseOwner> row(String holder, String node, Instant until) {
        return Optional.of(new LeaseOwner(holder, node, 4, until));
    }

    @Test
    void aRoomNobodyHoldsIsOpenedHereButAJoinForItFindsNoRoom() {
        assertThat(RoomPlacementRule.decide(Purpose.OPEN, Optional.empty(), ME, "app1", NOW).kind())
                .isEqualTo(Decision.Kind.TAKE);
        assertThat(RoomPlacementRule.decide(Purpose.JOIN, Optional.empty(), ME, "app1", NOW).kind())
                .isEqualTo(Decision.Kind.NOT_FOUND);
    }

    @Test
    void aRoomAnotherInstanceRenewsIsThere() {
        Optional<LeaseOwner> held = row("host-b:2:02", "app2", NOW.plusSeconds(1));
        for (Purpose p : Purpose.values()) {
            Decision d = RoomPlacementRule.decide(p, held, ME, "app1", NOW);
            assertThat(d.kind()).as(p.name()).isEqualTo(Decision.Kind.ELSEWHERE);
            assertThat(d.node()).isEqualTo("app2");
        }
    }

    @Test
    void aRoomWhoseHolderStoppedRenewingIsTakenHereForEitherPurpose() {
        Optional<LeaseOwner> lapsed = row("host-b:2:02", "app2", NOW);
        for (Purpose p : Purpose.values()) {
            assertThat(RoomPlacementRule.decide(p, lapsed, ME, "app1", NOW).kind()).as(p.name()).isEqualTo(Decision.Kind.TAKE);
            assertThat(RoomPlacementRule.decide(p, row("host-b:2:02", "app2", NOW.minusSeconds(30)), ME, "app1", NOW).kind())
                    .isEqualTo(Decision.Kind.TAKE);
        }
    }

    @Test
    void aRoomThisInstanceHoldsStaysHereEvenPastItsTerm() {
        for (Purpose p : Purpose.values()) {
            assertThat(RoomPlacementRule.decide(p, row(ME, "app1", NOW.plusSeconds(3)), ME, "app1", NOW).kind())
                    .isEqualTo(Decision.Kind.TAKE);
            assertThat(RoomPlacementRule.decide(p, row(ME, "app1", NOW.minusSeconds(3)), ME, "app1", NOW).kind())
                    .isEqualTo(Decision.Kind.TAKE);
        }
    }

    @Test
    void aRoomHeldByThisInstancesPreviousRunIsTakenAtOnceNotAwaited() {
        Optional<LeaseOwner> before = row("host-a:1:99", "app1", NOW.plusSeconds(5)); // killed, restarted as host-a:1:01
        for (Purpose p : Purpose.values()) {
            assertThat(RoomPlacementRule.decide(p, before, ME, "app1", NOW).kind()).isEqualTo(Decision.Kind.TAKE);
            assertThat(RoomPlacementRule.decide(p, before, ME, "app2", NOW).kind()).isEqualTo(Decision.Kind.ELSEWHERE);
        }
    }

    @Test
    void anOwnerWithoutAPublicNameIsStillElsewhereWithNoNameToRouteTo() {
        Decision d = RoomPlacementRule.decide(Purpose.JOIN, row("host-b:2:02", null, NOW.plusSeconds(5)), ME, "app1", NOW);
        assertThat(d.kind()).isEqualTo(Decision.Kind.ELSEWHERE);
        assertThat(d.node()).isNull();
    }

    @Test
    void aRoomWhoseHolderIsDeadByItsLockIsTakenOverAtOnceWhileItsTermStillRuns() {
        Optional<LeaseOwner> held = row("host-b:2:02", "app2", NOW.plusSeconds(5));
        for (Purpose p : Purpose.values()) {
            assertThat(RoomPlacementRule.decide(p, held, ME, "app1", NOW, true).kind()).as(p.name())
                    .isEqualTo(Decision.Kind.TAKE_OVER);
            assertThat(RoomPlacementRule.decide(p, held, ME, "app1", NOW, false).kind()).as(p.name())
                    .isEqualTo(Decision.Kind.ELSEWHERE);
        }
        // lapsed, ours, or our previous run's: the plain take, whatever the lock says
        assertThat(RoomPlacementRule.decide(Purpose.JOIN, row("host-b:2:02", "app2", NOW), ME, "app1", NOW, true)
                .kind()).isEqualTo(Decision.Kind.TAKE);
        assertThat(RoomPlacementRule.decide(Purpose.JOIN, row(ME, "app1", NOW.plusSeconds(5)), ME, "app1", NOW, true)
                .kind()).isEqualTo(Decision.Kind.TAKE);
        // a room nobody holds: the lock changes nothing
        assertThat(RoomPlacementRule.decide(Purpose.JOIN, Optional.empty(), ME, "app1", NOW, true).kind())
                .isEqualTo(Decision.Kind.NOT_FOUND);
    }
}
