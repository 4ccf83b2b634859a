package org.lianxin.supervision;

import java.time.Instant;

/** @param actor a username, or {@code system} */
public record HistoryEntry(Instant at, HistoryKind kind, String actor, String text) {
}
