package org.lianxin.supervision;

import java.time.Instant;
import java.util.List;

/**
 * A fact of supervision told outward (to the petition information system) that is not a notice to an office: told
 * to {@link SupervisionEvents} inside the transaction of the change. Ids, numbers and states only: no personal data.
 */
public sealed interface SupervisionEvent {

    /**
     * A leader gave instructions at a reception (领导处理意见).
     *
     * @param officeId the leader's office
     * @param itemIds  the supervision items it assigned, possibly none
     */
    record InstructionGiven(long instructionId, long bookingId, long caseId, String caseNumber, long officeId,
                            List<Long> itemIds, Instant at) implements SupervisionEvent {
        public InstructionGiven {
            itemIds = List.copyOf(itemIds);
        }
    }

    /**
     * The petitioner evaluated the handling result (满意度评价).
     *
     * @param officeId the case's office
     * @param itemIds  the replied items this evaluation covers
     */
    record EvaluationGiven(long evaluationId, long caseId, String caseNumber, long officeId, EvaluationResult result,
                           EvaluationChannel channel, List<Long> itemIds, Instant at) implements SupervisionEvent {
        public EvaluationGiven {
            itemIds = List.copyOf(itemIds);
        }
    }
}
