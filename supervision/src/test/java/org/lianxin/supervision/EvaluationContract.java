package org.lianxin.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Role;

/** The petitioner's evaluation of replies, and 复查 / 复核, against a real database (H2 and PostgreSQL). */
abstract class EvaluationContract extends ContractBase {

    /** The housing department signed and replied to its assignment; returns the item. */
    Item replied() {
        Item housing = housingItem(assignTwoUnits(sw.receptionInSession()));
        s.items().sign(sw.housing, housing.id());
        return s.items().reply(sw.housing, housing.id(), "已按标准补偿", "办结报告", List.of());
    }

    NewEvaluation kiosk(EvaluationResult result, String idNumber) {
        return new NewEvaluation(result, EvaluationChannel.KIOSK, idNumber, null);
    }

    @Test
    void atTheKioskThePetitionerEvaluatesTheReplyOnceAfterTheIdentityCheck() {
        Item item = replied();
        long caseId = sw.w.jinjiangCase.id();
        EvaluationDue due = s.cases().evaluationDue(sw.jinjiangStaff, caseId);
        assertThat(due.due()).isTrue();
        assertThat(due.replies()).extracting(EvaluationDue.PendingReply::itemId).containsExactly(item.id());
        assertThat(due.replies().get(0).unit().id()).isEqualTo(sw.w.housingDept.id());
        String other = org.lianxin.scheduler.testing.IdNumbers.valid("510104", 4321);
        assertRefused(() -> s.cases().evaluate(sw.jinjiangStaff, caseId, kiosk(EvaluationResult.SATISFIED, other)),
                SupervisionException.Refused.class, "identity-mismatch");
        assertRefused(() -> s.cases().evaluate(sw.jinjiangStaff, caseId, kiosk(EvaluationResult.SATISFIED, null)),
                SupervisionException.Refused.class, "id-number-required");
        assertRefused(() -> s.cases().evaluate(sw.cdLeader, caseId, kiosk(EvaluationResult.SATISFIED,
                sw.w.jinjiangCaseId)), SupervisionException.Forbidden.class, "out-of-jurisdiction");
        assertRefused(() -> s.cases().evaluate(new Actor("fucheng.scheduler", Role.SCHEDULER, sw.w.fucheng.id(), null),
                caseId, kiosk(EvaluationResult.SATISFIED, sw.w.jinjiangCaseId)), SupervisionException.NotFound.class,
                "case-not-found");

        Evaluation e = s.cases().evaluate(sw.jinjiangStaff, caseId, kiosk(EvaluationResult.BASICALLY_SATISFIED,
                sw.w.jinjiangCaseId));
        assertThat(e.result()).isEqualTo(EvaluationResult.BASICALLY_SATISFIED);
        assertThat(e.recordedBy()).isEqualTo("jinjiang.scheduler");
        assertThat(e.reviewOffer()).isNull();
        assertThat(s.cases().evaluationDue(sw.jinjiangStaff, caseId).due()).isFalse();
        assertRefused(() -> s.cases().evaluate(sw.jinjiangStaff, caseId, new NewEvaluation(
                EvaluationResult.SATISFIED, EvaluationChannel.PHONE, null, "电话回访")), SupervisionException.Refused.class,
                "nothing-to-evaluate");
        Trail trail = s.cases().trail(sw.cdReviewer, caseId);
        assertThat(trail.instructions()).hasSize(1);
        assertThat(trail.items()).hasSize(2);
        assertThat(trail.evaluations()).extracting(Evaluation::result)
                .containsExactly(EvaluationResult.BASICALLY_SATISFIED);
        assertThat(trail.reviewOffer()).isNull();
        assertThat(jdbc.sql("select count(*) from sv_evaluation where note like ?").param("%" + sw.w.jinjiangCaseId
                + "%").query(Long.class).single()).isZero();
    }

