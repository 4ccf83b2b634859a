package org.lianxin.web.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The dates the API takes: from 1900-01-01 to 2200-12-31 (instants in UTC). Outside it no reception, deadline or
 * report makes sense, and the arithmetic of slots, zones and timestamps overflows or fails; so such a value is
 * refused where it enters, with rule {@code date-out-of-range}.
 */
public final class DateWindow {
    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2200, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END_INSTANT = LAST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private DateWindow() {
    }

    /** Whether this is a date or time type the window applies to. */
    public static boolean applies(Class<?> type) {
        return type == Instant.class || type == LocalDate.class || type == LocalDateTime.class
                || type == OffsetDateTime.class || type == ZonedDateTime.class || type == YearMonth.class
                || type == Year.class;
    }

    /** The value unchanged when inside the window (or null, or of another type); else an {@link InputRefused}. */
    public static <T> T check(T value) {
        if (value == null || inside(value)) return value;
        throw new InputRefused("date-out-of-range",
                value + " lies outside the dates the service takes (" + FIRST + " to " + LAST + ")");
    }

    private static boolean inside(Object value) {
        if (value instanceof Instant i) return !i.isBefore(FIRST_INSTANT) && i.isBefore(END_INSTANT);
        if (value instanceof OffsetDateTime o) return inside(o.toInstant());
        if (value instanceof ZonedDateTime z) return inside(z.toInstant());
        if (value instanceof LocalDateTime d) return inside(d.toLocalDate());
        if (value instanceof LocalDate d) return !d.isBefore(FIRST) && !d.isAfter(LAST);
        if (value instanceof YearMonth m) return m.getYear() >= FIRST.getYear() && m.getYear() <= LAST.getYear();
        if (value instanceof Year y) return y.getValue() >= FIRST.getYear() && y.getValue() <= LAST.getYear();
        return true;
    }
}
