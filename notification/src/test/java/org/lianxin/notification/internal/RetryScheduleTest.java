package org.lianxin.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lianxin.backoff.Backoff;

class RetryScheduleTest {
    private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");
    private final RetrySchedule schedule = new RetrySchedule(4, Backoff.ofMillis(30_000, 100_000));

    @Test
    void retriesDoubleFromTheFirstPauseUpToTheMaximum() {
        assertThat(schedule.next(1, T)).contains(T.plus(Duration.ofSeconds(30)));
        assertThat(schedule.next(2, T)).contains(T.plus(Duration.ofSeconds(60)));
        assertThat(schedule.next(3, T)).contains(T.plus(Duration.ofSeconds(100)));
    }

    @Test
    void theLastAttemptsFailureGivesUp() {
        assertThat(schedule.next(4, T)).isEmpty();
        assertThat(schedule.next(9, T)).isEmpty();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(new RetrySchedule(1, Backoff.ofMillis(1, 1)).next(1, T)).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> schedule.next(0, T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(0, Backoff.ofMillis(1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorsShownToAdministratorsNeverHoldAnAddress() {
        assertThat(OutboxDispatcher.masked("550 5.1.1 <zhang.wei@example.cn>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <***@***>: Recipient address rejected");
        assertThat(OutboxDispatcher.masked(null)).isEqualTo("unknown error");
    }

    @Test
    void longErrorsAreClippedToTheColumn() {
        assertThat(OutboxRows.clip("x".repeat(5000))).hasSize(OutboxRows.MAX_ERROR);
        assertThat(OutboxRows.clip("short")).isEqualTo("short");
    }
}