    @Test
    void unsatisfiedOpensReviewAboveTheReplierThenReReviewAboveThatEachWithThirtyDays() {
        Item item = replied();
        long caseId = sw.w.jinjiangCase.id();
        assertRefused(() -> s.cases().requestReview(sw.jinjiangStaff, caseId, "不服", ItemKind.REVIEW),
                SupervisionException.Refused.class, "review-not-offered");
        Evaluation e = s.cases().evaluate(sw.jinjiangStaff, caseId, new NewEvaluation(EvaluationResult.UNSATISFIED,
                EvaluationChannel.PHONE, null, "认为补偿偏低"));
        LocalDate replyDay = LocalDate.of(2026, 12, 1); // Tuesday 09:05 Shanghai
        assertThat(e.reviewOffer()).isEqualTo(new ReviewOffer(replyDay.plusDays(30), ItemKind.REVIEW));
        assertRefused(() -> s.cases().requestReview(sw.jinjiangStaff, caseId, "不服", ItemKind.RE_REVIEW),
                SupervisionException.Refused.class, "review-not-offered");

        sw.w.clock.advance(Duration.ofDays(2));
        Item review = s.cases().requestReview(sw.jinjiangStaff, caseId, "补偿标准适用错误", ItemKind.REVIEW);
        assertThat(review.kind()).isEqualTo(ItemKind.REVIEW);
        assertThat(review.number()).isEqualTo("FC-2026-000001");
        assertThat(review.unit().id()).as("the level above the replying department").isEqualTo(sw.w.chengdu.id());
        assertThat(review.supervisingOffice().id()).isEqualTo(sw.w.province.id());
        assertThat(review.acceptedOn()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(review.deadline()).isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(review.relatedItemId()).isEqualTo(item.id());
        assertRefused(() -> s.cases().requestReview(sw.jinjiangStaff, caseId, "再次", ItemKind.REVIEW),
                SupervisionException.Refused.class, "review-not-offered");
        assertThat(s.cases().trail(sw.jinjiangStaff, caseId).reviewOffer()).isNull();

        s.items().sign(sw.cdLeader, review.id());
        s.items().reply(sw.cdLeader, review.id(), "维持原处理意见", "复查意见书", List.of());
        Evaluation again = s.cases().evaluate(sw.jinjiangStaff, caseId, new NewEvaluation(
                EvaluationResult.UNSATISFIED, EvaluationChannel.PHONE, null, null));
        assertThat(again.reviewOffer().level()).isEqualTo(ItemKind.RE_REVIEW);
        Item reReview = s.cases().requestReview(sw.jinjiangStaff, caseId, "仍不服", ItemKind.RE_REVIEW);
        assertThat(reReview.number()).isEqualTo("FH-2026-000001");
        assertThat(reReview.unit().id()).isEqualTo(sw.w.province.id());
    }

    @Test
    void noReviewOnceTheThirtyDayWindowClosed() {
        replied();
        long caseId = sw.w.jinjiangCase.id();
        s.cases().evaluate(sw.jinjiangStaff, caseId, new NewEvaluation(EvaluationResult.UNSATISFIED,
                EvaluationChannel.PHONE, null, null));
        sw.w.clock.set(LocalDate.of(2026, 12, 31).atTime(23, 59).atZone(sw.w.SHANGHAI).toInstant());
        assertThat(s.cases().trail(sw.jinjiangStaff, caseId).reviewOffer())
                .isEqualTo(new ReviewOffer(LocalDate.of(2026, 12, 31), ItemKind.REVIEW));
        sw.w.clock.set(LocalDate.of(2027, 1, 1).atStartOfDay(sw.w.SHANGHAI).toInstant());
        assertThat(s.cases().trail(sw.jinjiangStaff, caseId).reviewOffer()).isNull();
        assertRefused(() -> s.cases().requestReview(sw.jinjiangStaff, caseId, "晚了", ItemKind.REVIEW),
                SupervisionException.Refused.class, "review-window-closed");
    }
}
