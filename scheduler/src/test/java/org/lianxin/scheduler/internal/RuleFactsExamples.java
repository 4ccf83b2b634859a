package org.lianxin.scheduler.internal;

import static org.lianxin.scheduler.internal.RuleFixtures.CASE;
import static org.lianxin.scheduler.internal.RuleFixtures.CHENGDU;
import static org.lianxin.scheduler.internal.RuleFixtures.INVITEE;
import static org.lianxin.scheduler.internal.RuleFixtures.JINJIANG;
import static org.lianxin.scheduler.internal.RuleFixtures.LEADER;
import static org.lianxin.scheduler.internal.RuleFixtures.MIANYANG;
import static org.lianxin.scheduler.internal.RuleFixtures.ROOM;
import static org.lianxin.scheduler.internal.RuleFixtures.SHANGHAI;
import static org.lianxin.scheduler.internal.RuleFixtures.TUESDAY;
import static org.lianxin.scheduler.internal.RuleFixtures.booking;
import static org.lianxin.scheduler.internal.RuleFixtures.busy;
import static org.lianxin.scheduler.internal.RuleFixtures.tuesday;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.lianxin.scheduler.internal.CalendarCheck.OfficialCalendar;
import org.lianxin.scheduler.internal.CalendarCheck.TerminalCalendar;

/**
 * One refusal of each scheduling rule whose message names specifics, raised by the real rules (the calendar check,
 * the booking rules) on the fixtures: what the server sends for that rule, facts included. The web module's test of
 * the pages' messages checks every placeholder of each rule's message against these facts.
 */
public final class RuleFactsExamples {
    private RuleFactsExamples() {
    }

    /** Each refusal once, in no particular order. */
    public static List<SchedulerException> all() {
        Slot slot = Slot.withBuffer(tuesday(10, 0), tuesday(10, 30), 10);
        DayWindow day = DayWindow.containing(slot.start(), SHANGHAI);
        TerminalCalendar freeRoom = new TerminalCalendar(ROOM, SHANGHAI, List.of());
        BlockedPeriod block = new BlockedPeriod(1, tuesday(9, 0), tuesday(12, 0), "出差");
        Official onePerDay = new Official(12, JINJIANG.id(), "锦江区副主任", "副主任", OfficialKind.LEADER, 30, 10, 1,
                true);
        Official retired = new Official(13, JINJIANG.id(), "退休领导", "主任", OfficialKind.LEADER, 30, 10, 4, false);
        BookingRules rules = new BookingRules(Duration.ofDays(60), Duration.ofMinutes(15));
        Instant now = tuesday(8, 0);
        List<Runnable> refusals = List.of(
                () -> CalendarCheck.check(slot, day, 10, new TerminalCalendar(ROOM, SHANGHAI,
                        List.of(busy(ROOM.id(), tuesday(9, 30)))), List.of()),
                () -> CalendarCheck.check(slot, day, 10, freeRoom, List.of(
                        new OfficialCalendar(LEADER, true, SHANGHAI, List.of(block), List.of()))),
                () -> CalendarCheck.check(slot, day, 10, null, List.of(
                        new OfficialCalendar(INVITEE, false, SHANGHAI, List.of(block), List.of()))),
                () -> CalendarCheck.check(slot, day, 10, freeRoom, List.of(new OfficialCalendar(LEADER, true, SHANGHAI,
                        List.of(), List.of(busy(LEADER.id(), tuesday(9, 30)))))),
                () -> CalendarCheck.check(slot, day, 10, null, List.of(new OfficialCalendar(INVITEE, false, SHANGHAI,
                        List.of(), List.of(busy(INVITEE.id(), tuesday(10, 15)))))),
                () -> CalendarCheck.check(slot, day, 10, freeRoom, List.of(new OfficialCalendar(onePerDay, true,
                        SHANGHAI, List.of(), List.of(busy(onePerDay.id(), tuesday(15, 0)))))),
                () -> rules.checkTiming(LEADER, SHANGHAI, List.of(), slot, now),
                () -> rules.checkTiming(LEADER, SHANGHAI, List.of(),
                        Slot.withBuffer(tuesday(10, 0).plus(Duration.ofDays(90)),
                                tuesday(10, 30).plus(Duration.ofDays(90)), 10), now),
                () -> rules.checkPlacement(LEADER, MIANYANG, ROOM, JINJIANG, CASE, JINJIANG),
                () -> rules.checkPlacement(LEADER, JINJIANG, ROOM, MIANYANG, CASE, JINJIANG),
                () -> rules.checkInviteeJurisdiction(INVITEE, MIANYANG, CASE, JINJIANG),
                () -> rules.requireActive(new Terminal(21, JINJIANG.id(), "二号接访室", "二楼",
                        TerminalStatus.MAINTENANCE)),
                () -> rules.requireReceives(retired),
                () -> rules.requireOpen(new CaseFile(31, "SC-2026-000102", "李四", "5101**********4321", null, "噪音",
                        "ENVIRONMENT", JINJIANG.id(), CaseStatus.CLOSED, tuesday(8, 0).minus(Duration.ofDays(30)))),
                () -> rules.declinedInvitation(booking(tuesday(10, 0), BookingState.BOOKED, null,
                        List.of(new Invitation(INVITEE.id(), INVITEE.name(), CHENGDU.id(), InvitationState.PENDING))),
                        INVITEE),
                () -> rules.cancelReason("太长".repeat(251)),
                () -> rules.checkEvaluation(5, "太长".repeat(501)),
                () -> rules.checkCheckInTime(booking(tuesday(10, 0), BookingState.BOOKED), TUESDAY.atStartOfDay(SHANGHAI)
                        .toInstant()));
        List<SchedulerException> out = new ArrayList<>();
        for (Runnable refusal : refusals) {
            try {
                refusal.run();
            } catch (SchedulerException e) {
                out.add(e);
                continue;
            }
            throw new AssertionError("refusal " + (out.size() + 1) + " was not refused");
        }
        return List.copyOf(out);
    }
}
