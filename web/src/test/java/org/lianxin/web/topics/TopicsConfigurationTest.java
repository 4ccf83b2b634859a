package org.lianxin.web.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lianxin.topics.Thresholds;
import org.lianxin.topics.TopicSettings;
import org.lianxin.web.config.BadConfiguration;

/** The lianxin.topics keys: defaults, a province's own rule, and every bad value listed at once. */
class TopicsConfigurationTest {

    static TopicsProperties props(int days, int threshold, Duration sweep, Map<String, TopicsProperties.Province> p) {
        return new TopicsProperties(days, threshold, sweep, p);
    }

    @Test
    void theDefaultsAreFiveMattersInThirtyDaysForEveryProvince() {
        TopicSettings s = TopicsWebConfiguration.settings(props(30, 5, Duration.ofMinutes(10), null));
        assertThat(s.defaults()).isEqualTo(Thresholds.DEFAULT);
        assertThat(s.forProvince("510000")).isEqualTo(Thresholds.DEFAULT);
    }

    @Test
    void aProvinceSetsItsOwnWindowOrThresholdAndTakesTheDefaultForTheOther() {
        TopicSettings s = TopicsWebConfiguration.settings(props(30, 5, Duration.ofMinutes(10), Map.of(
                "510000", new TopicsProperties.Province(60, null),
                "520000", new TopicsProperties.Province(null, 3))));
        assertThat(s.forProvince("510000")).isEqualTo(new Thresholds(Duration.ofDays(60), 5));
        assertThat(s.forProvince("520000")).isEqualTo(new Thresholds(Duration.ofDays(30), 3));
        assertThat(s.longestWindow()).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void everyBadValueIsListedAtOnce() {
        List<String> problems = new ArrayList<>();
        TopicsWebConfiguration.check(props(0, 1, Duration.ofMinutes(-1), Map.of(
                "510000", new TopicsProperties.Province(400, 2000))), null, problems);
        assertThat(problems).containsExactlyInAnyOrder(
                "lianxin.topics.window-days: must be 1..366, was 0",
                "lianxin.topics.threshold: must be 2..1000, was 1",
                "lianxin.topics.sweep-interval: must not be negative, was PT-1M",
                "lianxin.topics.provinces.510000.window-days: must be 1..366, was 400",
                "lianxin.topics.provinces.510000.threshold: must be 2..1000, was 2000");
        assertThatThrownBy(() -> TopicsWebConfiguration.settings(props(0, 5, Duration.ZERO, null)))
                .isInstanceOf(BadConfiguration.class).hasMessageContaining("lianxin.topics.window-days");
    }
}
