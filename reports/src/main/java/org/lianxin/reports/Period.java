package org.lianxin.reports;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.Objects;
import org.lianxin.scheduler.RuleViolation;

/**
 * What a ranking or bulletin covers: a calendar month or a calendar year, as whole days in the office's zone (the
 * statistics module takes the days in the zone). {@code key} is {@code yyyy-MM} or {@code yyyy}.
 */
public record Period(Kind kind, String key, LocalDate from, LocalDate to) {
    /** A month (一月一通报) or a year (一年一排名). */
    public enum Kind {
        MONTH, YEAR
    }

    public Period {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static Period month(YearMonth month) {
        if (month == null) throw new RuleViolation("report-month-missing", "a month is required (yyyy-MM)");
        return new Period(Kind.MONTH, month.toString(), month.atDay(1), month.atEndOfMonth());
    }

    public static Period year(Year year) {
        if (year == null) throw new RuleViolation("report-year-missing", "a year is required (yyyy)");
        return new Period(Kind.YEAR, year.toString(), year.atDay(1), year.atMonth(12).atEndOfMonth());
    }

    /** 2026年11月 / November 2026; 2026年 / 2026. */
    public String label(boolean english) {
        if (kind == Kind.YEAR) return english ? key : key + "年";
        YearMonth m = YearMonth.parse(key);
        if (english) {
            String name = m.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
            return name + " " + m.getYear();
        }
        return m.getYear() + "年" + m.getMonthValue() + "月";
    }
}
