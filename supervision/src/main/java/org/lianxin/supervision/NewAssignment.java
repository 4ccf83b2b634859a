package org.lianxin.supervision;

import java.time.LocalDate;

/** @param deadline null: the matter's acceptance + 60 days */
public record NewAssignment(long unitOfficeId, LocalDate deadline, boolean requiresReport) {
}
