package org.lianxin.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.supervision.internal.DeadlinesTest.assertRule;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lianxin.supervision.EvaluationResult;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.ReviewOffer;

/** 复查 after the handling, 复核 after 复查, nothing after 复核; only when unsatisfied, once, within 30 days. */
class ReviewRulesTest {
    static final LocalDate REPLIED = LocalDate.of(2027, 1, 31);

    static ReviewRules.Facts facts(EvaluationResult r, ItemKind replied, boolean opened) {
        return new ReviewRules.Facts(r, replied, REPLIED, opened);
    }

    @Test
    void theLevelFollowsWhatWasReplied() {
        assertThat(ReviewRules.offer(facts(EvaluationResult.UNSATISFIED, ItemKind.ASSIGNMENT, false), REPLIED))
                .isEqualTo(new ReviewOffer(LocalDate.of(2027, 3, 2), ItemKind.REVIEW));
        assertThat(ReviewRules.offer(facts(EvaluationResult.UNSATISFIED, ItemKind.ORDER, false), REPLIED).level())
                .isEqualTo(ItemKind.REVIEW);
        assertThat(ReviewRules.offer(facts(EvaluationResult.UNSATISFIED, ItemKind.REVIEW, false), REPLIED).level())
                .isEqualTo(ItemKind.RE_REVIEW);
        assertThat(ReviewRules.offer(facts(EvaluationResult.UNSATISFIED, ItemKind.RE_REVIEW, false), REPLIED))
                .isNull();
    }

    @Test
    void onlyUnsatisfiedOnlyOnceOnlyWithinThirtyDays() {
        assertThat(ReviewRules.offer(facts(EvaluationResult.BASICALLY_SATISFIED, ItemKind.ASSIGNMENT, false),
                REPLIED)).isNull();
        assertThat(ReviewRules.offer(facts(EvaluationResult.UNSATISFIED, ItemKind.ASSIGNMENT, true), REPLIED))
                .isNull();
        assertThat(ReviewRules.offer(facts(EvaluationResult.UNSATISFIED, ItemKind.ASSIGNMENT, false),
                LocalDate.of(2027, 3, 2))).isNotNull();
        assertThat(ReviewRules.offer(facts(EvaluationResult.UNSATISFIED, ItemKind.ASSIGNMENT, false),
                LocalDate.of(2027, 3, 3))).isNull();
        assertRule(() -> ReviewRules.requireOffered(facts(EvaluationResult.UNSATISFIED, ItemKind.ASSIGNMENT, false),
                ItemKind.REVIEW, LocalDate.of(2027, 3, 3)), "review-window-closed");
        assertRule(() -> ReviewRules.requireOffered(facts(EvaluationResult.UNSATISFIED, ItemKind.ASSIGNMENT, false),
                ItemKind.RE_REVIEW, REPLIED), "review-not-offered");
        assertRule(() -> ReviewRules.requireOffered(null, ItemKind.REVIEW, REPLIED), "review-not-offered");
        assertRule(() -> ReviewRules.requireOffered(facts(EvaluationResult.SATISFIED, ItemKind.ASSIGNMENT, false),
                ItemKind.REVIEW, REPLIED), "review-not-offered");
    }
}
