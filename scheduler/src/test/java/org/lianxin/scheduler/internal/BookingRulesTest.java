package org.lianxin.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianxin.scheduler.internal.RuleFixtures.CASE;
import static org.lianxin.scheduler.internal.RuleFixtures.CHENGDU;
import static org.lianxin.scheduler.internal.RuleFixtures.INVITEE;
import static org.lianxin.scheduler.internal.RuleFixtures.JINJIANG;
import static org.lianxin.scheduler.internal.RuleFixtures.LEADER;
import static org.lianxin.scheduler.internal.RuleFixtures.MIANYANG;
import static org.lianxin.scheduler.internal.RuleFixtures.ROOM;
import static org.lianxin.scheduler.internal.RuleFixtures.SHANGHAI;
import static org.lianxin.scheduler.internal.RuleFixtures.booking;
import static org.lianxin.scheduler.internal.RuleFixtures.tuesday;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.lianxin.scheduler.WeeklyWindow;

/** The booking rules without a database or a clock: context and the instant in, the rule broken out. */
class BookingRulesTest {
    static final Instant MONDAY_8 = tuesday(8, 0).minus(Duration.ofDays(1));
    static final List<WeeklyWindow> TUESDAY_MORNING = List.of(
            new WeeklyWindow(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));

    final BookingRules rules = new BookingRules(Duration.ofDays(60), Duration.ofMinutes(15));

    static void refused(ThrowingCallable call, Class<? extends SchedulerException> type, String rule, String message) {
        assertThatThrownBy(call).isInstanceOf(type).hasMessage(message)
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo(rule);
    }

    // ---------------------------------------------------------------- check-in window from the settings

    @Test
    void checkInOpensTheConfiguredTimeBeforeTheStartAndClosesAtTheEnd() {
        Booking b = booking(tuesday(10, 0), BookingState.BOOKED);
        refused(() -> rules.checkCheckInTime(b, tuesday(9, 44)), RuleViolation.class, "too-early-to-check-in",
                "check-in opens 15 minutes before the session");
        assertThatCode(() -> rules.checkCheckInTime(b, tuesday(9, 45))).doesNotThrowAnyException();
        assertThatCode(() -> rules.checkCheckInTime(b, tuesday(10, 29))).doesNotThrowAnyException();
        refused(() -> rules.checkCheckInTime(b, tuesday(10, 30)), RuleViolation.class, "session-over",
                "the session's time is over");
    }

    @Test
    void aChangedCheckInWindowChangesTheRule() {
        BookingRules earlier = new BookingRules(Duration.ofDays(60), Duration.ofMinutes(30));
        Booking b = booking(tuesday(10, 0), BookingState.BOOKED);
        assertThatCode(() -> earlier.checkCheckInTime(b, tuesday(9, 31))).doesNotThrowAnyException();
        refused(() -> earlier.checkCheckInTime(b, tuesday(9, 29)), RuleViolation.class, "too-early-to-check-in",
                "check-in opens 30 minutes before the session");
        assertThatThrownBy(() -> earlier.checkCheckInTime(b, tuesday(9, 29)))
                .extracting(e -> ((SchedulerException) e).facts()).isEqualTo(Map.of("minutes", 30L, "opensAt", tuesday(9, 30).toString()));

        BookingRules atTheStart = new BookingRules(Duration.ofDays(60), Duration.ZERO);
        refused(() -> atTheStart.checkCheckInTime(b, tuesday(9, 59)), RuleViolation.class, "too-early-to-check-in",
                "check-in opens 0 minutes before the session");
        assertThatCode(() -> atTheStart.checkCheckInTime(b, tuesday(10, 0))).doesNotThrowAnyException();
    }

    @Test
    void theIdentityMustMatch() {
        assertThatCode(() -> rules.requireIdentity(true)).doesNotThrowAnyException();
        refused(() -> rules.requireIdentity(false), RuleViolation.class, "identity-mismatch",
                "the ID-card number does not match the case file");
    }

    // ---------------------------------------------------------------- a new or moved booking

