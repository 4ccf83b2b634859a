package org.lianxin.notification;

import java.time.Duration;
import java.util.Objects;
import org.lianxin.backoff.Backoff;

/**
 * How the dispatcher works.
 *
 * @param maxAttempts  attempts of a notice before it is kept as FAILED (at least 1)
 * @param retry        the pause before each retry: {@code retry.delay(0)} after the first failure, doubling up to its max
 * @param pollInterval how often the outbox is looked at without a wake-up (other nodes' notices, due retries)
 * @param node         this node's name, recorded with each notice it sends
 */
public record NotificationSettings(int maxAttempts, Backoff retry, Duration pollInterval, String node) {
    public NotificationSettings {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(node, "node");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
    }

    /** 8 attempts, retries after 30 s doubling up to 30 min (about 1 h 34 min in all), poll every 30 s. */
    public static NotificationSettings defaults(String node) {
        return new NotificationSettings(8, new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30)),
                Duration.ofSeconds(30), node);
    }
}
