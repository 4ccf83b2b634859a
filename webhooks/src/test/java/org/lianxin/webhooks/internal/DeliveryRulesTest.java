package org.lianxin.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lianxin.backoff.Backoff;
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
    void noAnswerIsRetried() {
        assertThat(rules.decide(DeliveryRules.Outcome.noAnswer("HttpTimeoutException"), 1, T0, T0, 0.5))
                .isEqualTo(new DeliveryRules.RetryAt(T0.plusSeconds(5)));
    }

    @Test
    void pausesDoubleFromFiveSecondsToFourHoursWithinTwentyFivePercentJitter() {
        assertThat(rules.pause(1, Optional.empty(), 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(rules.pause(2, Optional.empty(), 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(rules.pause(5, Optional.empty(), 0.5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(rules.pause(1, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(3750));
        assertThat(rules.pause(1, Optional.empty(), 0.999_999)).isBetween(Duration.ofMillis(6249),
                Duration.ofMillis(6250));
        assertThat(rules.pause(30, Optional.empty(), 0.5)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void retryAfterIsHonouredUpToItsCap() {
        assertThat(rules.pause(1, Optional.of(Duration.ofSeconds(120)), 0.5)).isEqualTo(Duration.ofSeconds(120));
        assertThat(rules.pause(20, Optional.of(Duration.ofSeconds(1)), 0.5)).isEqualTo(Duration.ofHours(4));
        assertThat(rules.pause(1, Optional.of(Duration.ofDays(30)), 0.5)).isEqualTo(Duration.ofHours(24));
        assertThat(rules.decide(DeliveryRules.Outcome.answered(429, Optional.of(Duration.ofSeconds(90))), 1, T0, T0,
                0.5)).isEqualTo(new DeliveryRules.RetryAt(T0.plusSeconds(90)));
    }

    @Test
    void aDeliveryFailingForThreeDaysIsGivenUpAfterAboutThirtyAttempts() {
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
        assertThat(now).isBefore(T0.plus(Duration.ofHours(72))).isAfter(T0.plus(Duration.ofHours(67)));
        assertThat(attempts).isBetween(25, 35);
    }

    @Test
    void theWindowRunsFromItsStartSoAResentDeliveryGetsThreeDaysAgain() {
        Instant late = T0.plus(Duration.ofHours(71)).plus(Duration.ofMinutes(59));
        assertThat(rules.decide(status(500), 20, T0, late, 0.5)).isInstanceOf(DeliveryRules.GiveUp.class);
        assertThat(rules.decide(status(500), 20, late, late, 0.5)).isInstanceOf(DeliveryRules.RetryAt.class);
    }

    @Test
    void aShortWindowGivesUpSooner() {
        DeliveryRules quick = new DeliveryRules(Backoff.ofMillis(1000, 1000), Duration.ofSeconds(2),
                Duration.ofHours(1));
        assertThat(quick.decide(status(500), 1, T0, T0, 0.5)).isInstanceOf(DeliveryRules.RetryAt.class);
        assertThat(quick.decide(status(500), 2, T0, T0.plusMillis(1500), 0.5)).isInstanceOf(DeliveryRules.GiveUp.class);
    }
}
