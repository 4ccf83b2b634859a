package org.lianxin.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianxin.scheduler.testing.SchedulerWorld.tuesday;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The supervision module against a real database; run on PostgreSQL and on H2 by the subclasses. */
abstract class SupervisionContract extends ContractBase {
    @Test
    void aLeadersInstructionAssignsUnitsThatSignReplyAndAreAccepted() {
        Booking b = sw.receptionInSession();
        Instruction given = assignTwoUnits(b);
        assertThat(given.items()).hasSize(2).allSatisfy(it -> {
            assertThat(it.kind()).isEqualTo(ItemKind.ASSIGNMENT);
            assertThat(it.state()).isEqualTo(ItemState.PENDING_SIGN);
            assertThat(it.supervisingOffice().id()).isEqualTo(sw.w.chengdu.id());
            assertThat(it.bookingId()).isEqualTo(b.id());
            assertThat(it.instructionId()).isEqualTo(given.id());
            assertThat(it.caseNumber()).isEqualTo("SC-2026-000101");
            assertThat(it.acceptedOn()).isEqualTo(LocalDate.of(2026, 11, 30));
            assertThat(it.number()).matches("JB-2026-00000[12]");
        });
        Item housing = housingItem(given);
        assertThat(housing.deadline()).as("acceptance + 60 days").isEqualTo(LocalDate.of(2027, 1, 29));
        assertThat(housing.dueAt()).hasToString("2027-01-29T15:59:59.999Z");
        assertThat(housing.allowed()).as("the leader supervises").containsExactly(Action.REMIND);
        assertThat(sw.notices).extracting(SupervisionNotice::kind).containsOnly(NoticeKind.ASSIGNED).hasSize(2);

        Item signed = s.items().sign(sw.housing, housing.id());
        assertThat(signed.state()).isEqualTo(ItemState.IN_PROGRESS);
        assertThat(signed.allowed()).containsExactly(Action.PROGRESS, Action.EXTENSION, Action.REPLY);
        s.items().progress(sw.housing, housing.id(), "已约谈当事人");
        Item replied = s.items().reply(sw.housing, housing.id(), "补偿已按标准发放", "办结报告：已结清", List.of(9L, 4L));
        assertThat(replied.state()).isEqualTo(ItemState.REPLIED);
        assertThat(replied.reply().documentIds()).containsExactly(9L, 4L);
        assertThat(replied.reply().by()).isEqualTo("cd.housing");
        Item accepted = s.items().accept(sw.cdLeader, housing.id(), "同意办结");
        assertThat(accepted.state()).isEqualTo(ItemState.COMPLETED);
        assertThat(accepted.history()).extracting(HistoryEntry::kind).containsExactly(HistoryKind.CREATED,
                HistoryKind.SIGNED, HistoryKind.PROGRESS, HistoryKind.REPLIED, HistoryKind.ACCEPTED);
        assertThat(accepted.allowed()).isEmpty();
        assertThat(jdbc.sql("select completed_at from sv_item where id = ?").param(housing.id())
                .query(java.time.OffsetDateTime.class).single().toInstant())
                .as("the completion's instant, which statistics count completions by").isEqualTo(sw.w.clock.instant());
        assertThat(jdbc.sql("select count(*) from sv_item where completed_at is not null").query(Long.class).single())
                .as("only the completed item has one").isEqualTo(1L);
        assertThat(s.instructions().ofBooking(sw.jinjiangStaff, b.id())).hasSize(1);
        NextSteps next = s.instructions().nextSteps(sw.jinjiangStaff, b.id());
        assertThat(next.steps()).hasSize(2);
        assertThat(next.instructionText()).contains("拆迁补偿");
    }