    @Test
    void aStartIsRequiredAndFallsOnAWholeMinute() {
        refused(() -> rules.requireStart(null), RuleViolation.class, "start-required", "a booking needs a start time");
        refused(() -> rules.requireNewStart(null), RuleViolation.class, "start-required",
                "a new start time is required");
        refused(() -> rules.slotOf(LEADER, tuesday(9, 0).plusSeconds(30)), RuleViolation.class, "start-not-on-minute",
                "a session starts on a whole minute");
        refused(() -> rules.slotOf(LEADER, tuesday(9, 0).plusMillis(1)), RuleViolation.class, "start-not-on-minute",
                "a session starts on a whole minute");
    }

    @Test
    void theSlotIsTheHostsLengthThenItsBuffer() {
        Official slow = new Official(12, JINJIANG.id(), "慢", "主任", OfficialKind.LEADER, 45, 15, 4, true);
        assertThat(rules.slotOf(slow, tuesday(9, 0)))
                .isEqualTo(new Slot(tuesday(9, 0), tuesday(9, 45), tuesday(10, 0)));
    }

    @Test
    void aSessionIsInTheFutureWithinTheHorizonAndInsideTheHostsHours() {
        Instant now = tuesday(9, 0);
        refused(() -> rules.checkTiming(LEADER, SHANGHAI, TUESDAY_MORNING, rules.slotOf(LEADER, tuesday(9, 0)), now),
                RuleViolation.class, "in-past", "the start time is in the past");
        assertThatCode(() -> rules.checkTiming(LEADER, SHANGHAI, TUESDAY_MORNING, rules.slotOf(LEADER,
                tuesday(9, 1)), now)).doesNotThrowAnyException();
        Instant sixtyOneDays = tuesday(9, 0).plus(Duration.ofDays(61)); // a Friday, out of hours too: horizon first
        refused(() -> rules.checkTiming(LEADER, SHANGHAI, TUESDAY_MORNING, rules.slotOf(LEADER, sixtyOneDays), now),
                RuleViolation.class, "beyond-horizon", "bookings are taken at most 60 days ahead");
        refused(() -> rules.checkTiming(LEADER, SHANGHAI, TUESDAY_MORNING, rules.slotOf(LEADER, tuesday(11, 45)),
                now), RuleViolation.class, "outside-availability",
                "锦江区领导 does not receive 2026-12-01 11:45–12:15 (reception hours: TUE 09:00–12:00)");
        refused(() -> rules.checkTiming(LEADER, SHANGHAI, List.of(), rules.slotOf(LEADER, tuesday(10, 0)), now),
                RuleViolation.class, "outside-availability",
                "锦江区领导 does not receive 2026-12-01 10:00–10:30 (reception hours: none)");
        assertThatCode(() -> rules.checkTiming(LEADER, SHANGHAI, TUESDAY_MORNING, rules.slotOf(LEADER,
                tuesday(11, 30)), now)).doesNotThrowAnyException();
    }

    @Test
    void aSessionAcrossMidnightIsNeverInsideAWindow() {
        List<WeeklyWindow> allDay = List.of(new WeeklyWindow(DayOfWeek.TUESDAY, LocalTime.MIN, LocalTime.MAX));
        refused(() -> rules.checkTiming(LEADER, SHANGHAI, allDay, rules.slotOf(LEADER, tuesday(23, 45)), MONDAY_8),
                RuleViolation.class, "outside-availability",
                "锦江区领导 does not receive 2026-12-01 23:45–2026-12-02 00:15 (reception hours: TUE 00:00–23:59)");
    }

    @Test
    void theCaseLiesInTheHostsJurisdictionAndTheTerminalAtOrAboveTheCasesOffice() {
        Official cityLeader = new Official(13, MIANYANG.id(), "绵阳市领导", "主任", OfficialKind.LEADER, 30, 10, 4, true);
        refused(() -> rules.checkPlacement(cityLeader, MIANYANG, ROOM, JINJIANG, CASE, JINJIANG), RuleViolation.class,
                "case-outside-official-jurisdiction",
                "case SC-2026-000101 of 锦江区 lies outside the jurisdiction of 绵阳市领导 (绵阳市)");
        Terminal mianyangRoom = new Terminal(21, MIANYANG.id(), "绵阳接访室", "", TerminalStatus.ACTIVE);
        refused(() -> rules.checkPlacement(LEADER, JINJIANG, mianyangRoom, MIANYANG, CASE, JINJIANG),
                RuleViolation.class, "terminal-outside-case-office",
                "terminal 绵阳接访室 of 绵阳市 is neither at nor above the case's office 锦江区");
        Terminal cityRoom = new Terminal(22, CHENGDU.id(), "市接访室", "", TerminalStatus.ACTIVE);
        assertThatCode(() -> rules.checkPlacement(LEADER, JINJIANG, cityRoom, CHENGDU, CASE, JINJIANG))
                .doesNotThrowAnyException();
    }

