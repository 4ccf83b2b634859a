package org.lianxin.scheduler.internal;

import java.time.Duration;
import java.time.Instant;

/** A session [start, end); its officials and terminal stay busy until {@code busyUntil} (the host's buffer). */
record Slot(Instant start, Instant end, Instant busyUntil) {

    /** The session [start, end) followed by {@code bufferMinutes} of buffer. */
    static Slot withBuffer(Instant start, Instant end, int bufferMinutes) {
        return new Slot(start, end, end.plus(Duration.ofMinutes(bufferMinutes)));
    }
}
