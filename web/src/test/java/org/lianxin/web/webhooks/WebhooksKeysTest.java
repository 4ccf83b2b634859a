package org.lianxin.web.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.web.config.Secrets;

class WebhooksKeysTest {

    static WebhooksProperties props(Duration timeout, Duration lease, List<Duration> retrySchedule,
                                    Duration giveUp, Duration poll) {
        return new WebhooksProperties(true, null, 16, timeout, lease, retrySchedule, giveUp, Duration.ofHours(24),
                Duration.ofHours(24), poll, Duration.ofSeconds(2), 64);
    }

    static final List<Duration> STANDARD = org.lianxin.webhooks.RetrySchedule.STANDARD_WEBHOOKS.pauses();

    static List<String> problems(WebhooksProperties p) {
        List<String> problems = new ArrayList<>();
        WebhooksConfiguration.check(p, new Secrets(Path.of("/nonexistent"), false), problems);
        return problems;
    }

    @Test
    void theDefaultsNeedNothing() {
        assertThat(problems(props(Duration.ofSeconds(10), Duration.ofSeconds(60), STANDARD,
                Duration.ofHours(72), Duration.ofSeconds(5)))).isEmpty();
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThat(problems(props(Duration.ofSeconds(10), Duration.ofSeconds(12), List.of(Duration.ofMinutes(5),
                Duration.ZERO), Duration.ZERO, Duration.ofMillis(10)))).containsExactlyInAnyOrder(
                "lianxin.webhooks.lease: at least timeout + 5s (PT15S), was PT12S",
                "lianxin.webhooks.retry-schedule: retry schedule: the last pause repeats, so it must be positive,"
                        + " was [PT5M, PT0S]",
                "lianxin.webhooks.give-up-after: must be positive, was PT0S",
                "lianxin.webhooks.poll-interval: at least 100ms, was PT0.01S");
        assertThat(problems(props(Duration.ZERO, Duration.ofSeconds(60), List.of(Duration.ofSeconds(-1),
                Duration.ofHours(4)), Duration.ofHours(72), Duration.ofSeconds(5)))).containsExactlyInAnyOrder(
                "lianxin.webhooks.timeout: must be positive, was PT0S",
                "lianxin.webhooks.retry-schedule: retry schedule: no negative pause, was [PT-1S, PT4H]");
    }

    @Test
    void aBookingClosedIsToldAsWhatClosedIt() {
        assertThat(ScheduleWebhooks.typeOf(org.lianxin.scheduler.BookingState.CANCELLED))
                .isEqualTo(org.lianxin.webhooks.EventType.BOOKING_CANCELLED);
        assertThat(ScheduleWebhooks.typeOf(org.lianxin.scheduler.BookingState.NO_SHOW))
                .isEqualTo(org.lianxin.webhooks.EventType.BOOKING_NO_SHOW);
        assertThat(ScheduleWebhooks.typeOf(org.lianxin.scheduler.BookingState.INTERRUPTED))
                .isEqualTo(org.lianxin.webhooks.EventType.SESSION_ENDED);
    }

    @Test
    void everyEventTypeHasItsPayloadDescribed() {
        for (org.lianxin.webhooks.EventType type : org.lianxin.webhooks.EventType.values()) {
            assertThat(WebhookPayloadFields.of(type)).as(type.wireName()).containsKey("caseNumber");
        }
    }

    @Test
    void supervisionsOutwardNoticesAreTheEventsSentOut() {
        assertThat(SupervisionWebhooks.typeOf(org.lianxin.supervision.NoticeKind.ASSIGNED))
                .isEqualTo(org.lianxin.webhooks.EventType.SUPERVISION_OPENED);
        assertThat(SupervisionWebhooks.typeOf(org.lianxin.supervision.NoticeKind.ESCALATED))
                .isEqualTo(org.lianxin.webhooks.EventType.SUPERVISION_ESCALATED);
        assertThat(SupervisionWebhooks.typeOf(org.lianxin.supervision.NoticeKind.ACCEPTED))
                .isEqualTo(org.lianxin.webhooks.EventType.SUPERVISION_ACCEPTED);
        assertThat(SupervisionWebhooks.typeOf(org.lianxin.supervision.NoticeKind.REPLIED))
                .isEqualTo(org.lianxin.webhooks.EventType.SUPERVISION_REPLIED);
        assertThat(SupervisionWebhooks.typeOf(org.lianxin.supervision.NoticeKind.DEADLINE_NEAR)).isNull();
        assertThat(SupervisionWebhooks.typeOf(org.lianxin.supervision.NoticeKind.EXTENSION_REQUESTED)).isNull();
    }
}
