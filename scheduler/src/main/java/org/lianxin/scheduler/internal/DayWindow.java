package org.lianxin.scheduler.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** One calendar day in a zone, as the instants [start, end): what a daily maximum counts over. */
record DayWindow(LocalDate day, Instant start, Instant end) {

    static DayWindow of(LocalDate day, ZoneId zone) {
        return new DayWindow(day, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The day that {@code instant} falls on in {@code zone}. */
    static DayWindow containing(Instant instant, ZoneId zone) {
        return of(instant.atZone(zone).toLocalDate(), zone);
    }

    boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** How many of these engagements start on this day. */
    long sessionsStarting(List<Busy> engagements) {
        return engagements.stream().filter(b -> contains(b.start())).count();
    }
}
