package org.lianxin.scheduler;

import java.time.Instant;

/** A one-off period when the official receives nobody (a meeting, leave, a holiday). */
public record BlockedPeriod(long id, Instant start, Instant end, String reason) {
}
