package org.lianxin.backoff;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off: the pause before retry number {@code n} (counted from 0) is
 * {@code min × 2ⁿ}, never more than {@code max}. Every retry loop of the project (uploads,
 * chaining segments, reconnecting to Janus, making a media room again) takes its pauses from one of
 * these, so that the rule is written once and tested once.
 *
 * <p>Immutable; the caller counts its own attempts.
 *
 * @param min the first pause (&gt; 0)
 * @param max the longest pause (&ge; min)
 */
public record Backoff(Duration min, Duration max) {

    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("back-off must be 0 < min <= max, was " + min + " .. " + max);
        }
    }

    /** A back-off from {@code minMillis} doubling up to {@code maxMillis}. */
    public static Backoff ofMillis(long minMillis, long maxMillis) {
        return new Backoff(Duration.ofMillis(minMillis), Duration.ofMillis(maxMillis));
    }

    /** The pause before retry {@code attempt} (0 = the first retry): min doubled per attempt, at most max. */
    public Duration delay(int attempt) {
        return Duration.ofMillis(millis(attempt));
    }

    /** {@link #delay(int)} in milliseconds. */
    public long millis(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        long first = min.toMillis();
        long cap = max.toMillis();
        if (attempt >= 62 || first > (cap >> Math.min(attempt, 62))) {
            return cap;
        }
        return Math.min(first << attempt, cap);
    }
}
