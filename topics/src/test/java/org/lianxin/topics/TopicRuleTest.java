package org.lianxin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Detection without I/O: window edges, the threshold exactly met, bursts, open topics, reopening after a close. */
class TopicRuleTest {
    static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
    static final TopicKey HOUSING_JJ = new TopicKey("HOUSING", 4);
    static final TopicKey LABOUR_JJ = new TopicKey("LABOUR", 4);
    static final TopicKey HOUSING_QY = new TopicKey("HOUSING", 5);
    static final Thresholds FIVE_IN_30 = Thresholds.DEFAULT;
    long nextId = 100;

    List<Matter> matters(TopicKey key, Instant... at) {
        List<Matter> out = new ArrayList<>();
        for (Instant i : at) out.add(new Matter(nextId++, key, i));
        return out;
    }

    static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMillis((long) (days * 86_400_000L)));
    }

    static Optional<Decision> decide(KeyState s, List<Matter> m) {
        return TopicRule.decide(s, m, FIVE_IN_30, NOW);
    }

    @Test
    void theThresholdExactlyMetOpensATopicTriggeredByTheFifthMatter() {
        List<Matter> five = matters(HOUSING_JJ, daysAgo(20), daysAgo(1), daysAgo(10), daysAgo(3), daysAgo(0));
        Decision d = decide(KeyState.fresh(HOUSING_JJ), five).orElseThrow();
        assertThat(d).isInstanceOf(Decision.Open.class);
        Decision.Open open = (Decision.Open) d;
        assertThat(open.caseIds()).containsExactly(100L, 102L, 103L, 101L, 104L); // oldest first
        assertThat(open.triggeredAt()).isEqualTo(NOW);
        assertThat(open.thresholds()).isEqualTo(FIVE_IN_30);
    }

    @Test
    void oneBelowTheThresholdOpensNothing() {
        assertThat(decide(KeyState.fresh(HOUSING_JJ),
                matters(HOUSING_JJ, daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(4)))).isEmpty();
    }

    @Test
    void aMatterFiledExactlyOneWindowAgoCountsAndOneAMillisecondOlderDoesNot() {
        List<Matter> edge = matters(HOUSING_JJ, NOW.minus(Duration.ofDays(30)), daysAgo(1), daysAgo(2), daysAgo(3),
                daysAgo(4));
        assertThat(decide(KeyState.fresh(HOUSING_JJ), edge)).get().extracting(Decision::caseIds)
                .asList().hasSize(5).contains(100L);

        List<Matter> past = matters(HOUSING_JJ, NOW.minus(Duration.ofDays(30)).minusMillis(1), daysAgo(1), daysAgo(2),
                daysAgo(3), daysAgo(4));
        assertThat(decide(KeyState.fresh(HOUSING_JJ), past)).isEmpty();
    }

    @Test
    void moreThanTheThresholdAtOnceOpensOneTopicWithAllAndIsTriggeredAtTheThresholdTh() {
        List<Matter> seven = matters(HOUSING_JJ, daysAgo(7), daysAgo(6), daysAgo(5), daysAgo(4), daysAgo(3),
                daysAgo(2), daysAgo(1));
        Decision.Open open = (Decision.Open) decide(KeyState.fresh(HOUSING_JJ), seven).orElseThrow();
        assertThat(open.caseIds()).hasSize(7);
        assertThat(open.triggeredAt()).isEqualTo(daysAgo(3));
    }

    @Test
    void aKeyWithAnOpenTopicNeverOpensASecondOneButAddsEvenASingleNewMatter() {
        KeyState open = new KeyState(HOUSING_JJ, 9L, null);
        assertThat(decide(open, matters(HOUSING_JJ, daysAgo(0.01)))).get()
                .isEqualTo(new Decision.Attach(9L, HOUSING_JJ, List.of(100L)));
        List<Matter> burst = matters(HOUSING_JJ, daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(4), daysAgo(5),
                daysAgo(6));
        assertThat(decide(open, burst)).get().isInstanceOf(Decision.Attach.class)
                .extracting(Decision::caseIds).asList().hasSize(6);
        assertThat(decide(open, List.of())).isEmpty();
    }

    @Test
    void afterAClosePreviousMattersNeverCountAgainAndANewBurstOpensANewTopic() {
        Instant closed = daysAgo(5);
        KeyState afterClose = new KeyState(HOUSING_JJ, null, closed);
        // four left over from before the close (never attached) and four new: not five that count
        List<Matter> some = matters(HOUSING_JJ, daysAgo(9), daysAgo(8), daysAgo(7), closed, daysAgo(4), daysAgo(3),
                daysAgo(2), daysAgo(1));
        assertThat(decide(afterClose, some)).isEmpty();
        // the fifth new one: a new topic with the five new ones only
        List<Matter> more = new ArrayList<>(some);
        more.addAll(matters(HOUSING_JJ, daysAgo(0)));
        Decision.Open reopened = (Decision.Open) decide(afterClose, more).orElseThrow();
        assertThat(reopened.caseIds()).containsExactly(104L, 105L, 106L, 107L, 108L);
    }

    @Test
    void matterThatAgedOutOfTheWindowIsNotAddedToAnOpenTopic() {
        KeyState open = new KeyState(HOUSING_JJ, 9L, null);
        assertThat(decide(open, matters(HOUSING_JJ, daysAgo(31)))).isEmpty();
    }

    @Test
    void keysAreCountedApartAndDecidedInPlaceThenCategoryOrder() {
        List<Matter> all = new ArrayList<>();
        all.addAll(matters(HOUSING_QY, daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(4), daysAgo(5)));
        all.addAll(matters(LABOUR_JJ, daysAgo(1), daysAgo(2), daysAgo(3)));
        all.addAll(matters(HOUSING_JJ, daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(4), daysAgo(5)));
        all.addAll(matters(LABOUR_JJ, daysAgo(4)));
        List<Decision> ds = TopicRule.decideAll(Map.of(), all, k -> FIVE_IN_30, NOW);
        assertThat(ds).extracting(Decision::key).containsExactly(HOUSING_JJ, HOUSING_QY);
    }

    @Test
    void thresholdsApplyPerKeySoEachProvinceCanHaveItsOwn() {
        List<Matter> three = matters(LABOUR_JJ, daysAgo(50), daysAgo(40), daysAgo(1));
        Thresholds threeIn60 = new Thresholds(Duration.ofDays(60), 3);
        assertThat(TopicRule.decideAll(Map.of(), three, k -> threeIn60, NOW)).hasSize(1);
        assertThat(TopicRule.decideAll(Map.of(), three, k -> FIVE_IN_30, NOW)).isEmpty();
    }

    @Test
    void aStateOfAnotherKeyIsARefusedInput() {
        assertThatThrownBy(() -> decide(KeyState.fresh(HOUSING_JJ), matters(LABOUR_JJ, daysAgo(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thresholdsAreWholeDaysAndAtLeastTwoMatters() {
        assertThatThrownBy(() -> new Thresholds(Duration.ofHours(36), 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thresholds(Duration.ZERO, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thresholds(Duration.ofDays(30), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Thresholds(Duration.ofDays(7), 2).windowDays()).isEqualTo(7);
    }
}
