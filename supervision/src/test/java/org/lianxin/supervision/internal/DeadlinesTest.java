package org.lianxin.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianxin.supervision.SupervisionException;

/** The deadline engine: calendar days in the office's zone. */
class DeadlinesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest(name = "accepted {0} → due {1}")
    @CsvSource({
            "2026-11-02, 2027-01-01",   // over the year end
            "2026-12-31, 2027-03-01",   // through February of a common year
            "2027-12-31, 2028-02-29",   // into a leap day
            "2026-01-31, 2026-04-01",
            "2026-03-01, 2026-04-30"})
    void handlingTakesSixtyCalendarDaysFromAcceptance(LocalDate accepted, LocalDate deadline) {
        assertThat(Deadlines.handlingDeadline(accepted)).isEqualTo(deadline);
    }

    @ParameterizedTest(name = "{0} in {1} ends at {2}")
    @CsvSource({
            "2027-01-01, Asia/Shanghai, 2027-01-01T15:59:59.999Z",
            "2026-02-28, Asia/Shanghai, 2026-02-28T15:59:59.999Z",
            "2026-03-29, Europe/Berlin, 2026-03-29T21:59:59.999Z",   // the day summer time starts is 23 hours long
            "2026-06-30, UTC, 2026-06-30T23:59:59.999Z"})
    void aDeadlineDayEndsAtItsLastMillisecondInTheZone(LocalDate day, ZoneId zone, Instant end) {
        assertThat(Deadlines.dueAt(day, zone)).isEqualTo(end);
    }

    @Test
    void overdueStartsTheMillisecondAfterTheDeadlineDay() {
        Instant due = Deadlines.dueAt(LocalDate.of(2027, 1, 1), SHANGHAI);
        assertThat(Deadlines.overdue(due, due)).isFalse();
        assertThat(Deadlines.overdue(due, due.plusMillis(1))).isTrue();
        assertThat(Deadlines.day(Instant.parse("2027-01-01T15:59:59.999Z"), SHANGHAI))
                .isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(Deadlines.day(Instant.parse("2027-01-01T16:00:00Z"), SHANGHAI)).isEqualTo(LocalDate.of(2027, 1, 2));
    }

    @Test
    void oneExtensionOfOneToThirtyDays() {
        assertThat(Deadlines.extended(LocalDate.of(2027, 1, 1), 30)).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(Deadlines.extended(LocalDate.of(2027, 2, 1), 28)).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(Deadlines.extended(LocalDate.of(2027, 1, 31), 1)).isEqualTo(LocalDate.of(2027, 2, 1));
        assertRule(() -> Deadlines.extended(LocalDate.of(2027, 1, 1), 31), "extension-too-long");
        assertRule(() -> Deadlines.extended(LocalDate.of(2027, 1, 1), 0), "extension-invalid");
        assertRule(() -> Deadlines.extended(LocalDate.of(2027, 1, 1), -3), "extension-invalid");
    }

    @Test
    void reviewsMayBeAskedWithinThirtyDaysOfTheReplyAndAreAnsweredWithinThirty() {
        assertThat(Deadlines.reviewWindowUntil(LocalDate.of(2027, 1, 15))).isEqualTo(LocalDate.of(2027, 2, 14));
        assertThat(Deadlines.reviewWindowUntil(LocalDate.of(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 3, 2));
        assertThat(Deadlines.reviewDeadline(LocalDate.of(2028, 2, 1))).isEqualTo(LocalDate.of(2028, 3, 2));
    }

    @Test
    void anAskedDeadlineLiesBetweenTodayAndSixtyDaysAfterAcceptance() {
        LocalDate accepted = LocalDate.of(2026, 11, 2), today = LocalDate.of(2026, 11, 30);
        assertThat(Deadlines.chosenDeadline(null, accepted, today)).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(Deadlines.chosenDeadline(today, accepted, today)).isEqualTo(today);
        assertThat(Deadlines.chosenDeadline(LocalDate.of(2027, 1, 1), accepted, today))
                .isEqualTo(LocalDate.of(2027, 1, 1));
        assertRule(() -> Deadlines.chosenDeadline(LocalDate.of(2027, 1, 2), accepted, today), "deadline-too-late");
        assertRule(() -> Deadlines.chosenDeadline(today.minusDays(1), accepted, today), "deadline-in-past");
    }

    @Test
    void remindersFallAtNineInTheMorningNDaysBeforeTheDeadline() {
        assertThat(Deadlines.reminders(LocalDate.of(2027, 3, 1), SHANGHAI, List.of(3, 1))).containsExactly(
                new Deadlines.Reminder(3, Instant.parse("2027-02-26T01:00:00Z")),
                new Deadlines.Reminder(1, Instant.parse("2027-02-28T01:00:00Z")));
    }

    static void assertRule(Runnable r, String rule) {
        assertThatThrownBy(r::run).isInstanceOf(SupervisionException.class)
                .extracting(e -> ((SupervisionException) e).rule()).isEqualTo(rule);
    }
}
