package org.lianxin.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.supervision.SupervisionException;

/**
 * The one deadline engine (pure). The regulation counts calendar days in the office's zone: a matter is handled
 * within 60 days of acceptance; one extension of at most 30 days; 复查 and 复核 may be asked within 30 days of the
 * written reply and are each answered within 30 days. A deadline day ends at its last millisecond in the zone.
 */
final class Deadlines {
    static final int HANDLING_DAYS = 60;
    static final int MAX_EXTENSION_DAYS = 30;
    static final int REVIEW_WINDOW_DAYS = 30;
    static final int REVIEW_ANSWER_DAYS = 30;
    /** Reminders fire at this local time on their day, when staff are at work. */
    static final LocalTime REMIND_AT = LocalTime.of(9, 0);

    private Deadlines() {
    }

    /** The day {@code instant} falls on in {@code zone}. */
    static LocalDate day(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    /** Acceptance + 60 calendar days. */
    static LocalDate handlingDeadline(LocalDate acceptedOn) {
        return acceptedOn.plusDays(HANDLING_DAYS);
    }

    /** The last millisecond of {@code deadline} in {@code zone}. */
    static Instant dueAt(LocalDate deadline, ZoneId zone) {
        return deadline.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
    }

    static boolean overdue(Instant dueAt, Instant now) {
        return now.isAfter(dueAt);
    }

    /**
     * A deadline asked for explicitly: not before today, not past acceptance + 60 days.
     *
     * @return {@code asked}, or acceptance + 60 days when null
     */
    static LocalDate chosenDeadline(LocalDate asked, LocalDate acceptedOn, LocalDate today) {
        if (asked == null) return handlingDeadline(acceptedOn);
        if (asked.isBefore(today)) {
            throw new SupervisionException.Refused("deadline-in-past", "the deadline " + asked + " has passed");
        }
        if (asked.isAfter(handlingDeadline(acceptedOn))) {
            throw new SupervisionException.Refused("deadline-too-late", "the deadline " + asked + " is more than "
                    + HANDLING_DAYS + " days after acceptance on " + acceptedOn,
                    java.util.Map.of("latest", handlingDeadline(acceptedOn).toString(), "days", HANDLING_DAYS));
        }
        return asked;
    }

    /** Checks the days of an extension request: 1..30. */
    static void requireExtensionDays(int days) {
        if (days < 1) {
            throw new SupervisionException.Refused("extension-invalid", "an extension is at least one day");
        }
        if (days > MAX_EXTENSION_DAYS) {
            throw new SupervisionException.Refused("extension-too-long", "an extension is at most "
                    + MAX_EXTENSION_DAYS + " days, asked " + days, java.util.Map.of("max", MAX_EXTENSION_DAYS));
        }
    }

    static LocalDate extended(LocalDate deadline, int days) {
        requireExtensionDays(days);
        return deadline.plusDays(days);
    }

    /** The last day 复查 (or 复核) may be asked for after a written reply given on {@code repliedOn}. */
    static LocalDate reviewWindowUntil(LocalDate repliedOn) {
        return repliedOn.plusDays(REVIEW_WINDOW_DAYS);
    }

    /** The answer clock of a review opened on {@code openedOn}. */
    static LocalDate reviewDeadline(LocalDate openedOn) {
        return openedOn.plusDays(REVIEW_ANSWER_DAYS);
    }

    /** When to remind: at {@link #REMIND_AT} on each day {@code n} days before the deadline, in the zone. */
    static List<Reminder> reminders(LocalDate deadline, ZoneId zone, List<Integer> daysBefore) {
        List<Reminder> points = new ArrayList<>();
        for (int n : daysBefore) {
            points.add(new Reminder(n, deadline.minusDays(n).atTime(REMIND_AT).atZone(zone).toInstant()));
        }
        return points;
    }

    record Reminder(int daysBefore, Instant at) {
    }
}
