package org.lianxin.statistics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.lianxin.scheduler.RuleViolation;

/**
 * Which figures: an office (with its subtree), whole days {@code from}..{@code to} inclusive in that office's zone, and
 * a breakdown. At most {@link #MAX_DAYS} days (a bit more than two years).
 */
public record FigureQuery(long officeId, LocalDate from, LocalDate to, GroupBy groupBy) {
    public static final int MAX_DAYS = 800;

    public FigureQuery {
        if (from == null || to == null) {
            throw new RuleViolation("statistics-range-missing", "from and to are both required (yyyy-MM-dd)");
        }
        if (to.isBefore(from)) {
            throw new RuleViolation("statistics-range-reversed", "to (" + to + ") is before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new RuleViolation("statistics-range-too-long", "a range covers at most " + MAX_DAYS + " days");
        }
        groupBy = Objects.requireNonNullElse(groupBy, GroupBy.OFFICE_CHILDREN);
    }
}
