package org.lianxin.supervision;

import java.time.Instant;

/** The petitioner's evaluation of the handling result. @param reviewOffer what it opened, if unsatisfied */
public record Evaluation(long id, long caseId, EvaluationResult result, EvaluationChannel channel, String recordedBy,
                         Instant at, String note, ReviewOffer reviewOffer) {
}
