package org.lianxin.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheMinimumUpToTheMaximum() {
        Backoff b = Backoff.ofMillis(250, 5_000);
        assertThat(new long[] {b.millis(0), b.millis(1), b.millis(2), b.millis(3), b.millis(4), b.millis(5)})
                .containsExactly(250, 500, 1_000, 2_000, 4_000, 5_000);
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void manyAttemptsStayAtTheMaximumWithoutOverflowing() {
        Backoff b = Backoff.ofMillis(3, 10_000);
        for (int attempt : new int[] {20, 31, 32, 61, 62, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(b.millis(attempt)).as("attempt %d", attempt).isEqualTo(10_000);
        }
        Backoff huge = new Backoff(Duration.ofMillis(1), Duration.ofMillis(Long.MAX_VALUE));
        assertThat(huge.millis(62)).isEqualTo(Long.MAX_VALUE);
        assertThat(huge.millis(61)).isEqualTo(1L << 61);
    }

    @Test
    void aMinimumEqualToTheMaximumIsAFixedPause() {
        Backoff b = Backoff.ofMillis(700, 700);
        assertThat(b.millis(0)).isEqualTo(700);
        assertThat(b.millis(9)).isEqualTo(700);
    }

    @Test
    void refusesBoundsThatMakeNoSense() {
        assertThatThrownBy(() -> Backoff.ofMillis(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.ofMillis(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.ofMillis(20, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.ofMillis(1, 10).millis(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
