package org.lianxin.notification.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.lianxin.backoff.Backoff;

/**
 * When a notice whose send failed is tried again: pure. After failed attempt {@code n} (1 = the first) the next one
 * is {@code backoff.delay(n - 1)} later, until {@code maxAttempts} attempts failed: then never (the notice is kept
 * as FAILED).
 */
final class RetrySchedule {
    private final int maxAttempts;
    private final Backoff backoff;

    RetrySchedule(int maxAttempts, Backoff backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * @param failedAttempts attempts made so far, the one that just failed included (at least 1)
     * @param now            when it failed
     * @return when to try again, or empty to give up
     */
    Optional<Instant> next(int failedAttempts, Instant now) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(now.plus(backoff.delay(failedAttempts - 1)));
    }
}
