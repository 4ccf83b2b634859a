package org.lianxin.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.lianxin.webhooks.RetrySchedule;

/**
 * What to do after an attempt: pure (the answer, the attempt count, the window, the clock and a jitter sample in;
 * a decision out). Only 2xx is success; 410 Gone turns the endpoint off; every other answer and no answer (timeout,
 * refused) is retried after the schedule's pause for that attempt (the first failure at once, by default), spread by
 * ±25 % jitter and never sooner than the answer's {@code Retry-After} (up to a cap); an attempt that would fall after
 * the window's end is not made: the delivery is given up on.
 */
final class DeliveryRules {
    private final RetrySchedule schedule;
    private final Duration window;
    private final Duration maxRetryAfter;

    DeliveryRules(RetrySchedule schedule, Duration window, Duration maxRetryAfter) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.window = Objects.requireNonNull(window, "window");
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    /** How an attempt went: an HTTP status (and its Retry-After), or no answer ({@code status} null). */
    record Outcome(Integer status, Optional<Duration> retryAfter, String error) {
        static Outcome answered(int status, Optional<Duration> retryAfter) {
            return new Outcome(status, retryAfter, null);
        }

        static Outcome noAnswer(String error) {
            return new Outcome(null, Optional.empty(), error);
        }

        /** One line for the log and the delivery's last error. */
        String describe() {
            return status == null ? "no answer: " + error : "HTTP " + status;
        }
    }

    /** The decision. */
    sealed interface Decision permits Delivered, RetryAt, GiveUp, DisableEndpoint {
    }

    record Delivered() implements Decision {
    }

    record RetryAt(Instant at) implements Decision {
    }

    record GiveUp(String reason) implements Decision {
    }

    record DisableEndpoint(String reason) implements Decision {
    }

    /**
     * @param outcome     how the attempt went
     * @param attempts    attempts made so far, this one included (at least 1)
     * @param windowStart when the delivery's retry window began
     * @param now         when the attempt ended
     * @param jitter      a sample in [0, 1)
     */
    Decision decide(Outcome outcome, int attempts, Instant windowStart, Instant now, double jitter) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: at least 1, was " + attempts);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter: in [0, 1), was " + jitter);
        }
        Integer status = outcome.status();
        if (status != null && status >= 200 && status < 300) {
            return new Delivered();
        }
        if (status != null && status == 410) {
            return new DisableEndpoint("HTTP 410 Gone: the receiver asked for no more deliveries");
        }
        Instant next = now.plus(pause(attempts, outcome.retryAfter(), jitter));
        Instant end = windowStart.plus(window);
        if (next.isAfter(end)) {
            return new GiveUp(outcome.describe() + "; retried " + attempts + " times over " + window.toHours()
                    + " h, given up");
        }
        return new RetryAt(next);
    }

    /** The pause after failed attempt {@code attempts}: the schedule's ±25 %, at least the capped Retry-After. */
    Duration pause(int attempts, Optional<Duration> retryAfter, double jitter) {
        long base = schedule.after(attempts).toMillis();
        long spread = Math.round(base * (0.75 + 0.5 * jitter));
        long asked = retryAfter.map(d -> Math.min(Math.max(d.toMillis(), 0), maxRetryAfter.toMillis())).orElse(0L);
        return Duration.ofMillis(Math.max(spread, asked));
    }
}
