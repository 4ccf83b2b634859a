package org.lianxin.topics;

import java.time.Instant;
import java.util.List;

/** What detection decided for one key; {@link Topics} carries it out in one transaction. */
public sealed interface Decision {
    TopicKey key();

    List<Long> caseIds();

    /**
     * Open a topic with these matters.
     *
     * @param triggeredAt when the threshold was reached: the filing time of the threshold-th matter
     */
    record Open(TopicKey key, List<Long> caseIds, Instant triggeredAt, Thresholds thresholds) implements Decision {
        public Open {
            caseIds = List.copyOf(caseIds);
        }
    }

    /** Add these matters to the key's topic that is still open. */
    record Attach(long topicId, TopicKey key, List<Long> caseIds) implements Decision {
        public Attach {
            caseIds = List.copyOf(caseIds);
        }
    }
}
