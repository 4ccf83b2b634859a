package org.lianxin.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Something an office must be told. Carries no personal data beyond the case number.
 *
 * @param recipientOfficeIds the offices whose staff are told
 * @param text              a short note (the supervisor's reminder, the reason for redo), may be null
 */
public record SupervisionNotice(NoticeKind kind, long itemId, String itemNumber, String caseNumber,
                                List<Long> recipientOfficeIds, LocalDate deadline, Instant dueAt, String text) {
    public SupervisionNotice {
        recipientOfficeIds = List.copyOf(recipientOfficeIds);
    }
}
