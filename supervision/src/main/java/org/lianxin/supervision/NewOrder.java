package org.lianxin.supervision;

import java.time.LocalDate;

/** A 督办单 to a unit. @param deadline null: 60 days from today */
public record NewOrder(long caseId, long unitOfficeId, OrderMode mode, String reason, String requirements,
                       LocalDate deadline, Long relatedItemId) {
}
