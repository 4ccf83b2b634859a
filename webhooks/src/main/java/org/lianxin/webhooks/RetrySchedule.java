package org.lianxin.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lianxin.backoff.Backoff;

/**
 * The pauses between delivery attempts: the pause after failed attempt {@code n} (from 1) is {@code pauses[n-1]}; past
 * the list's end its last pause repeats, until the retry window closes. {@link #STANDARD_WEBHOOKS} is the schedule the
 * Standard Webhooks specification suggests — the first failure retried at once (most failures are a blip: a restart,
 * a full queue), then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — and, since the window is about three days here, every
 * 10 h after that. Each pause is then spread by ±25 % jitter and never shorter than the answer's {@code Retry-After}.
 *
 * @param pauses at least one; none negative; the last one positive (it repeats)
 */
public record RetrySchedule(List<Duration> pauses) {
    public static final RetrySchedule STANDARD_WEBHOOKS = new RetrySchedule(List.of(Duration.ZERO,
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)));

    public RetrySchedule {
        Objects.requireNonNull(pauses, "pauses");
        pauses = List.copyOf(pauses);
        if (pauses.isEmpty()) {
            throw new IllegalArgumentException("retry schedule: at least one pause");
        }
        for (Duration d : pauses) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("retry schedule: no negative pause, was " + pauses);
            }
        }
        if (pauses.get(pauses.size() - 1).isZero()) {
            throw new IllegalArgumentException("retry schedule: the last pause repeats, so it must be positive, was "
                    + pauses);
        }
    }

    public static RetrySchedule of(Duration... pauses) {
        return new RetrySchedule(List.of(pauses));
    }

    /** {@code first} doubled after each failed attempt up to {@code max} (the back-off module's rule), as a list. */
    public static RetrySchedule doubling(Duration first, Duration max) {
        Backoff backoff = new Backoff(first, max);
        List<Duration> pauses = new ArrayList<>();
        for (int n = 0; pauses.isEmpty() || pauses.get(pauses.size() - 1).compareTo(max) < 0; n++) {
            pauses.add(backoff.delay(n));
        }
        return new RetrySchedule(pauses);
    }

    /** The pause after failed attempt {@code attempts} (from 1), before jitter. */
    public Duration after(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: at least 1, was " + attempts);
        }
        return pauses.get(Math.min(attempts, pauses.size()) - 1);
    }
}
