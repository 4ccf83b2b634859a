package org.lianxin.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianxin.scheduler.internal.RuleFixtures.INVITEE;
import static org.lianxin.scheduler.internal.RuleFixtures.LEADER;
import static org.lianxin.scheduler.internal.RuleFixtures.ROOM;
import static org.lianxin.scheduler.internal.RuleFixtures.SHANGHAI;
import static org.lianxin.scheduler.internal.RuleFixtures.TUESDAY;
import static org.lianxin.scheduler.internal.RuleFixtures.URUMQI;
import static org.lianxin.scheduler.internal.RuleFixtures.busy;
import static org.lianxin.scheduler.internal.RuleFixtures.tuesday;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.scheduler.internal.CalendarCheck.OfficialCalendar;
import org.lianxin.scheduler.internal.CalendarCheck.TerminalCalendar;

/** The one calendar rule (bookings and mid-session invitations) without a database: calendars in, conflict out. */
class CalendarCheckTest {
    /** 10:00–10:30, busy until 10:40. */
    static final Slot SLOT = Slot.withBuffer(tuesday(10, 0), tuesday(10, 30), 10);
    static final DayWindow DAY = DayWindow.containing(SLOT.start(), SHANGHAI);

    static OfficialCalendar host(List<BlockedPeriod> blocks, List<Busy> engagements) {
        return new OfficialCalendar(LEADER, true, SHANGHAI, blocks, engagements);
    }

    static OfficialCalendar invitee(List<BlockedPeriod> blocks, List<Busy> engagements) {
        return new OfficialCalendar(INVITEE, false, SHANGHAI, blocks, engagements);
    }

    static TerminalCalendar room(Busy... engagements) {
        return new TerminalCalendar(ROOM, SHANGHAI, List.of(engagements));
    }

    static BlockedPeriod block(Instant start, Instant end, String reason) {
        return new BlockedPeriod(1, start, end, reason);
    }

    static void conflict(ThrowingCallable call, String rule, String message) {
        assertThatThrownBy(call).isInstanceOf(Conflict.class).hasMessage(message)
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo(rule);
    }

    static void free(TerminalCalendar terminal, OfficialCalendar... officials) {
        assertThatCode(() -> CalendarCheck.check(SLOT, DAY, 10, terminal, List.of(officials)))
                .doesNotThrowAnyException();
    }

    @Test
    void anEmptyCalendarIsFree() {
        free(room(), host(List.of(), List.of()), invitee(List.of(), List.of()));
        free(null, invitee(List.of(), List.of()));
    }

