package org.lianxin.topics;

import java.time.Instant;
import java.util.Objects;

/** A matter (case file) as the rule sees it: its id, its category and place, when it was filed. */
public record Matter(long caseId, TopicKey key, Instant createdAt) {
    public Matter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
