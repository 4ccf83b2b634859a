package org.lianxin.scheduler;

import java.time.Instant;

/** A free reception slot of an official: bookable as it stands. */
public record FreeSlot(long officialId, Instant start, Instant end) {
}