    @Test
    void theTerminalHostsOneSessionAtATimeBuffersIncluded() {
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(busy(ROOM.id(), tuesday(9, 30))),
                List.of(host(List.of(), List.of()))), "terminal-busy", "terminal 一号接访室 busy 2026-12-01 09:30–10:00");
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(busy(ROOM.id(), tuesday(10, 35))),
                List.of(host(List.of(), List.of()))), "terminal-busy", "terminal 一号接访室 busy 2026-12-01 10:35–11:05");
        free(room(busy(ROOM.id(), tuesday(9, 20)), busy(ROOM.id(), tuesday(10, 40))), host(List.of(), List.of()));
    }

    @Test
    void theTerminalIsCheckedBeforeAnyOfficial() {
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(busy(ROOM.id(), tuesday(10, 0))),
                List.of(host(List.of(), List.of(busy(LEADER.id(), tuesday(10, 0)))))), "terminal-busy",
                "terminal 一号接访室 busy 2026-12-01 10:00–10:30");
    }

    @Test
    void aBlockedPeriodOverlappingTheSessionRefusesTheHostOrTheInvitee() {
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(), List.of(host(List.of(block(tuesday(10, 15),
                tuesday(11, 0), "会议")), List.of()))), "official-blocked",
                "锦江区领导 is not available 2026-12-01 10:15–11:00 (会议)");
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, null, List.of(invitee(List.of(block(tuesday(9, 0),
                tuesday(10, 1), null)), List.of()))), "invitee-blocked",
                "住建局干部 is not available 2026-12-01 09:00–10:01");
        // the buffer may run into a block; a block ending at the start is no overlap
        free(room(), host(List.of(block(tuesday(10, 30), tuesday(12, 0), "午休"), block(tuesday(8, 0),
                tuesday(10, 0), null)), List.of()));
    }

    @Test
    void anotherEngagementOverlappingTheSlotWithBuffersRefusesTheHostOrTheInvitee() {
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(), List.of(host(List.of(),
                List.of(busy(LEADER.id(), tuesday(9, 25)))))), "official-busy",
                "锦江区领导 busy 2026-12-01 09:25–09:55 (with a 10 min buffer)");
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(), List.of(host(List.of(), List.of()),
                invitee(List.of(), List.of(busy(INVITEE.id(), tuesday(10, 39)))))), "invitee-busy",
                "住建局干部 busy 2026-12-01 10:39–11:09 (with a 10 min buffer)");
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, null, List.of(invitee(List.of(),
                List.of(busy(INVITEE.id(), tuesday(10, 0)))))), "invitee-busy",
                "住建局干部 busy 2026-12-01 10:00–10:30 (with a 10 min buffer)");
        // busy until 10:00 exactly, or starting when this slot's buffer ends: no overlap
        free(room(), host(List.of(), List.of(busy(LEADER.id(), tuesday(9, 20)), busy(LEADER.id(), tuesday(10, 40)))));
    }

    @Test
    void theDailyMaximumCountsTheSessionsStartingOnTheDay() {
        Official twoADay = RuleFixtures.official(15, RuleFixtures.JINJIANG, "两场", 2);
        List<Busy> two = List.of(busy(twoADay.id(), tuesday(8, 0)), busy(twoADay.id(), tuesday(15, 0)));
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(), List.of(new OfficialCalendar(twoADay, true,
                SHANGHAI, List.of(), two))), "daily-limit", "两场 has 2 sessions on 2026-12-01 already (the daily maximum)");
        // one of them the evening before (it runs past midnight) and the next day: only one on the day
        List<Busy> around = List.of(busy(twoADay.id(), tuesday(23, 50).minusSeconds(24 * 3600)),
                busy(twoADay.id(), tuesday(15, 0)), busy(twoADay.id(), tuesday(0, 0).plusSeconds(24 * 3600)));
        free(room(), new OfficialCalendar(twoADay, true, SHANGHAI, List.of(), around));
    }

    @Test
    void theDayIsTheCallersAndTimesAreToldInEachOfficialsZone() {
        Official twoADay = RuleFixtures.official(16, RuleFixtures.CHENGDU, "乌鲁木齐干部", 2);
        // 07:00 and 15:00 Shanghai are 05:00 and 13:00 in Urumqi (UTC+6): both on Tuesday in either zone
        List<Busy> two = List.of(busy(twoADay.id(), tuesday(7, 0)), busy(twoADay.id(), tuesday(15, 0)));
        conflict(() -> CalendarCheck.check(SLOT, DayWindow.containing(SLOT.start(), URUMQI), 10, null,
                List.of(new OfficialCalendar(twoADay, false, URUMQI, List.of(), two))), "daily-limit",
                "乌鲁木齐干部 has 2 sessions on 2026-12-01 already (the daily maximum)");
        // 01:30 Shanghai on Tuesday is 23:30 on Monday in Urumqi: counted on Tuesday in Shanghai only
        List<Busy> early = List.of(busy(twoADay.id(), tuesday(1, 30)), busy(twoADay.id(), tuesday(15, 0)));
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, null,
                List.of(new OfficialCalendar(twoADay, false, URUMQI, List.of(), early))), "daily-limit",
                "乌鲁木齐干部 has 2 sessions on 2026-12-01 already (the daily maximum)");
        assertThatCode(() -> CalendarCheck.check(SLOT, DayWindow.containing(SLOT.start(), URUMQI), 10, null,
                List.of(new OfficialCalendar(twoADay, false, URUMQI, List.of(), early)))).doesNotThrowAnyException();
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, null, List.of(new OfficialCalendar(twoADay, false, URUMQI,
                List.of(), List.of(busy(twoADay.id(), tuesday(10, 0)))))), "invitee-busy",
                "乌鲁木齐干部 busy 2026-12-01 08:00–08:30 (with a 10 min buffer)");
    }

    @Test
    void officialsAreCheckedInOrderHostFirst() {
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(), List.of(
                host(List.of(), List.of(busy(LEADER.id(), tuesday(10, 0)))),
                invitee(List.of(block(tuesday(9, 0), tuesday(12, 0), null)), List.of()))), "official-busy",
                "锦江区领导 busy 2026-12-01 10:00–10:30 (with a 10 min buffer)");
        conflict(() -> CalendarCheck.check(SLOT, DAY, 10, room(), List.of(
                host(List.of(block(tuesday(9, 0), tuesday(12, 0), null)), List.of(busy(LEADER.id(), tuesday(10, 0)))))),
                "official-blocked", "锦江区领导 is not available 2026-12-01 09:00–12:00");
    }

    @Test
    void theFreeSlotSearchAnswersAsTheCheckDoes() {
        List<Instant> starts = new ArrayList<>();
        for (int m = 0; m <= 120; m += 5) starts.add(tuesday(9, 0).plusSeconds(60L * m));
        List<BlockedPeriod> blocks = List.of(block(tuesday(9, 50), tuesday(10, 5), null));
        List<Busy> engaged = List.of(busy(LEADER.id(), tuesday(10, 30)));
        List<Busy> terminal = List.of(busy(ROOM.id(), tuesday(9, 0)));
        for (Instant start : starts) {
            Slot slot = Slot.withBuffer(start, start.plusSeconds(1800), 10);
            boolean checked;
            try {
                CalendarCheck.check(slot, DayWindow.containing(start, SHANGHAI), 10,
                        new TerminalCalendar(ROOM, SHANGHAI, terminal),
                        List.of(new OfficialCalendar(LEADER, true, SHANGHAI, blocks, engaged)));
                checked = true;
            } catch (Conflict e) {
                checked = false;
            }
            assertThat(CalendarCheck.isFree(slot, blocks, engaged, terminal)).as("slot at %s", start)
                    .isEqualTo(checked);
        }
    }

    @Test
    void aDayRunsFromMidnightToMidnightInItsZone() {
        DayWindow day = DayWindow.containing(tuesday(0, 30), SHANGHAI);
        assertThat(day.day()).isEqualTo(TUESDAY);
        assertThat(day.contains(tuesday(0, 0))).isTrue();
        assertThat(day.contains(tuesday(0, 0).minusNanos(1))).isFalse();
        assertThat(day.contains(tuesday(0, 0).plusSeconds(24 * 3600))).isFalse();
        assertThat(DayWindow.containing(tuesday(0, 30), URUMQI).day()).isEqualTo(TUESDAY.minusDays(1));
    }
}
