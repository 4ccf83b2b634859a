package org.lianxin.evaluation;

import java.time.YearMonth;

/** A matter an evaluator was drawn to score, for their list; {@code scored} once they have. */
public record AssignedMatter(long drawId, long itemId, String itemNumber, String category, YearMonth month,
        boolean scored) {
}