    @Test
    void onlyTheHostingLeaderGivesInstructionsAndOnlyWhileTheReceptionIsOnOrJustOver() {
        Booking b = sw.w.scheduler.bookings().book(sw.cdStaff, new org.lianxin.scheduler.NewBooking(
                sw.w.chengduLeader.id(), sw.w.jinjiangRoom1.id(), sw.w.jinjiangCase.id(), tuesday(9, 0), List.of()));
        NewInstruction one = new NewInstruction("核查", null, List.of(new NewAssignment(sw.w.housingDept.id(), null,
                false)));
        assertRefused(() -> s.instructions().give(sw.cdLeader, b.id(), one), SupervisionException.Refused.class,
                "instructions-closed");
        sw.w.clock.set(tuesday(8, 55));
        sw.w.scheduler.bookings().checkIn(sw.jinjiangStaff, b.id(), sw.w.jinjiangCaseId);
        sw.w.scheduler.bookings().startSession(sw.cdLeader, b.id());
        Actor otherLeader = new Actor("sc.leader", Role.LEADER, sw.w.province.id(), sw.w.provinceLeader.id());
        assertRefused(() -> s.instructions().give(otherLeader, b.id(), one), SupervisionException.Forbidden.class,
                "out-of-jurisdiction");
        assertRefused(() -> s.instructions().give(sw.cdLeader, b.id(), new NewInstruction("x", null,
                        List.of(new NewAssignment(sw.w.fucheng.id(), null, false)))), SupervisionException.Refused.class,
                "unit-out-of-reach");
        assertRefused(() -> s.instructions().give(sw.cdLeader, b.id(), new NewInstruction(" ", null, List.of())),
                SupervisionException.Refused.class, "instruction-empty");
        assertRefused(() -> s.instructions().give(sw.mianyangReviewer, b.id(), one),
                SupervisionException.NotFound.class, "booking-not-found");
        sw.w.clock.set(tuesday(9, 25));
        sw.w.scheduler.bookings().complete(sw.cdLeader, b.id());
        sw.w.clock.set(tuesday(9, 25).plus(Duration.ofHours(24)));
        assertThat(s.instructions().give(sw.cdLeader, b.id(), one).items()).hasSize(1);
        sw.w.clock.set(tuesday(9, 26).plus(Duration.ofHours(24)));
        assertRefused(() -> s.instructions().give(sw.cdLeader, b.id(), one), SupervisionException.Refused.class,
                "instructions-closed");
    }

    @Test
    void aSupervisorOfOneCityNeverSeesAnotherCitysItemsAndAUnitSeesOnlyItsOwn() {
        Instruction given = assignTwoUnits(sw.receptionInSession());
        Item housing = housingItem(given);
        assertThat(s.items().list(sw.mianyangReviewer, ItemQuery.all()).total()).isZero();
        assertThatThrownBy(() -> s.items().get(sw.mianyangReviewer, housing.id()))
                .isInstanceOf(SupervisionException.NotFound.class);
        assertThat(s.items().list(sw.cdReviewer, ItemQuery.all()).total()).isEqualTo(2);
        assertThat(s.items().list(sw.provinceReviewer, ItemQuery.all()).total()).isEqualTo(2);
        assertThat(s.items().inbox(sw.housing, ItemQuery.all()).items()).extracting(Item::id)
                .containsExactly(housing.id());
        assertThat(s.items().list(sw.jinjiangStaff, ItemQuery.all()).items()).extracting(i -> i.unit().id())
                .containsExactly(sw.w.jinjiang.id());
        assertThatThrownBy(() -> s.items().get(sw.jinjiangStaff, housing.id()))
                .isInstanceOf(SupervisionException.NotFound.class);
        assertRefused(() -> s.items().sign(sw.mianyangReviewer, housing.id()), SupervisionException.NotFound.class,
                "item-not-found");
        assertRefused(() -> s.items().sign(sw.cdReviewer, housing.id()), SupervisionException.Forbidden.class,
                "out-of-jurisdiction");
        assertRefused(() -> s.items().remind(sw.housing, housing.id(), null), SupervisionException.Forbidden.class,
                "out-of-jurisdiction");
        assertThat(s.items().remind(sw.provinceReviewer, housing.id(), "请抓紧").history())
                .extracting(HistoryEntry::kind).endsWith(HistoryKind.REMINDED);
    }

    @Test
    void refusedActsWriteNothing() {
        Item housing = housingItem(assignTwoUnits(sw.receptionInSession()));
        assertRefused(() -> s.items().reply(sw.housing, housing.id(), "x", "y", List.of()),
                SupervisionException.Refused.class, "sign-first");
        s.items().sign(sw.housing, housing.id());
        assertRefused(() -> s.items().reply(sw.housing, housing.id(), "x", null, List.of()),
                SupervisionException.Refused.class, "completion-report-required");
        assertRefused(() -> s.items().requestExtension(sw.housing, housing.id(), 31, "long"),
                SupervisionException.Refused.class, "extension-too-long");
        assertRefused(() -> s.items().accept(sw.cdLeader, housing.id(), null), SupervisionException.Refused.class,
                "not-replied");
    }

