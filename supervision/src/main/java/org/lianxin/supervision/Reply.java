package org.lianxin.supervision;

import java.time.Instant;
import java.util.List;

/** The unit's written reply (答复), the latest if the item was returned for redo. */
public record Reply(String text, String completionReport, List<Long> documentIds, Instant at, String by) {
    public Reply {
        documentIds = List.copyOf(documentIds);
    }
}
