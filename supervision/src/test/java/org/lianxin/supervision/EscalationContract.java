package org.lianxin.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.scheduler.testing.SchedulerWorld.MONDAY;
import static org.lianxin.scheduler.testing.SchedulerWorld.at;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.ScheduleEvent;
import org.lianxin.scheduler.Scheduler;

/**
 * A problem raised twice escalates by itself, through the scheduler's {@link ScheduleEvent.SessionStarted} as the
 * application wires it; against a real database (H2 and PostgreSQL).
 */
abstract class EscalationContract extends ContractBase {
    final List<Optional<Item>> escalated = new CopyOnWriteArrayList<>();

    /** The scheduler telling the supervision module of each reception held, as the web application does. */
    Scheduler telling() {
        return sw.w.schedulerTelling(e -> {
            if (e instanceof ScheduleEvent.SessionStarted) {
                escalated.add(s.escalations().receptionHeld(((ScheduleEvent.SessionStarted) e).bookingId()));
            }
        });
    }

    /** The Jinjiang leader receives {@code matter} on Wednesday at {@code hour}:00; the session is started. */
    Booking holdJinjiangReception(Scheduler scheduler, CaseFile matter, String idNumber, int hour) {
        Actor leader = new Actor("jinjiang.leader", Role.LEADER, sw.w.jinjiang.id(), sw.w.jinjiangLeader.id());
        Booking b = scheduler.bookings().book(sw.jinjiangStaff, new NewBooking(sw.w.jinjiangLeader.id(),
                sw.w.jinjiangRoom1.id(), matter.id(), at(MONDAY.plusDays(2), hour, 0), List.of()));
        sw.w.clock.set(at(MONDAY.plusDays(2), hour, 0).minusSeconds(300));
        scheduler.bookings().checkIn(sw.jinjiangStaff, b.id(), idNumber);
        scheduler.bookings().startSession(leader, b.id());
        sw.w.clock.set(at(MONDAY.plusDays(2), hour, 25));
        scheduler.bookings().complete(leader, b.id());
        return b;
    }

    @Test
    void theFirstReceptionDoesNotEscalateTheSecondDoesWithTheHistoryAttached() {
        Scheduler scheduler = telling();
        Booking first = holdJinjiangReception(scheduler, sw.w.jinjiangCase, sw.w.jinjiangCaseId, 9);
        assertThat(escalated).containsExactly(Optional.empty());
        holdJinjiangReception(scheduler, sw.w.jinjiangCase, sw.w.jinjiangCaseId, 10);
        assertThat(escalated).hasSize(2);
        Item item = escalated.get(1).orElseThrow();
        assertThat(item.kind()).isEqualTo(ItemKind.ESCALATION);
        assertThat(item.number()).isEqualTo("DB-2026-000001");
        assertThat(item.unit().id()).isEqualTo(sw.w.jinjiang.id());
        assertThat(item.supervisingOffice().id()).as("the level above the matter's office")
                .isEqualTo(sw.w.chengdu.id());
        assertThat(item.title()).contains("拆迁补偿");
        assertThat(item.requirements()).contains(first.code()).contains("SC-2026-000101");
        assertThat(item.history()).extracting(HistoryEntry::actor).containsExactly("system");
        assertThat(s.items().list(sw.cdReviewer, ItemQuery.all()).items()).extracting(Item::id)
                .containsExactly(item.id());
    }

    @Test
    void anotherCaseOfTheSameCategoryUnderTheSameOfficeIsTheSameProblem() {
        Scheduler scheduler = telling();
        holdJinjiangReception(scheduler, sw.w.jinjiangCase, sw.w.jinjiangCaseId, 9);
        CaseFile again = scheduler.cases().create(sw.jinjiangStaff, new NewCase("SC-2026-000111", "张三",
                sw.w.jinjiangCaseId, null, "拆迁补偿仍未到位", "HOUSING", "510104"));
        CaseFile otherProblem = scheduler.cases().create(sw.jinjiangStaff, new NewCase("SC-2026-000112", "张三",
                sw.w.jinjiangCaseId, null, "噪音扰民", "ENVIRONMENT", "510104"));
        holdJinjiangReception(scheduler, otherProblem, sw.w.jinjiangCaseId, 10);
        holdJinjiangReception(scheduler, again, sw.w.jinjiangCaseId, 11);
        assertThat(escalated.get(1)).as("another problem of the same petitioner").isEmpty();
        assertThat(escalated.get(2)).isPresent();
        assertThat(escalated.get(2).orElseThrow().caseId()).isEqualTo(again.id());
    }

    @Test
    void notWhenTheLevelAboveAlreadyHoldsTheMatter() {
        Scheduler scheduler = telling();
        holdJinjiangReception(scheduler, sw.w.jinjiangCase, sw.w.jinjiangCaseId, 9);
        s.items().order(sw.cdReviewer, new NewOrder(sw.w.jinjiangCase.id(), sw.w.jinjiang.id(), OrderMode.DOCUMENT,
                "督办", null, null, null));
        holdJinjiangReception(scheduler, sw.w.jinjiangCase, sw.w.jinjiangCaseId, 10);
        holdJinjiangReception(scheduler, sw.w.jinjiangCase, sw.w.jinjiangCaseId, 11);
        assertThat(escalated).containsExactly(Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(rows("sv_item where kind = 'ESCALATION'")).isZero();
    }

    @Test
    void aClosedMatterEscalatesOnlyIfThePetitionerWasUnsatisfied() {
        Scheduler scheduler = telling();
        holdJinjiangReception(scheduler, sw.w.jinjiangCase, sw.w.jinjiangCaseId, 9);
        scheduler.cases().setStatus(sw.jinjiangStaff, sw.w.jinjiangCase.id(), CaseStatus.CLOSED);
        CaseFile second = sameProblemAgain(scheduler, "SC-2026-000121");
        holdJinjiangReception(scheduler, second, sw.w.jinjiangCaseId, 10);
        assertThat(escalated.get(1)).as("the earlier matter closed, not 不满意").isEmpty();
        scheduler.cases().setStatus(sw.jinjiangStaff, second.id(), CaseStatus.CLOSED);
        jdbc.sql("insert into sv_evaluation (case_id, result, channel, recorded_by, at) values (?, 'UNSATISFIED', "
                + "'PHONE', 'jinjiang.scheduler', ?)").params(sw.w.jinjiangCase.id(),
                java.time.OffsetDateTime.now()).update();
        holdJinjiangReception(scheduler, sameProblemAgain(scheduler, "SC-2026-000122"), sw.w.jinjiangCaseId, 11);
        assertThat(escalated.get(2)).as("the earlier matter closed 不满意").isPresent();
    }

    CaseFile sameProblemAgain(Scheduler scheduler, String number) {
        return scheduler.cases().create(sw.jinjiangStaff, new NewCase(number, "张三", sw.w.jinjiangCaseId, null,
                "拆迁补偿", "HOUSING", "510104"));
    }
}
