package org.lianxin.scheduler;

import java.util.List;

/** Outcome of an import: either every row was created, or nothing was and {@code errors} says why (row numbers from 1). */
public record ImportResult(int created, List<RowError> errors) {
    public record RowError(int row, String rule, String message) {
    }
}
