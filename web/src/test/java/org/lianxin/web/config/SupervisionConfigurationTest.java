package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The supervision keys: a negative interval and reminder days outside 1..30 are refused, all listed at once. */
class SupervisionConfigurationTest {

    static List<String> problems(Duration interval, Integer... days) {
        List<String> problems = new ArrayList<>();
        SupervisionConfiguration.check(new SupervisionProperties(interval, Arrays.asList(days)), null, problems);
        return problems;
    }

    @Test
    void theDefaultsAndZeroAreAccepted() {
        assertThat(problems(Duration.ofMinutes(5), 3, 1)).isEmpty();
        assertThat(problems(Duration.ZERO, 30)).as("0 turns the sweep off").isEmpty();
    }

    @Test
    void everyBadValueIsListed() {
        assertThat(problems(Duration.ofMinutes(-1), 0, 3, 31)).containsExactly(
                "lianxin.supervision.sweep-interval: must not be negative, was PT-1M",
                "lianxin.supervision.remind-days-before: each must be 1..30, was 0",
                "lianxin.supervision.remind-days-before: each must be 1..30, was 31");
    }
}
