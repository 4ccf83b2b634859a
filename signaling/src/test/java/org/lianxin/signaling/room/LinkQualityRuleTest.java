package org.lianxin.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.LinkLevel;
import org.lianxin.signaling.protocol.LinkStats;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.room.RoomTest.MutableClock;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/** Link reports in a room: thresholds, the rate limit, who is told, and the bad-link periods for the timeline. */
class LinkQualityRuleTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final SessionRef BOOKING = SessionRef.reception("booking-42");
    private static final String ROOM = "room-7";
    private static final Duration EVERY = Duration.ofSeconds(2);

    private static final LinkStats GOOD = new LinkStats(0.5, 0, 40, 900, 600, 0);
    private static final LinkStats POOR_LOSS = new LinkStats(5, 0, 40, 700, 600, 0);
    private static final LinkStats BAD_LOSS = new LinkStats(18.3, 0, 60, 300, 600, 0);

    private final MutableClock clock = new MutableClock(T0);
    private final Room room = new Room(ROOM, BOOKING, RoomSettings.defaults(), clock);

    // ------------------------------------------------------------------ thresholds

    @Test
    void eachMeasureCanMakeALinkPoorOrBad() {
        assertThat(LinkQualityRule.levelOf(new LinkStats(0, 0, null, 0, 0, 0))).isEqualTo(LinkLevel.GOOD);
        assertThat(LinkQualityRule.levelOf(new LinkStats(2.9, 0, 399, 500, 500, 0))).isEqualTo(LinkLevel.GOOD);
        assertThat(LinkQualityRule.levelOf(new LinkStats(3, 0, 20, 500, 500, 0))).isEqualTo(LinkLevel.POOR);
        assertThat(LinkQualityRule.levelOf(new LinkStats(0, 0, 400, 500, 500, 0))).isEqualTo(LinkLevel.POOR);
        assertThat(LinkQualityRule.levelOf(new LinkStats(0, 0, 20, 500, 500, 1))).isEqualTo(LinkLevel.POOR);
        assertThat(LinkQualityRule.levelOf(new LinkStats(9.9, 0, 999, 500, 500, 2))).isEqualTo(LinkLevel.POOR);
        assertThat(LinkQualityRule.levelOf(new LinkStats(10, 0, 20, 500, 500, 0))).isEqualTo(LinkLevel.BAD);
        assertThat(LinkQualityRule.levelOf(new LinkStats(0, 0, 1000, 500, 500, 0))).isEqualTo(LinkLevel.BAD);
        assertThat(LinkQualityRule.levelOf(new LinkStats(0, 0, 20, 500, 500, 3))).isEqualTo(LinkLevel.BAD);
    }

    @Test
    void theLossOfWhatItSendsCountsForTheLevelButNotForWhatItReceives() {
        LinkStats sendsBadly = new LinkStats(0, 15, 40, 900, 600, 0);

        assertThat(LinkQualityRule.levelOf(sendsBadly)).isEqualTo(LinkLevel.BAD);
        assertThat(LinkQualityRule.receiveLevelOf(sendsBadly)).isEqualTo(LinkLevel.GOOD);
    }

    @Test
    void freezesShowInTheLevelButDoNotChooseTheVideoLayer() {
        LinkStats frozen = new LinkStats(0, 0, 40, 900, 600, 4);

        assertThat(LinkQualityRule.levelOf(frozen)).isEqualTo(LinkLevel.BAD);
        assertThat(LinkQualityRule.receiveLevelOf(frozen)).isEqualTo(LinkLevel.GOOD);
        assertThat(LinkQualityRule.receiveLevelOf(new LinkStats(0, 0, 450, 900, 600, 0))).isEqualTo(LinkLevel.POOR);
        assertThat(LinkQualityRule.receiveLevelOf(new LinkStats(12, 0, 40, 900, 600, 0))).isEqualTo(LinkLevel.BAD);
    }

    // ------------------------------------------------------------------ who is told

    @Test
    void theReporterAndTheConnectedHostsAreToldTheVerdictWithTheNumbers() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        admittedPetitioner();

        Transition t = room.handle("petitioner", new ClientMessage.LinkReport(POOR_LOSS));

        assertThat(t.refused()).isFalse();
        ServerMessage verdict = new ServerMessage.LinkQuality("petitioner", LinkLevel.POOR, POOR_LOSS);
        assertThat(t.messagesTo("petitioner")).containsExactly(verdict);
        assertThat(t.messagesTo("leader")).containsExactly(verdict);
        assertThat(t.messagesTo("official")).as("only hosts see others' links").isEmpty();
        assertThat(switchIn(t, POOR_LOSS)).as("it receives poorly: the reduced layer").isEqualTo(reduced());
        assertThat(t.events()).as("no period has ended yet").isEmpty();
    }

    @Test
    void aHostsOwnReportGoesToItselfOnly() {
        join("leader", Role.HOST);
        admittedPetitioner();

        Transition t = room.handle("leader", new ClientMessage.LinkReport(GOOD));

        assertThat(t.messages()).extracting(Outbound::participantId).containsExactly("leader");
    }

    @Test
    void aReportFromSomeoneNotJoinedIsRefusedAsSuch() {
        join("leader", Role.HOST);

        Transition t = room.handle("stranger", new ClientMessage.LinkReport(GOOD));

        assertThat(t.refusalCode()).isEqualTo(ErrorCode.ROOM_NOT_JOINED);
        assertThat(t.messages()).isEmpty();
    }

    // ------------------------------------------------------------------ rate limit

    @Test
    void aReportTooSoonAfterTheLastIsRefusedAndChangesNothing() {
        join("leader", Role.HOST);
        admittedPetitioner();
        room.handle("petitioner", new ClientMessage.LinkReport(GOOD));
        clock.advance(LinkQualityRule.MIN_INTERVAL.minusMillis(1));

        Transition t = room.handle("petitioner", new ClientMessage.LinkReport(BAD_LOSS));

        assertThat(t.refusalCode()).isEqualTo(ErrorCode.TRANSPORT_TOO_FREQUENT);
        assertThat(t.refusalCode().number()).isEqualTo(106);
        assertThat(t.messages()).isEmpty();
        assertThat(t.events()).isEmpty();
        // the refused report did not count: the next one, on time, is judged on its own
        clock.advance(Duration.ofMillis(1));
        Transition next = room.handle("petitioner", new ClientMessage.LinkReport(GOOD));
        assertThat(next.refused()).isFalse();
        assertThat(verdictTo("leader", next).level()).isEqualTo(LinkLevel.GOOD);
    }

    @Test
    void eachParticipantHasItsOwnRateLimit() {
        join("leader", Role.HOST);
        admittedPetitioner();

        assertThat(room.handle("petitioner", new ClientMessage.LinkReport(GOOD)).refused()).isFalse();
        assertThat(room.handle("leader", new ClientMessage.LinkReport(GOOD)).refused()).isFalse();
    }

    // ------------------------------------------------------------------ level and periods

    @Test
    void theLevelFallsAtOnceAndRecoversOnlyAfterTwoBetterReports() {
        join("leader", Role.HOST);
        admittedPetitioner();

        assertThat(report(GOOD)).isEqualTo(LinkLevel.GOOD);
        assertThat(report(BAD_LOSS)).isEqualTo(LinkLevel.BAD);
        assertThat(report(GOOD)).as("one good report after a bad one").isEqualTo(LinkLevel.BAD);
        assertThat(report(GOOD)).isEqualTo(LinkLevel.GOOD);
    }

    @Test
    void aBadLinkPeriodRunsFromTheFirstNotGoodReportToTheFirstGoodOneWithTheWorstMeasures() {
        join("leader", Role.HOST);
        admittedPetitioner();
        report(GOOD);
        Instant start = clock.instant().plus(EVERY);
        report(POOR_LOSS);
        report(BAD_LOSS);
        report(new LinkStats(4, 0, 820, 500, 600, 0)); // still poor, slower
        Instant firstGood = clock.instant().plus(EVERY);
        assertThat(room.handle("petitioner", report(GOOD, 1)).events()).as("one good report").isEmpty();

        Transition t = room.handle("petitioner", report(GOOD, 1));

        assertThat(t.events()).containsExactly(new RoomEvent.BadLinkPeriod("petitioner", Role.PETITIONER, start,
                LinkLevel.BAD, 18.3, 820, firstGood));
        // a new period starts afresh
        report(POOR_LOSS);
        report(GOOD);
        assertThat(room.handle("petitioner", report(GOOD, 1)).events()).singleElement()
                .isEqualTo(new RoomEvent.BadLinkPeriod("petitioner", Role.PETITIONER,
                        clock.instant().minus(EVERY.multipliedBy(2)), LinkLevel.POOR, 5, 40,
                        clock.instant().minus(EVERY)));
    }

    @Test
    void anOpenPeriodEndsWhenItsParticipantLeavesBeforeTheLeaveIsTold() {
        join("leader", Role.HOST);
        admittedPetitioner();
        Instant start = clock.instant().plus(EVERY);
        report(BAD_LOSS);
        clock.advance(Duration.ofSeconds(3));

        Transition t = room.handle("petitioner", new ClientMessage.Leave());

        assertThat(t.events()).first().isEqualTo(new RoomEvent.BadLinkPeriod("petitioner", Role.PETITIONER, start,
                LinkLevel.BAD, 18.3, 60, clock.instant()));
        assertThat(t.events()).last().isInstanceOf(RoomEvent.ParticipantLeft.class);
    }

    @Test
    void openPeriodsEndWithTheSessionBeforeItsEnd() {
        join("leader", Role.HOST);
        admittedPetitioner();
        report(POOR_LOSS);
        room.handle("leader", new ClientMessage.LinkReport(new LinkStats(0, 0, null, 0, 0, 2)));

        Transition t = room.end(EndReason.HOST);

        List<RoomEvent> events = t.events();
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.BadLinkPeriod)
                .extracting(e -> ((RoomEvent.BadLinkPeriod) e).participantId())
                .containsExactlyInAnyOrder("petitioner", "leader");
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.BadLinkPeriod)
                .extracting(e -> ((RoomEvent.BadLinkPeriod) e).worstRttMs()).contains((Integer) null);
        assertThat(events).last().isInstanceOf(RoomEvent.SessionEnded.class);
    }

    @Test
    void aGoodLinkLeavesNothingInTheTimeline() {
        join("leader", Role.HOST);
        admittedPetitioner();
        report(GOOD);
        report(GOOD);

        assertThat(room.end(EndReason.HOST).events()).noneMatch(e -> e instanceof RoomEvent.BadLinkPeriod);
    }

    // ------------------------------------------------------------------ the video layer it receives

    @Test
    void aPoorReceivingLinkGetsTheReducedLayerAtOnceAndTheFullOneAfterItWasGoodForTheHold() {
        join("leader", Role.HOST);
        admittedPetitioner();
        assertThat(layerAfter(GOOD)).as("full from the start: nothing to say").isNull();

        assertThat(layerAfter(BAD_LOSS)).isEqualTo(reduced());
        assertThat(layerAfter(POOR_LOSS)).as("already reduced").isNull();
        // good from now: the full layer once the hold (10 s) has passed since the first good report
        for (int i = 0; i < 5; i++) {
            assertThat(layerAfter(GOOD)).as("good report %s (%s s)", i, i * 2).isNull();
        }
        assertThat(layerAfter(GOOD)).isEqualTo(full());
    }

    @Test
    void aFullLayerThatTurnsTheLinkBadAgainSoonIsTriedAgainOnlyAfterADoubledHold() {
        join("leader", Role.HOST);
        admittedPetitioner();
        layerAfter(BAD_LOSS);
        Duration firstHold = timeToFull();
        assertThat(firstHold).isEqualTo(ReceiveLayerRule.FIRST_HOLD);

        // the full layer is too much for the link: bad within the probe time → reduced, with twice the hold
        assertThat(layerAfter(BAD_LOSS)).isEqualTo(reduced());
        assertThat(timeToFull()).isEqualTo(ReceiveLayerRule.FIRST_HOLD.multipliedBy(2));
        layerAfter(BAD_LOSS);
        assertThat(timeToFull()).isEqualTo(ReceiveLayerRule.FIRST_HOLD.multipliedBy(4));

        // the full layer holds beyond the probe time: a later bad patch starts again from the first hold
        for (int i = 0; i < 10; i++) {
            assertThat(layerAfter(GOOD)).isNull();
        }
        layerAfter(BAD_LOSS);
        assertThat(timeToFull()).isEqualTo(ReceiveLayerRule.FIRST_HOLD);
    }

    @Test
    void theHoldNeverGrowsBeyondItsMaximum() {
        join("leader", Role.HOST);
        admittedPetitioner();
        Duration hold = Duration.ZERO;
        for (int i = 0; i < 8; i++) {
            layerAfter(BAD_LOSS);
            hold = timeToFull();
        }
        assertThat(hold).isEqualTo(ReceiveLayerRule.MAX_HOLD);
    }

    @Test
    void onlyTheReceivingSideChoosesTheLayer() {
        join("leader", Role.HOST);
        admittedPetitioner();

        assertThat(layerAfter(new LinkStats(0, 40, 30, 900, 100, 0))).as("only its upload is bad").isNull();
    }

    private static Map.Entry<String, ReceiveQuality> reduced() {
        return Map.entry("petitioner", ReceiveQuality.REDUCED);
    }

    private static Map.Entry<String, ReceiveQuality> full() {
        return Map.entry("petitioner", ReceiveQuality.FULL);
    }

    /** Reports good links until the full layer comes back; how long after the first good report it came. */
    private Duration timeToFull() {
        Instant firstGood = clock.instant().plus(EVERY);
        for (int i = 0; i < 200; i++) {
            if (layerAfter(GOOD) != null) {
                return Duration.between(firstGood, clock.instant());
            }
        }
        throw new AssertionError("the full layer never came back");
    }

    /** The layer switch one report (a period later) asks of the media (who, which layer), or null. */
    private Map.Entry<String, ReceiveQuality> layerAfter(LinkStats stats) {
        Transition t = room.handle("petitioner", report(stats, 1));
        assertThat(t.refused()).isFalse();
        return switchIn(t, stats);
    }

    /** The layer switch in {@code t}, which says the report that decided it; null if none. */
    private static Map.Entry<String, ReceiveQuality> switchIn(Transition t, LinkStats because) {
        assertThat(t.media()).hasSizeLessThanOrEqualTo(1);
        if (t.media().isEmpty()) {
            return null;
        }
        MediaAction.SetReceiveQuality s = (MediaAction.SetReceiveQuality) t.media().get(0);
        assertThat(s.because()).isEqualTo(because);
        return Map.entry(s.participantId(), s.quality());
    }

    // ------------------------------------------------------------------ helpers

    /** Advances the clock by one reporting period, reports, and returns the level the leader was told. */
    private LinkLevel report(LinkStats stats) {
        Transition t = room.handle("petitioner", report(stats, 1));
        assertThat(t.refused()).as("refused: %s", t.refusal()).isFalse();
        return verdictTo("leader", t).level();
    }

    private ClientMessage report(LinkStats stats, int periods) {
        clock.advance(EVERY.multipliedBy(periods));
        return new ClientMessage.LinkReport(stats);
    }

    private static ServerMessage.LinkQuality verdictTo(String who, Transition t) {
        return (ServerMessage.LinkQuality) t.messagesTo(who).stream()
                .filter(m -> m instanceof ServerMessage.LinkQuality).findFirst().orElseThrow();
    }

    private void admittedPetitioner() {
        join("petitioner", Role.PETITIONER);
        assertThat(room.handle("leader", new ClientMessage.Admit("petitioner")).refused()).isFalse();
    }

    private Transition join(String id, Role role) {
        Transition t = room.join(new JoinGrant(BOOKING, ROOM, role, id, "name of " + id),
                new ConnectionId("conn-" + id));
        assertThat(t.refused()).as("join of %s refused: %s", id, t.refusal()).isFalse();
        return t;
    }
}