    @Test
    void theHostReceivesTheCaseIsOpenAndTheTerminalActive() {
        Official retired = new Official(14, JINJIANG.id(), "退休", "主任", OfficialKind.LEADER, 30, 10, 4, false);
        refused(() -> rules.requireReceives(retired), RuleViolation.class, "official-inactive", "退休 no longer receives");
        CaseFile closed = new CaseFile(31, "SC-2026-000102", "李四", null, null, "s", "c", JINJIANG.id(),
                CaseStatus.CLOSED, tuesday(8, 0));
        refused(() -> rules.requireOpen(closed), RuleViolation.class, "case-closed", "case SC-2026-000102 is closed");
        assertThatCode(() -> rules.requireOpen(CASE)).doesNotThrowAnyException();
        Terminal maintained = new Terminal(23, JINJIANG.id(), "二号接访室", "", TerminalStatus.MAINTENANCE);
        refused(() -> rules.requireActive(maintained), RuleViolation.class, "terminal-maintenance",
                "terminal 二号接访室 is under maintenance");
    }

    // ---------------------------------------------------------------- invitees

    @Test
    void inviteesAreDistinctNotTheHostAndHaveJurisdictionOverTheCase() {
        refused(() -> rules.distinctInvitees(List.of(11L, 12L, 11L)), RuleViolation.class, "invitee-duplicate",
                "an official is invited twice");
        assertThat(rules.distinctInvitees(List.of(12L, 11L))).containsExactly(12L, 11L);
        refused(() -> rules.requireNotHost(LEADER, LEADER.id()), RuleViolation.class, "invitee-is-host",
                "the host cannot be invited");
        refused(() -> rules.checkInviteeJurisdiction(INVITEE, MIANYANG, CASE, JINJIANG), RuleViolation.class,
                "invitee-outside-jurisdiction", "住建局干部 has no jurisdiction over case SC-2026-000101");
        assertThatCode(() -> rules.checkInviteeJurisdiction(INVITEE, CHENGDU, CASE, JINJIANG))
                .doesNotThrowAnyException();
    }

    @Test
    void anOfficialIsInvitedOnceUnlessItDeclined() {
        Invitation pending = new Invitation(INVITEE.id(), INVITEE.name(), CHENGDU.id(), InvitationState.PENDING);
        Invitation declined = new Invitation(INVITEE.id(), INVITEE.name(), CHENGDU.id(), InvitationState.DECLINED);
        refused(() -> rules.declinedInvitation(booking(tuesday(10, 0), BookingState.BOOKED, null, List.of(pending)),
                INVITEE), Conflict.class, "already-invited", "住建局干部 is invited already");
        assertThat(rules.declinedInvitation(booking(tuesday(10, 0), BookingState.BOOKED, null, List.of(declined)),
                INVITEE)).isEqualTo(declined);
        assertThat(rules.declinedInvitation(booking(tuesday(10, 0), BookingState.BOOKED), INVITEE)).isNull();
    }

