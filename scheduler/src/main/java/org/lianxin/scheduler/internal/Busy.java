package org.lianxin.scheduler.internal;

import java.time.Instant;

/**
 * One active booking seen as an engagement of {@code who} (an official or a terminal id): busy on
 * [start, busyUntil) — the session [start, end) plus the host's buffer.
 */
record Busy(long bookingId, long who, Instant start, Instant end, Instant busyUntil) {

    boolean overlaps(Instant from, Instant until) {
        return start.isBefore(until) && busyUntil.isAfter(from);
    }
}
