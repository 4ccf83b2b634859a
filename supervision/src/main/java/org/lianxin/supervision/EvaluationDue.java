package org.lianxin.supervision;

import java.time.Instant;
import java.util.List;

/** Replies of a matter the petitioner has not evaluated yet. */
public record EvaluationDue(boolean due, List<PendingReply> replies) {
    public EvaluationDue {
        replies = List.copyOf(replies);
    }

    public record PendingReply(long itemId, OfficeRef unit, String text, Instant at) {
    }
}