    @Test
    void onlyAPendingInvitationIsAnswered() {
        Invitation pending = new Invitation(INVITEE.id(), INVITEE.name(), CHENGDU.id(), InvitationState.PENDING);
        Invitation accepted = new Invitation(INVITEE.id(), INVITEE.name(), CHENGDU.id(), InvitationState.ACCEPTED);
        assertThat(rules.pendingInvitation(booking(tuesday(10, 0), BookingState.BOOKED, null, List.of(pending)),
                INVITEE.id())).isEqualTo(pending);
        refused(() -> rules.pendingInvitation(booking(tuesday(10, 0), BookingState.BOOKED, null, List.of(accepted)),
                INVITEE.id()), Conflict.class, "invitation-answered", "the invitation was ACCEPTED already");
        assertThatThrownBy(() -> rules.pendingInvitation(booking(tuesday(10, 0), BookingState.BOOKED), INVITEE.id()))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void invitationsChangeOnlyWhileTheBookingHoldsItsTime() {
        for (BookingState s : BookingState.ACTIVE) {
            assertThatCode(() -> rules.requireActiveBooking(booking(tuesday(10, 0), s))).doesNotThrowAnyException();
        }
        refused(() -> rules.requireActiveBooking(booking(tuesday(10, 0), BookingState.COMPLETED)),
                RuleViolation.class, "booking-not-active", "the session is COMPLETED");
    }

    // ---------------------------------------------------------------- the session's life

    @Test
    void aStateChangeNamesTheStateItWasRefusedIn() {
        refused(() -> rules.requireState(booking(tuesday(10, 0), BookingState.CHECKED_IN), "reschedule",
                BookingState.BOOKED), Conflict.class, "state-checked-in",
                "cannot reschedule a session that is CHECKED_IN");
        refused(() -> rules.requireState(booking(tuesday(10, 0), BookingState.NO_SHOW), "cancel",
                BookingState.BOOKED, BookingState.CHECKED_IN), Conflict.class, "state-no-show",
                "cannot cancel a session that is NO_SHOW");
        assertThatCode(() -> rules.requireState(booking(tuesday(10, 0), BookingState.CHECKED_IN), "cancel",
                BookingState.BOOKED, BookingState.CHECKED_IN)).doesNotThrowAnyException();
    }

    @Test
    void aCancellationHasAReasonOfAtMost500CharactersTrimmed() {
        refused(() -> rules.cancelReason(null), RuleViolation.class, "cancel-reason-required",
                "a cancellation needs a reason");
        refused(() -> rules.cancelReason("  "), RuleViolation.class, "cancel-reason-required",
                "a cancellation needs a reason");
        refused(() -> rules.cancelReason("x".repeat(501)), RuleViolation.class, "cancel-reason-too-long",
                "reason over 500 characters");
        assertThat(rules.cancelReason(" 信访人改期 ")).isEqualTo("信访人改期");
        assertThat(rules.cancelReason("x".repeat(500))).hasSize(500);
    }

    @Test
    void aNoShowIsMarkedFromTheStartOn() {
        Booking b = booking(tuesday(10, 0), BookingState.BOOKED);
        refused(() -> rules.checkNoShowTime(b, tuesday(9, 59)), RuleViolation.class, "too-early-for-no-show",
                "the session has not started yet");
        assertThatCode(() -> rules.checkNoShowTime(b, tuesday(10, 0))).doesNotThrowAnyException();
    }

    @Test
    void aSessionIsEndedAsInterruptedOnlyOnceItsTimeIsOver() {
        Booking b = booking(tuesday(10, 0), BookingState.IN_SESSION); // 10:00-10:30
        refused(() -> rules.checkInterruptTime(b, tuesday(10, 29)), RuleViolation.class, "session-not-over",
                "the session's time is not over yet");
        assertThatCode(() -> rules.checkInterruptTime(b, tuesday(10, 30))).doesNotThrowAnyException();
    }

    @Test
    void anEvaluationScoresOneToFiveWithAShortCommentOnce() {
        refused(() -> rules.checkEvaluation(0, null), RuleViolation.class, "score-invalid", "the score is 1 to 5");
        refused(() -> rules.checkEvaluation(6, null), RuleViolation.class, "score-invalid", "the score is 1 to 5");
        refused(() -> rules.checkEvaluation(5, "x".repeat(1001)), RuleViolation.class, "comment-too-long",
                "the comment is over 1000 characters");
        assertThatCode(() -> rules.checkEvaluation(1, "x".repeat(1000))).doesNotThrowAnyException();
        refused(() -> rules.requireNotEvaluated(booking(tuesday(10, 0), BookingState.COMPLETED, 4, List.of())),
                Conflict.class, "already-evaluated", "the session was evaluated already");
        assertThatCode(() -> rules.requireNotEvaluated(booking(tuesday(10, 0), BookingState.COMPLETED)))
                .doesNotThrowAnyException();
    }
}
