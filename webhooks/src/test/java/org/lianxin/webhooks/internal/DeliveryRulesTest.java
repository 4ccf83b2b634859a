package org.lianxin.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lianxin.webhooks.RetrySchedule;
import org.lianxin.webhooks.WebhookSettings;

class DeliveryRulesTest {
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    final WebhookSettings defaults = WebhookSettings.defaults("n");
    final DeliveryRules rules = new DeliveryRules(defaults.retry(), defaults.giveUpAfter(), defaults.maxRetryAfter());

    static DeliveryRules.Outcome status(int s) {
        return DeliveryRules.Outcome.answered(s, Optional.empty());
    }

    @Test
    void only2xxIsDelivered() {
        for (int s : new int[] {200, 201, 202, 204, 299}) {
            assertThat(rules.decide(status(s), 1, T0, T0, 0.5)).isInstanceOf(DeliveryRules.Delivered.class);
        }
        for (int s : new int[] {100, 301, 302, 304, 400, 401, 404, 409, 429, 500, 502, 503}) {
            assertThat(rules.decide(status(s), 1, T0, T0, 0.5)).as("HTTP %d", s)
                    .isInstanceOf(DeliveryRules.RetryAt.class);
        }
    }

    @Test
    void goneTurnsTheEndpointOff() {
        assertThat(rules.decide(status(410), 3, T0, T0, 0.5)).isInstanceOf(DeliveryRules.DisableEndpoint.class);
    }

    @Test
    void noAnswerIsRetriedAtOnceTheFirstTime() {
        assertThat(rules.decide(DeliveryRules.Outcome.noAnswer("HttpTimeoutException"), 1, T0, T0, 0.5))
                .isEqualTo(new DeliveryRules.RetryAt(T0));
        assertThat(rules.decide(DeliveryRules.Outcome.noAnswer("HttpTimeoutException"), 2, T0, T0, 0.5))
                .isEqualTo(new DeliveryRules.RetryAt(T0.plusSeconds(5)));
    }

    @Test
    void pausesFollowTheStandardWebhooksScheduleWithinTwentyFivePercentJitter() {
        Duration[] expected = {Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10),
                Duration.ofHours(10)};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            assertThat(rules.pause(attempt, Optional.empty(), 0.5)).as("after attempt %d", attempt)
                    .isEqualTo(expected[attempt - 1]);
        }
        assertThat(rules.pause(30, Optional.empty(), 0.5)).as("the last pause repeats").isEqualTo(Duration.ofHours(10));
        assertThat(rules.pause(1, Optional.empty(), 0.0)).as("at once stays at once").isZero();
        assertThat(rules.pause(1, Optional.empty(), 0.999_999)).isZero();
        assertThat(rules.pause(2, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(3750));
        assertThat(rules.pause(2, Optional.empty(), 0.999_999)).isBetween(Duration.ofMillis(6249),
                Duration.ofMillis(6250));
        assertThat(rules.pause(3, Optional.empty(), 0.0)).isEqualTo(Duration.ofSeconds(225));
    }

    @Test
    void retryAfterIsHonouredUpToItsCap() {
        assertThat(rules.pause(1, Optional.of(Duration.ofSeconds(1)), 0.5)).as("even the at-once retry waits for it")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(rules.pause(1, Optional.of(Duration.ZERO), 0.5)).isZero();
        assertThat(rules.pause(1, Optional.of(Duration.ofSeconds(120)), 0.5)).isEqualTo(Duration.ofSeconds(120));
        assertThat(rules.pause(20, Optional.of(Duration.ofSeconds(1)), 0.5)).isEqualTo(Duration.ofHours(10));
        assertThat(rules.pause(1, Optional.of(Duration.ofDays(30)), 0.5)).isEqualTo(Duration.ofHours(24));
        assertThat(rules.decide(DeliveryRules.Outcome.answered(429, Optional.of(Duration.ofSeconds(90))), 1, T0, T0,
                0.5)).isEqualTo(new DeliveryRules.RetryAt(T0.plusSeconds(90)));
        assertThat(rules.decide(DeliveryRules.Outcome.answered(503, Optional.of(Duration.ofSeconds(1))), 1, T0, T0,
                0.5)).isEqualTo(new DeliveryRules.RetryAt(T0.plusSeconds(1)));
    }

    @Test
    void aDeliveryFailingForThreeDaysIsGivenUpAfterThirteenAttempts() {
        Instant now = T0;
        int attempts = 0;
        DeliveryRules.Decision d;
        do {
            attempts++;
            d = rules.decide(status(503), attempts, T0, now, 0.5);
            if (d instanceof DeliveryRules.RetryAt r) {
                now = r.at();
            }
        } while (d instanceof DeliveryRules.RetryAt);
        assertThat(d).isInstanceOf(DeliveryRules.GiveUp.class);
        assertThat(((DeliveryRules.GiveUp) d).reason()).contains("HTTP 503").contains("72 h");
        // at 0, 0, 5 s, 5 min 5 s, 35 min 5 s, 2 h 35 min 5 s, 7 h 35 min 5 s, then every 10 h: the last at 67 h 35 min
        assertThat(now).isEqualTo(T0.plus(Duration.ofHours(67)).plus(Duration.ofMinutes(35)).plusSeconds(5));
        assertThat(attempts).isEqualTo(13);
    }

    @Test
    void theScheduleRefusesWhatCannotBeRepeated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RetrySchedule.of(Duration.ofSeconds(5),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last pause");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RetrySchedule.of(Duration.ofSeconds(-1),
                Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetrySchedule(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetrySchedule.doubling(Duration.ofSeconds(5), Duration.ofSeconds(30)).pauses())
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                        Duration.ofSeconds(30));
    }

    @Test
    void theWindowRunsFromItsStartSoAResentDeliveryGetsThreeDaysAgain() {
        Instant late = T0.plus(Duration.ofHours(71)).plus(Duration.ofMinutes(59));
        assertThat(rules.decide(status(500), 20, T0, late, 0.5)).isInstanceOf(DeliveryRules.GiveUp.class);
        assertThat(rules.decide(status(500), 20, late, late, 0.5)).isInstanceOf(DeliveryRules.RetryAt.class);
    }

    @Test
    void aShortWindowGivesUpSooner() {
        DeliveryRules quick = new DeliveryRules(RetrySchedule.of(Duration.ofSeconds(1)), Duration.ofSeconds(2),
                Duration.ofHours(1));
        assertThat(quick.decide(status(500), 1, T0, T0, 0.5)).isInstanceOf(DeliveryRules.RetryAt.class);
        assertThat(quick.decide(status(500), 2, T0, T0.plusMillis(1500), 0.5)).isInstanceOf(DeliveryRules.GiveUp.class);
    }
}