    @Test
    void oneExtensionMovesTheDeadlineOnceApproved() {
        Item housing = housingItem(assignTwoUnits(sw.receptionInSession()));
        s.items().sign(sw.housing, housing.id());
        Item asked = s.items().requestExtension(sw.housing, housing.id(), 20, "需要第三方鉴定");
        assertThat(asked.extension().state()).isEqualTo(ExtensionState.PENDING);
        assertThat(asked.deadline()).isEqualTo(LocalDate.of(2027, 1, 29));
        assertRefused(() -> s.items().requestExtension(sw.housing, housing.id(), 5, "again"),
                SupervisionException.Refused.class, "extension-already-requested");
        Item approved = s.items().decideExtension(sw.cdReviewer, housing.id(), true, "同意延期");
        assertThat(approved.deadline()).isEqualTo(LocalDate.of(2027, 2, 18));
        assertThat(approved.dueAt()).hasToString("2027-02-18T15:59:59.999Z");
        assertThat(approved.extension().state()).isEqualTo(ExtensionState.APPROVED);
        assertThat(approved.extension().decidedBy()).isEqualTo("cd.reviewer");
        assertThat(sw.notices).extracting(SupervisionNotice::kind).contains(NoticeKind.EXTENSION_REQUESTED,
                NoticeKind.EXTENSION_DECIDED);
    }

    @Test
    void overdueItemsComeFirstAndFilterAsOverdue() {
        Instruction given = assignTwoUnits(sw.receptionInSession());
        sw.w.clock.set(LocalDate.of(2027, 1, 1).atStartOfDay(sw.w.SHANGHAI).toInstant()); // Jinjiang's is due 12-31
        ItemPage page = s.items().list(sw.cdReviewer, ItemQuery.all());
        assertThat(page.items()).extracting(i -> i.unit().id()).containsExactly(sw.w.jinjiang.id(),
                sw.w.housingDept.id());
        assertThat(page.items().get(0).overdue()).isTrue();
        assertThat(page.items().get(1).overdue()).isFalse();
        ItemPage overdue = s.items().list(sw.cdReviewer, new ItemQuery("OVERDUE", null, null, null, null, null, 10, 0));
        assertThat(overdue.total()).isEqualTo(1);
        assertThat(s.items().list(sw.cdReviewer, new ItemQuery(null, null, null, null, "拆迁", null, 10, 0)).total())
                .isEqualTo(2);
        assertThat(s.items().list(sw.cdReviewer, new ItemQuery("PENDING_SIGN", ItemKind.ORDER, null, null, null, null,
                10, 0)).total()).isZero();
        assertThatThrownBy(() -> s.items().list(sw.cdReviewer, new ItemQuery("LOST", null, null, null, null, null, 10,
                0))).extracting(e -> ((SupervisionException) e).rule()).isEqualTo("state-unknown");
        assertThat(given.items()).hasSize(2);
    }

    @Test
    void aSupervisionOrderIsNumberedByKindAndYear() {
        Item order = s.items().order(sw.cdReviewer, new NewOrder(sw.w.jinjiangCase.id(), sw.w.jinjiang.id(),
                OrderMode.TALK, "久拖不办", "十日内书面答复", LocalDate.of(2026, 12, 10), null));
        assertThat(order.number()).isEqualTo("DB-2026-000001");
        assertThat(order.kind()).isEqualTo(ItemKind.ORDER);
        assertThat(order.mode()).isEqualTo(OrderMode.TALK);
        assertThat(order.supervisingOffice().id()).isEqualTo(sw.w.chengdu.id());
        assertThat(order.title()).isEqualTo("久拖不办");
        assertRefused(() -> s.items().order(sw.cdReviewer, new NewOrder(sw.w.fuchengCase.id(), sw.w.fucheng.id(),
                OrderMode.TALK, "r", null, null, null)), SupervisionException.NotFound.class, "case-not-found");
        assertRefused(() -> s.items().order(sw.jinjiangStaff, new NewOrder(sw.w.jinjiangCase.id(), sw.w.jinjiang.id(),
                OrderMode.TALK, "r", null, null, null)), SupervisionException.Forbidden.class, "out-of-jurisdiction");
    }

