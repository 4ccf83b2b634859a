package org.lianxin.topics;

import java.time.Duration;
import java.util.Objects;

/**
 * When matters become a topic: {@code threshold} matters or more of one category and place created within
 * {@code window} of the detection (both edges included).
 *
 * @param window    the sliding window, whole days, at least 1 day
 * @param threshold at least 2 matters (one matter is a case, not a concentrated problem)
 */
public record Thresholds(Duration window, int threshold) {
    /** 5 matters in 30 days, the province's example. */
    public static final Thresholds DEFAULT = new Thresholds(Duration.ofDays(30), 5);

    public Thresholds {
        Objects.requireNonNull(window, "window");
        if (window.toDays() < 1 || !window.equals(Duration.ofDays(window.toDays()))) {
            throw new IllegalArgumentException("the window is a whole number of days, at least 1, not " + window);
        }
        if (threshold < 2) {
            throw new IllegalArgumentException("the threshold is at least 2 matters, not " + threshold);
        }
    }

    public int windowDays() {
        return (int) window.toDays();
    }
}
