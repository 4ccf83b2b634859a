package org.lianxin.supervision.internal;

import java.time.LocalDate;
import org.lianxin.supervision.EvaluationResult;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.ReviewOffer;
import org.lianxin.supervision.SupervisionException;

/**
 * 复查 and 复核 (pure): an unsatisfied evaluation of a reply offers the next level — REVIEW after a first handling,
 * RE_REVIEW after a review, nothing after a re-review — within 30 days of the written reply, once.
 */
final class ReviewRules {
    private ReviewRules() {
    }

    /** What the petitioner said last, of which reply. @param levelOpened an item of the next level exists already */
    record Facts(EvaluationResult latest, ItemKind repliedKind, LocalDate repliedOn, boolean levelOpened) {
    }

    static ItemKind nextLevel(ItemKind repliedKind) {
        if (repliedKind == ItemKind.RE_REVIEW) return null;
        return repliedKind == ItemKind.REVIEW ? ItemKind.RE_REVIEW : ItemKind.REVIEW;
    }

    /** The offer open today, or null. */
    static ReviewOffer offer(Facts f, LocalDate today) {
        if (f == null || f.latest() != EvaluationResult.UNSATISFIED || f.levelOpened()) return null;
        ItemKind level = nextLevel(f.repliedKind());
        if (level == null) return null;
        LocalDate until = Deadlines.reviewWindowUntil(f.repliedOn());
        return today.isAfter(until) ? null : new ReviewOffer(until, level);
    }

    /** @throws SupervisionException.Refused review-not-offered or review-window-closed */
    static ReviewOffer requireOffered(Facts f, ItemKind asked, LocalDate today) {
        if (f == null || f.latest() != EvaluationResult.UNSATISFIED || f.levelOpened()
                || nextLevel(f.repliedKind()) != asked) {
            throw new SupervisionException.Refused("review-not-offered", asked + " is not open to this matter: it "
                    + "follows an unsatisfied evaluation of a reply (复查 after the handling, 复核 after 复查), once");
        }
        ReviewOffer offer = offer(f, today);
        if (offer == null) {
            LocalDate until = Deadlines.reviewWindowUntil(f.repliedOn());
            throw new SupervisionException.Refused("review-window-closed", "a review is asked within "
                    + Deadlines.REVIEW_WINDOW_DAYS + " days of the written reply; the window closed on " + until,
                    java.util.Map.of("until", until.toString(), "days", Deadlines.REVIEW_WINDOW_DAYS));
        }
        return offer;
    }
}
