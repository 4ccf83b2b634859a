package org.lianxin.scheduler;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A weekly recurring availability window in the office's zone, e.g. Tuesday 09:00–12:00. */
public record WeeklyWindow(DayOfWeek day, LocalTime start, LocalTime end) {
    public WeeklyWindow {
        if (day == null || start == null || end == null || !start.isBefore(end)) {
            throw new RuleViolation("window-invalid", "availability window must have a day and start before end");
        }
    }
}
