package org.lianxin.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianxin.scheduler.testing.SchedulerWorld.MONDAY;
import static org.lianxin.scheduler.testing.SchedulerWorld.tuesday;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Scheduler rules against a real database; run once on PostgreSQL and once on H2. */
abstract class SchedulerContract {
    SchedulerWorld w;
    Scheduler s;
    JdbcClient jdbc;

    abstract DataSource freshDatabase();

    @BeforeEach
    void world() {
        DataSource ds = freshDatabase();
        w = new SchedulerWorld(ds);
        s = w.scheduler;
        jdbc = JdbcClient.create(ds);
    }

    Booking bookJinjiang(Instant start) {
        return s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), start, List.of()));
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    void assertRefused(Runnable action, Class<? extends SchedulerException> type, String rule) {
        long bookings = rows("booking"), events = rows("booking_event"), invitations = rows("booking_invitation");
        assertThatThrownBy(action::run).isInstanceOf(type).extracting(e -> ((SchedulerException) e).rule())
                .isEqualTo(rule);
        assertThat(rows("booking")).as("bookings after a refused request").isEqualTo(bookings);
        assertThat(rows("booking_event")).as("events after a refused request").isEqualTo(events);
        assertThat(rows("booking_invitation")).isEqualTo(invitations);
    }

    @Test
    void anEvaluatorsAccountSeesNoOfficeNotEvenTheOneItBelongsTo() {
        Booking b = bookJinjiang(tuesday(9, 0));
        Actor evaluator = new Actor("ev.wang", Role.EVALUATOR, w.province.id(), null);
        assertThatThrownBy(() -> s.cases().get(evaluator, w.jinjiangCase.id()))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThatThrownBy(() -> s.bookings().get(evaluator, b.id())).isInstanceOf(SchedulerException.class);
        assertThat(s.cases().get(w.system, w.jinjiangCase.id()).id()).isEqualTo(w.jinjiangCase.id());
    }

    @Test
    void bookingInsideReceptionHoursIsBookedWithHistoryAndCode() {
        Booking b = bookJinjiang(tuesday(9, 0));
        assertThat(b.state()).isEqualTo(BookingState.BOOKED);
        assertThat(b.end()).isEqualTo(tuesday(9, 30));
        assertThat(b.code()).hasSize(8).matches("[2-9A-HJ-NP-Z]{8}");
        assertThat(s.bookings().byCode(w.jinjiangStaff, b.code().toLowerCase()).id()).isEqualTo(b.id());
        assertThat(s.bookings().history(w.jinjiangStaff, b.id())).extracting(BookingEvent::kind)
                .containsExactly("BOOKED");
    }

    @Test
    void aSessionInsideTheBufferOfAnotherIsRefusedAndOneAfterItIsTaken() {
        bookJinjiang(tuesday(9, 0)); // 09:00–09:30, busy until 09:40
        assertRefused(() -> s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(),
                w.jinjiangRoom2.id(), w.jinjiangCase.id(), tuesday(9, 35), List.of())), Conflict.class, "official-busy");
        Booking next = s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(), w.jinjiangRoom2.id(),
                w.jinjiangCase.id(), tuesday(9, 40), List.of()));
        assertThat(next.start()).isEqualTo(tuesday(9, 40));
    }

    @Test
    void theTerminalHostsOneSessionAtATimeWhoeverTheOfficial() {
        bookJinjiang(tuesday(10, 0));
        assertThatThrownBy(() -> s.bookings().book(w.system, new NewBooking(w.chengduLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(10, 15), List.of())))
                .isInstanceOf(Conflict.class).hasMessageContaining("terminal 一号接访室 busy 2026-12-01 10:00–10:30")
                .extracting(e -> ((Conflict) e).rule()).isEqualTo("terminal-busy");
    }

    @Test
    void timesOutsideHoursInThePastOrBeyondTheHorizonAreRefused() {
        assertRefused(() -> bookJinjiang(tuesday(12, 0)), RuleViolation.class, "outside-availability");
        assertRefused(() -> bookJinjiang(tuesday(11, 45)), RuleViolation.class, "outside-availability");
        assertRefused(() -> bookJinjiang(SchedulerWorld.at(MONDAY.plusDays(5), 9, 0)), RuleViolation.class,
                "outside-availability"); // Saturday
        assertRefused(() -> bookJinjiang(SchedulerWorld.at(MONDAY.minusDays(3), 9, 0)), RuleViolation.class, "in-past");
        assertRefused(() -> bookJinjiang(SchedulerWorld.at(MONDAY.plusDays(63), 9, 0)), RuleViolation.class,
                "beyond-horizon");
        assertRefused(() -> bookJinjiang(tuesday(9, 0).plusSeconds(30)), RuleViolation.class, "start-not-on-minute");
    }

    @Test
    void jurisdictionIsEnforcedForTheActorTheOfficialAndTheTerminal() {
        // county staff cannot book another county's terminal
        assertRefused(() -> s.bookings().book(w.jinjiangStaff, new NewBooking(w.fuchengLeader.id(),
                w.fuchengRoom.id(), w.fuchengCase.id(), tuesday(9, 0), List.of())), OutOfJurisdiction.class,
                "out-of-jurisdiction");
        // a county leader has no jurisdiction over another county's case
        assertRefused(() -> s.bookings().book(w.system, new NewBooking(w.fuchengLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of())), RuleViolation.class,
                "case-outside-official-jurisdiction");
        // the terminal must be at the case's office or above it
        assertRefused(() -> s.bookings().book(w.system, new NewBooking(w.provinceLeader.id(), w.fuchengRoom.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of())), RuleViolation.class, "terminal-outside-case-office");
        // a provincial leader receives a county petitioner at the county's terminal
        Booking b = s.bookings().book(w.jinjiangStaff, new NewBooking(w.provinceLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of()));
        assertThat(b.officialName()).isEqualTo("省领导");
        // and the city's terminal (above the case's county) may be used by city staff
        s.bookings().book(w.chengduStaff, new NewBooking(w.chengduLeader.id(), w.chengduRoom.id(),
                w.jinjiangCase.id(), tuesday(14, 0), List.of()));
        // other counties do not even see the booking
        assertThatThrownBy(() -> s.bookings().get(w.fuchengStaff, b.id())).isInstanceOf(NotFound.class);
        assertThat(s.bookings().list(w.fuchengStaff, BookingQuery.all())).isEmpty();
        assertThat(s.bookings().list(w.jinjiangStaff, BookingQuery.all())).hasSize(1);
        assertThat(s.bookings().list(w.chengduStaff, BookingQuery.all())).hasSize(2);
    }

    @Test
    void anOfficialIsReadAsTheListsShowItAndAwayReasonsStayInsideTheSubtree() {
        Instant start = tuesday(13, 0);
        s.officials().block(w.system, w.chengduLeader.id(), start, start.plus(Duration.ofHours(1)), "市委常委会");
        s.officials().block(w.system, w.jinjiangLeader.id(), start, start.plus(Duration.ofHours(1)), "区里开会");
        // a county reads the city's leader and its department's official (joint receptions), never why away
        assertThat(s.officials().get(w.jinjiangStaff, w.chengduLeader.id()).name()).isEqualTo("市领导");
        assertThat(s.officials().get(w.jinjiangStaff, w.housingOfficial.id()).name()).isEqualTo("住建局干部");
        ReceptionCalendar above = s.officials().calendar(w.jinjiangStaff, w.chengduLeader.id());
        assertThat(above.blocks()).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(start);
            assertThat(b.reason()).isNull();
        });
        // inside the subtree: the reasons
        assertThat(s.officials().calendar(w.chengduStaff, w.jinjiangLeader.id()).blocks())
                .extracting(BlockedPeriod::reason).containsExactly("区里开会");
        assertThat(s.officials().calendar(w.system, w.chengduLeader.id()).blocks())
                .extracting(BlockedPeriod::reason).containsExactly("市委常委会");
        // another city's county: nothing at all
        assertRefused(() -> s.officials().get(w.fuchengStaff, w.jinjiangLeader.id()), OutOfJurisdiction.class,
                "out-of-jurisdiction");
        assertRefused(() -> s.officials().calendar(w.fuchengStaff, w.chengduLeader.id()), OutOfJurisdiction.class,
                "out-of-jurisdiction");
        assertRefused(() -> s.officials().get(w.jinjiangStaff, w.fuchengLeader.id()), OutOfJurisdiction.class,
                "out-of-jurisdiction");
    }

    @Test
    void countyStaffSeeTheLeadersAndDepartmentsAboveThemButNotOtherCounties() {
        assertThat(s.officials().list(w.jinjiangStaff, w.chengdu.id(), false)).extracting(Official::name)
                .containsExactly("市领导");
        assertThat(s.officials().list(w.jinjiangStaff, w.housingDept.id(), false)).extracting(Official::name)
                .containsExactly("住建局干部");
        assertThat(s.officials().list(w.jinjiangStaff, w.province.id(), false)).extracting(Official::name)
                .containsExactly("省领导");
        assertThatThrownBy(() -> s.officials().list(w.jinjiangStaff, w.fucheng.id(), false))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThatThrownBy(() -> s.officials().list(w.jinjiangStaff, w.mianyang.id(), false))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThat(s.availability().freeSlots(w.jinjiangStaff, w.housingOfficial.id(), MONDAY, MONDAY, null))
                .isEmpty(); // a department official has no reception windows of its own
    }

    @Test
    void unknownIdsAreNotFoundAndWriteNothing() {
        assertRefused(() -> s.bookings().book(w.jinjiangStaff, new NewBooking(999_999, w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of())), NotFound.class, "official-not-found");
        assertRefused(() -> s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(), 999_999,
                w.jinjiangCase.id(), tuesday(9, 0), List.of())), NotFound.class, "terminal-not-found");
        assertRefused(() -> s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(),
                w.jinjiangRoom1.id(), 999_999, tuesday(9, 0), List.of())), NotFound.class, "case-not-found");
    }

    @Test
    void theDailyMaximumAndBlockedPeriodsAreRespected() {
        bookJinjiang(tuesday(9, 0));
        bookJinjiang(tuesday(10, 0));
        bookJinjiang(tuesday(11, 0));
        bookJinjiang(tuesday(14, 0));
        assertRefused(() -> bookJinjiang(tuesday(15, 0)), Conflict.class, "daily-limit");
        s.officials().block(w.system, w.jinjiangLeader.id(), tuesday(0, 0).plus(Duration.ofDays(1)),
                tuesday(0, 0).plus(Duration.ofDays(2)), "全市会议");
        assertRefused(() -> bookJinjiang(SchedulerWorld.at(MONDAY.plusDays(2), 9, 0)), Conflict.class,
                "official-blocked");
    }

    @Test
    void aMaintainedTerminalCannotBeBooked() {
        s.terminals().setStatus(w.jinjiangStaff, w.jinjiangRoom1.id(), TerminalStatus.MAINTENANCE);
        assertRefused(() -> bookJinjiang(tuesday(9, 0)), RuleViolation.class, "terminal-maintenance");
    }

    @Test
    void jointReceptionChecksInviteesAndDeclinedInvitationsFreeTheirTime() {
        Booking b = s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of(w.housingOfficial.id())));
        assertThat(b.invitations()).extracting(Invitation::state).containsExactly(InvitationState.PENDING);
        // the housing official is now busy: another booking inviting them at the same time is refused
        assertRefused(() -> s.bookings().book(w.system, new NewBooking(w.chengduLeader.id(), w.chengduRoom.id(),
                w.jinjiangCase.id(), tuesday(9, 10), List.of(w.housingOfficial.id()))), Conflict.class, "invitee-busy");
        Actor housing = new Actor("cd.housing", Role.OFFICIAL, w.housingDept.id(), w.housingOfficial.id());
        assertThat(s.bookings().list(housing, BookingQuery.all())).extracting(Booking::id).containsExactly(b.id());
        Booking declined = s.bookings().respond(housing, b.id(), w.housingOfficial.id(), false);
        assertThat(declined.invitations()).extracting(Invitation::state).containsExactly(InvitationState.DECLINED);
        assertRefused(() -> s.bookings().respond(housing, b.id(), w.housingOfficial.id(), true), Conflict.class,
                "invitation-answered");
        Booking other = s.bookings().book(w.system, new NewBooking(w.chengduLeader.id(), w.chengduRoom.id(),
                w.jinjiangCase.id(), tuesday(9, 10), List.of(w.housingOfficial.id())));
        assertThat(s.bookings().respond(housing, other.id(), w.housingOfficial.id(), true).invitations())
                .extracting(Invitation::state).containsExactly(InvitationState.ACCEPTED);
        // a county leader is no department of this case's jurisdiction? it is: same county. A Fucheng leader is not.
        assertRefused(() -> s.bookings().invite(w.jinjiangStaff, b.id(), w.fuchengLeader.id()), RuleViolation.class,
                "invitee-outside-jurisdiction");
        assertRefused(() -> s.bookings().invite(w.jinjiangStaff, b.id(), w.jinjiangLeader.id()), RuleViolation.class,
                "invitee-is-host");
    }

    @Test
    void rescheduleMovesTheSessionKeepsHistoryAndFreesTheOldTime() {
        Booking b = bookJinjiang(tuesday(9, 0));
        Booking moved = s.bookings().reschedule(w.jinjiangStaff, b.id(), tuesday(10, 0), w.jinjiangRoom2.id());
        assertThat(moved.start()).isEqualTo(tuesday(10, 0));
        assertThat(moved.terminalId()).isEqualTo(w.jinjiangRoom2.id());
        assertThat(moved.version()).isGreaterThan(b.version());
        assertThat(s.bookings().history(w.jinjiangStaff, b.id())).extracting(BookingEvent::kind)
                .containsExactly("BOOKED", "RESCHEDULED");
        assertThat(s.bookings().history(w.jinjiangStaff, b.id()).get(1).detail())
                .contains("2026-12-01 09:00–09:30").contains("2026-12-01 10:00–10:30");
        bookJinjiang(tuesday(9, 0)); // the old time is free again
        // rescheduling onto itself (overlapping its own old time) is allowed
        s.bookings().reschedule(w.jinjiangStaff, moved.id(), tuesday(10, 10), null);
    }

    @Test
    void cancelFreesTheSlotAndStateChangesFollowTheLifecycle() {
        Booking b = bookJinjiang(tuesday(9, 0));
        assertRefused(() -> s.bookings().cancel(w.jinjiangStaff, b.id(), " "), RuleViolation.class,
                "cancel-reason-required");
        Booking cancelled = s.bookings().cancel(w.jinjiangStaff, b.id(), "信访人改期");
        assertThat(cancelled.state()).isEqualTo(BookingState.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("信访人改期");
        assertRefused(() -> s.bookings().cancel(w.jinjiangStaff, b.id(), "again"), Conflict.class, "state-cancelled");
        assertRefused(() -> s.bookings().reschedule(w.jinjiangStaff, b.id(), tuesday(10, 0), null), Conflict.class,
                "state-cancelled");
        assertThat(bookJinjiang(tuesday(9, 0)).state()).isEqualTo(BookingState.BOOKED);
    }

    /** A value as another connection, on another thread, sees it now: only what has been committed. */
    String committed(String sql, long id) {
        return CompletableFuture.supplyAsync(() -> jdbc.sql(sql).param(id).query(String.class)
                .single()).join();
    }

    /** What a listener was told, and the booking's state another connection saw at that moment. */
    record Told(ScheduleEvent event, String committedState) {
    }

    @Test
    void aCancellationAndANoShowAreToldAfterCommitWhoeverMadeThemAndARefusalIsNot() {
        List<Told> told = new CopyOnWriteArrayList<>();
        Scheduler telling = w.schedulerTelling(e -> told.add(new Told(e, committed("select state from booking "
                + "where id = ?", ((ScheduleEvent.BookingClosed) e).bookingId()))));
        Booking cancelled = bookJinjiang(tuesday(9, 0));
        Booking missed = bookJinjiang(tuesday(10, 0));
        Actor leader = new Actor("jinjiang.leader", Role.LEADER, w.jinjiang.id(), w.jinjiangLeader.id());
        telling.bookings().cancel(leader, cancelled.id(), "领导另有安排"); // the host, not staff
        assertRefused(() -> telling.bookings().cancel(w.jinjiangStaff, cancelled.id(), "again"), Conflict.class,
                "state-cancelled");
        w.clock.set(tuesday(10, 5));
        telling.bookings().noShow(w.system, missed.id());
        assertThat(told).containsExactly(
                new Told(new ScheduleEvent.BookingClosed(cancelled.id(), BookingState.CANCELLED), "CANCELLED"),
                new Told(new ScheduleEvent.BookingClosed(missed.id(), BookingState.NO_SHOW), "NO_SHOW"));
    }

    @Test
    void aSessionNobodyContinuedEndsAsInterruptedOnceItsTimeIsOverAndIsToldAfterCommit() {
        List<Told> told = new CopyOnWriteArrayList<>();
        Scheduler telling = w.schedulerTelling(e -> {
            if (e instanceof ScheduleEvent.BookingClosed closed) {
                told.add(new Told(e, committed("select state from booking where id = ?", closed.bookingId())));
            }
        });
        Booking b = bookJinjiang(tuesday(9, 0)); // 09:00-09:30
        Booking notStarted = bookJinjiang(tuesday(10, 0));
        Actor leader = new Actor("jinjiang.leader", Role.LEADER, w.jinjiang.id(), w.jinjiangLeader.id());
        w.clock.set(tuesday(8, 50));
        telling.bookings().checkIn(w.jinjiangStaff, b.id(), w.jinjiangCaseId);
        telling.bookings().startSession(leader, b.id());
        w.clock.set(tuesday(9, 29));
        assertRefused(() -> telling.bookings().interrupt(w.system, b.id(), "cut off"), RuleViolation.class,
                "session-not-over");
        w.clock.set(tuesday(10, 45));
        assertRefused(() -> telling.bookings().interrupt(w.system, notStarted.id(), "cut off"), Conflict.class,
                "state-booked");
        assertRefused(() -> telling.bookings().interrupt(w.fuchengStaff, b.id(), "cut off"), NotFound.class,
                "booking-not-found");

        Booking interrupted = telling.bookings().interrupt(w.system, b.id(), " 连接中断，无人重新加入 ");
        assertThat(interrupted.state()).isEqualTo(BookingState.INTERRUPTED);
        assertThat(interrupted.state().active()).as("an interrupted booking holds no one's time").isFalse();
        assertThat(interrupted.cancelReason()).isNull();
        BookingEvent last = telling.bookings().history(w.jinjiangStaff, b.id()).get(3);
        assertThat(last.kind()).isEqualTo("INTERRUPTED");
        assertThat(last.detail()).isEqualTo("连接中断，无人重新加入");
        assertThat(telling.bookings().history(w.jinjiangStaff, b.id())).extracting(BookingEvent::kind)
                .containsExactly("BOOKED", "CHECKED_IN", "IN_SESSION", "INTERRUPTED");
        assertThat(told).containsExactly(
                new Told(new ScheduleEvent.BookingClosed(b.id(), BookingState.INTERRUPTED), "INTERRUPTED"));
        // ended: not again, not completed, not evaluated
        assertRefused(() -> telling.bookings().interrupt(w.system, b.id(), "again"), Conflict.class,
                "state-interrupted");
        assertRefused(() -> telling.bookings().complete(leader, b.id()), Conflict.class, "state-interrupted");
        assertRefused(() -> telling.bookings().evaluate(w.jinjiangStaff, b.id(), 5, null), Conflict.class,
                "state-interrupted");
        assertThat(told).hasSize(1);
    }

    @Test
    void aListenerThatFailsLeavesTheCancellationStanding() {
        Scheduler telling = w.schedulerTelling(e -> {
            throw new IllegalStateException("listener down");
        });
        Booking b = bookJinjiang(tuesday(9, 0));
        assertThat(telling.bookings().cancel(w.jinjiangStaff, b.id(), "改期").state())
                .isEqualTo(BookingState.CANCELLED);
        assertThat(s.bookings().get(w.jinjiangStaff, b.id()).state()).isEqualTo(BookingState.CANCELLED);
    }

    @Test
    void checkInOpensAsTheSettingsSay() {
        Scheduler early = Scheduler.create(w.dataSource, new DataSourceTransactionManager(w.dataSource), w.clock,
                new SchedulerSettings(w.settings.horizon(), w.settings.defaultZone(), w.settings.identityKey(),
                        Duration.ofMinutes(60)));
        Booking b = bookJinjiang(tuesday(9, 0));
        w.clock.set(tuesday(8, 30)); // 30 min before: refused by default (15 min), taken with 60 min
        assertRefused(() -> s.bookings().checkIn(w.jinjiangStaff, b.id(), w.jinjiangCaseId), RuleViolation.class,
                "too-early-to-check-in");
        assertThat(early.bookings().checkIn(w.jinjiangStaff, b.id(), w.jinjiangCaseId).state())
                .isEqualTo(BookingState.CHECKED_IN);
    }

    @Test
    void checkInNeedsTheRightIdNumberThenTheSessionRunsToCompletionAndIsEvaluated() {
        Booking b = bookJinjiang(tuesday(9, 0));
        assertThatThrownBy(() -> s.bookings().checkIn(w.jinjiangStaff, b.id(), w.jinjiangCaseId))
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo("too-early-to-check-in");
        w.clock.set(tuesday(8, 50));
        assertThatThrownBy(() -> s.bookings().checkIn(w.jinjiangStaff, b.id(), IdNumbers.valid("510104", 99)))
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo("identity-mismatch");
        assertThat(s.bookings().checkIn(w.jinjiangStaff, b.id(), w.jinjiangCaseId.toLowerCase()).state())
                .isEqualTo(BookingState.CHECKED_IN);
        assertThatThrownBy(() -> s.bookings().evaluate(w.jinjiangStaff, b.id(), 5, "好"))
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo("state-checked-in");
        Actor leader = new Actor("jinjiang.leader", Role.LEADER, w.jinjiang.id(), w.jinjiangLeader.id());
        assertThat(s.bookings().startSession(leader, b.id()).state()).isEqualTo(BookingState.IN_SESSION);
        assertThat(s.bookings().complete(leader, b.id()).state()).isEqualTo(BookingState.COMPLETED);
        assertThatThrownBy(() -> s.bookings().evaluate(w.jinjiangStaff, b.id(), 6, null))
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo("score-invalid");
        Booking evaluated = s.bookings().evaluate(w.jinjiangStaff, b.id(), 4, "处理及时");
        assertThat(evaluated.satisfactionScore()).isEqualTo(4);
        assertThatThrownBy(() -> s.bookings().evaluate(w.jinjiangStaff, b.id(), 5, null))
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo("already-evaluated");
        assertThat(s.bookings().history(w.jinjiangStaff, b.id())).extracting(BookingEvent::kind)
                .containsExactly("BOOKED", "IDENTITY_MISMATCH", "CHECKED_IN", "IN_SESSION", "COMPLETED", "EVALUATED");
    }

    @Test
    void freeSlotsLeaveOutBookedBufferedBlockedAndPastTimes() {
        w.clock.set(tuesday(9, 5)); // Tuesday's 09:00 slot has begun
        bookJinjiang(tuesday(10, 0)); // busy 10:00–10:40
        s.officials().block(w.system, w.jinjiangLeader.id(), tuesday(14, 0), tuesday(15, 0), "会议");
        List<FreeSlot> slots = s.availability().freeSlots(w.jinjiangStaff, w.jinjiangLeader.id(),
                MONDAY.plusDays(1), MONDAY.plusDays(1), null);
        // windows cut at 40 min steps: 09:00 09:40 10:20 11:00 | 14:00 14:40 15:20 16:00 (16:40 does not fit)
        assertThat(slots).extracting(f -> f.start().atZone(SchedulerWorld.SHANGHAI).toLocalTime().toString())
                .containsExactly("11:00", "15:20", "16:00");
        // each listed slot is bookable as it stands
        for (FreeSlot f : slots) {
            s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(), w.jinjiangRoom2.id(),
                    w.jinjiangCase.id(), f.start(), List.of()));
        }
        Map<Long, List<FreeSlot>> office = s.availability().freeSlotsOfOffice(w.jinjiangStaff, w.jinjiang.id(),
                MONDAY.plusDays(1), MONDAY.plusDays(2));
        assertThat(office.get(w.jinjiangLeader.id())).allMatch(f -> !f.start().isBefore(tuesday(0, 0).plus(Duration.ofDays(1))));
        assertThatThrownBy(() -> s.availability().freeSlots(w.jinjiangStaff, w.jinjiangLeader.id(), MONDAY,
                MONDAY.plusDays(200), null)).extracting(e -> ((SchedulerException) e).rule())
                .isEqualTo("range-too-long");
    }

    @Test
    void freeSlotsWithATerminalLeaveOutTheTerminalsSessions() {
        s.bookings().book(w.jinjiangStaff, new NewBooking(w.provinceLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of()));
        LocalDate tue = MONDAY.plusDays(1);
        assertThat(s.availability().freeSlots(w.jinjiangStaff, w.jinjiangLeader.id(), tue, tue, w.jinjiangRoom1.id()))
                .noneMatch(f -> f.start().equals(tuesday(9, 0)));
        assertThat(s.availability().freeSlots(w.jinjiangStaff, w.jinjiangLeader.id(), tue, tue, w.jinjiangRoom2.id()))
                .anyMatch(f -> f.start().equals(tuesday(9, 0)));
    }

    @Test
    void casesKeepOnlyAHashAndAMaskOfTheIdNumberAndRefuseDuplicates() {
        assertThat(w.jinjiangCase.idMasked()).isEqualTo(w.jinjiangCaseId.substring(0, 4) + "**********"
                + w.jinjiangCaseId.substring(14));
        assertThat(w.jinjiangCase.phoneMasked()).isEqualTo("138****5678");
        String stored = jdbc.sql("select id_hash || id_salt || id_masked from case_file where id = ?")
                .param(w.jinjiangCase.id()).query(String.class).single();
        assertThat(stored).doesNotContain(w.jinjiangCaseId.substring(6, 14));
        assertThat(s.cases().identityMatches(w.jinjiangCase.id(), w.jinjiangCaseId)).isTrue();
        long before = rows("case_file");
        assertThatThrownBy(() -> s.cases().create(w.jinjiangStaff, new NewCase("SC-2026-000101", "王五",
                IdNumbers.valid("510104", 5), null, "x", "OTHER", "510104")))
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo("case-number-taken");
        String valid = IdNumbers.valid("510104", 6);
        String wrongCheckDigit = valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
        assertThatThrownBy(() -> s.cases().create(w.jinjiangStaff, new NewCase("SC-2026-000102", "王五",
                wrongCheckDigit, null, "x", "OTHER", "510104")))
                .extracting(e -> ((SchedulerException) e).rule()).isEqualTo("id-number-invalid");
        assertThatThrownBy(() -> s.cases().create(w.jinjiangStaff, new NewCase("SC-2026-000103", "王五",
                IdNumbers.valid("510703", 5), null, "x", "OTHER", "510703")))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThat(rows("case_file")).isEqualTo(before);
        assertThat(s.cases().search(w.jinjiangStaff, "拆迁", 10)).extracting(CaseFile::caseNumber)
                .containsExactly("SC-2026-000101");
        assertThat(s.cases().search(w.fuchengStaff, "拆迁", 10)).isEmpty();
    }

    @Test
    void aCaseImportIsAllOrNothingAndListsEveryBadRow() {
        long before = rows("case_file");
        ImportResult bad = s.cases().importAll(w.jinjiangStaff, List.of(
                new NewCase("SC-IMP-1", "甲", IdNumbers.valid("510104", 1), null, "s", "c", "510104"),
                new NewCase("SC-IMP-2", "乙", "123", null, "s", "c", "510104"),
                new NewCase("SC-IMP-1", "丙", IdNumbers.valid("510104", 3), null, "s", "c", "510104")));
        assertThat(bad.created()).isZero();
        assertThat(bad.errors()).extracting(ImportResult.RowError::row).containsExactly(2, 3);
        assertThat(rows("case_file")).isEqualTo(before);
        ImportResult good = s.cases().importAll(w.jinjiangStaff, List.of(
                new NewCase("SC-IMP-1", "甲", IdNumbers.valid("510104", 1), null, "s", "c", "510104"),
                new NewCase("SC-IMP-2", "乙", IdNumbers.valid("510104", 2), "028-8765 4321", "s", "c", "510104")));
        assertThat(good.created()).isEqualTo(2);
        ImportResult again = s.cases().importAll(w.jinjiangStaff, List.of(
                new NewCase("SC-IMP-3", "丁", IdNumbers.valid("510104", 4), null, "s", "c", "510104"),
                new NewCase("SC-IMP-2", "乙", IdNumbers.valid("510104", 2), null, "s", "c", "510104")));
        assertThat(again.errors()).extracting(ImportResult.RowError::rule).containsExactly("case-number-taken");
        assertThat(rows("case_file")).isEqualTo(before + 2);
    }

    @Test
    void officesImportFromCsvAllOrNothing() {
        long before = rows("office");
        String csv = "code,name,name_en,level,parent_code,zone\n"
                + "510300,自贡市,Zigong,CITY,510000,\n"
                + "510302,自流井区,Ziliujing,COUNTY,510300,\n"
                + "510303,贡井区,Gongjing,COUNTY,999999,\n";
        assertThatThrownBy(() -> s.offices().importCsv(w.system, new StringReader(csv))).isInstanceOf(NotFound.class);
        assertThat(rows("office")).isEqualTo(before);
        int created = s.offices().importCsv(w.system, new StringReader(csv.replace("999999", "510300")));
        assertThat(created).isEqualTo(3);
        assertThat(s.offices().subtree(s.offices().byCode("510300").id())).extracting(Office::name)
                .containsExactly("自贡市", "自流井区", "贡井区");
        assertThatThrownBy(() -> s.offices().importCsv(w.jinjiangStaff, new StringReader(csv)))
                .isInstanceOf(OutOfJurisdiction.class);
    }

    @Test
    void theCalendarFeedListsHostedAndJoinedSessionsInUtc() {
        Booking b = s.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of(w.housingOfficial.id())));
        Actor housing = new Actor("cd.housing", Role.OFFICIAL, w.housingDept.id(), w.housingOfficial.id());
        String ics = s.calendarFeed().ics(s.officials().calendarFeedToken(housing, w.housingOfficial.id()));
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("UID:booking-" + b.id() + "@lianxin")
                .contains("DTSTART:20261201T010000Z").contains("DTEND:20261201T013000Z").endsWith("END:VCALENDAR\r\n");
        assertThatThrownBy(() -> s.officials().calendarFeedToken(housing, w.jinjiangLeader.id()))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThatThrownBy(() -> s.calendarFeed().ics("nope")).isInstanceOf(NotFound.class);
    }

    @Test
    void aSessionStartIsToldAfterCommitOnceAndARefusedStartIsNot() {
        List<Told> told = new CopyOnWriteArrayList<>();
        Scheduler telling = w.schedulerTelling(e -> told.add(new Told(e, committed("select state from booking "
                + "where id = ?", ((ScheduleEvent.SessionStarted) e).bookingId()))));
        Booking b = bookJinjiang(tuesday(9, 0));
        Actor leader = new Actor("jinjiang.leader", Role.LEADER, w.jinjiang.id(), w.jinjiangLeader.id());
        assertRefused(() -> telling.bookings().startSession(leader, b.id()), Conflict.class, "state-booked");
        w.clock.set(tuesday(8, 50));
        telling.bookings().checkIn(w.jinjiangStaff, b.id(), w.jinjiangCaseId);
        telling.bookings().startSession(leader, b.id());
        assertThat(told).containsExactly(new Told(new ScheduleEvent.SessionStarted(b.id()), "IN_SESSION"));
    }

    @Test
    void theCasesOfOnePetitionerAreFoundByTheirIdNumberWithoutRevealingIt() {
        CaseFile again = s.cases().create(w.chengduStaff, new NewCase("SC-2026-000102", "张三", w.jinjiangCaseId,
                null, "拆迁补偿未到位", "HOUSING", "510105"));
        CaseFile someoneElse = s.cases().create(w.jinjiangStaff, new NewCase("SC-2026-000103", "张三",
                IdNumbers.valid("510104", 5555), null, "拆迁补偿", "HOUSING", "510104"));
        assertThat(s.cases().samePetitioner(w.jinjiangCase.id())).extracting(CaseFile::id).containsExactly(again.id());
        assertThat(s.cases().samePetitioner(again.id())).extracting(CaseFile::id)
                .containsExactly(w.jinjiangCase.id());
        assertThat(s.cases().samePetitioner(someoneElse.id())).isEmpty();
        assertThatThrownBy(() -> s.cases().samePetitioner(9_999_999)).isInstanceOf(NotFound.class);
        assertThat(jdbc.sql("select petitioner_link from case_file where id = ?").param(again.id())
                .query(String.class).single()).doesNotContain(w.jinjiangCaseId).hasSize(64);
    }

    @Test
    void aCaseFiledBeforePetitionersWereLinkedIsLinkedWhenItsIdentityIsChecked() {
        CaseFile again = s.cases().create(w.chengduStaff, new NewCase("SC-2026-000104", "张三", w.jinjiangCaseId,
                null, "拆迁补偿", "HOUSING", "510105"));
        jdbc.sql("update case_file set petitioner_link = null where id = ?").param(w.jinjiangCase.id()).update();
        assertThat(s.cases().samePetitioner(again.id())).isEmpty();
        assertThat(s.cases().identityMatches(w.jinjiangCase.id(), IdNumbers.valid("510104", 4444))).isFalse();
        assertThat(s.cases().samePetitioner(again.id())).isEmpty();
        assertThat(s.cases().identityMatches(w.jinjiangCase.id(), w.jinjiangCaseId)).isTrue();
        assertThat(s.cases().samePetitioner(again.id())).extracting(CaseFile::id).containsExactly(w.jinjiangCase.id());
    }
}
