package org.lianxin.evaluation;

import java.time.YearMonth;

/** An office's third-party scores for a month: averages over the {@code n} scores given (null when n = 0). */
public record OfficeResult(long officeId, YearMonth month, int sampled, int n, Double legality, Double timeliness,
        Double attitude, Double result) {
}