    @Test
    void twoSupervisorsAcceptingTheSameReplyLetExactlyOneWin() throws Exception {
        Item housing = housingItem(assignTwoUnits(sw.receptionInSession()));
        s.items().sign(sw.housing, housing.id());
        s.items().reply(sw.housing, housing.id(), "已答复", "报告", List.of());
        List<Actor> supervisors = List.of(sw.cdLeader, sw.cdReviewer, sw.provinceReviewer,
                new Actor("cd.admin", Role.ADMIN, sw.w.chengdu.id(), null));
        List<Object> results = race(supervisors.size(), n -> s.items().accept(supervisors.get(n), housing.id(), null));
        assertThat(results).filteredOn(r -> r instanceof Item).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof SupervisionException)
                .extracting(r -> ((SupervisionException) r).rule()).isSubsetOf("item-completed", "item-changed")
                .hasSize(supervisors.size() - 1);
        assertThat(rows("sv_history where kind = 'ACCEPTED'")).isEqualTo(1);
    }

    @Test
    void concurrentOrdersTakeGapFreeNumbers() throws Exception {
        int n = 8;
        List<Object> results = race(n, i -> s.items().order(sw.cdReviewer, new NewOrder(sw.w.jinjiangCase.id(),
                sw.w.jinjiang.id(), OrderMode.DOCUMENT, "催办 " + i, null, null, null)));
        List<String> numbers = new ArrayList<>();
        for (Object r : results) {
            assertThat(r).isInstanceOf(Item.class);
            numbers.add(((Item) r).number());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) expected.add(String.format("DB-2026-%06d", i));
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSweepRemindsMarksOverdueAndEscalatesEachOnceEvenWithTwoNodes() throws Exception {
        Instruction given = assignTwoUnits(sw.receptionInSession());
        Item jinjiang = given.items().stream().filter(i -> i.unit().id() == sw.w.jinjiang.id()).findFirst()
                .orElseThrow(); // due 2026-12-31, supervised by Chengdu
        Supervision otherNode = Supervision.create(sw.w.dataSource, new org.springframework.jdbc.datasource
                .DataSourceTransactionManager(sw.w.dataSource), sw.w.clock, sw.w.scheduler,
                SupervisionSettings.DEFAULTS, sw.notices::add);
        sw.notices.clear();
        sw.w.clock.set(LocalDate.of(2026, 12, 28).atTime(9, 0).atZone(sw.w.SHANGHAI).toInstant());
        List<Object> first = race(2, n -> (n == 0 ? s : otherNode).sweep().run());
        assertThat(first.stream().mapToInt(r -> ((SupervisionSweep.Result) r).reminded()).sum()).isEqualTo(1);
        assertThat(sw.notices).extracting(SupervisionNotice::kind).containsExactly(NoticeKind.DEADLINE_NEAR);
        assertThat(s.sweep().run()).isEqualTo(new SupervisionSweep.Result(0, 0, 0));

        sw.w.clock.set(java.time.Instant.parse("2026-12-31T16:00:00Z"));
        sw.notices.clear();
        List<Object> later = race(2, n -> (n == 0 ? s : otherNode).sweep().run());
        assertThat(later.stream().mapToInt(r -> ((SupervisionSweep.Result) r).overdue()).sum()).isEqualTo(1);
        assertThat(later.stream().mapToInt(r -> ((SupervisionSweep.Result) r).escalated()).sum()).isEqualTo(1);
        assertThat(s.sweep().run()).isEqualTo(new SupervisionSweep.Result(0, 0, 0));
        Item escalated = s.items().get(sw.provinceReviewer, jinjiang.id());
        assertThat(escalated.overdue()).isTrue();
        assertThat(escalated.escalatedTo().id()).isEqualTo(sw.w.province.id());
        assertThat(escalated.history()).extracting(HistoryEntry::kind).containsSubsequence(HistoryKind.REMINDED,
                HistoryKind.OVERDUE, HistoryKind.ESCALATED);
        assertThat(sw.notices).extracting(SupervisionNotice::kind).containsExactlyInAnyOrder(NoticeKind.OVERDUE,
                NoticeKind.ESCALATED);
        assertThat(s.items().list(sw.cdReviewer, new ItemQuery("OVERDUE", null, null, null, null, null, 10, 0))
                .items()).extracting(Item::id).containsExactly(jinjiang.id());
        assertThat(s.items().list(sw.provinceReviewer, new ItemQuery("OVERDUE", null, null, null, null, null, 10, 0))
                .items()).extracting(Item::id).containsExactly(jinjiang.id());
        assertThat(sw.notices.stream().filter(n -> n.kind() == NoticeKind.ESCALATED).findFirst().orElseThrow()
                .recipientOfficeIds()).containsExactly(sw.w.jinjiang.id(), sw.w.chengdu.id(), sw.w.province.id());
    }

}
