package org.lianxin.topics;

import java.time.Instant;

/**
 * Who did what and when.
 *
 * @param kind    OPENED, MATTERS_ADDED (by {@code system}), FOLLOWED, CLOSED (by a supervisor)
 * @param matters the matters opened with or added, else null
 * @param office  the lead unit named when FOLLOWED, else null
 * @param text    the note (FOLLOWED) or the conclusion (CLOSED), else null
 */
public record TopicEvent(Instant at, String kind, String actor, Integer matters, OfficeRef office, String text) {
}
