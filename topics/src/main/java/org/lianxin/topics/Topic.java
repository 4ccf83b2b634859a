package org.lianxin.topics;

import java.time.Instant;

/**
 * A topic as lists show it.
 *
 * @param windowDays  the window of the rule in force when it opened
 * @param threshold   the threshold of that rule
 * @param triggeredAt when the threshold-th matter was filed
 * @param lead        the lead unit named when it was followed, else null
 */
public record Topic(long id, String category, OfficeRef place, TopicState state, int matterCount, int windowDays,
                    int threshold, Instant triggeredAt, Instant openedAt, String followedBy, Instant followedAt,
                    OfficeRef lead, String note, String closedBy, Instant closedAt, String conclusion) {
}
