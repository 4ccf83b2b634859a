package org.lianxin.topics;

import java.time.Instant;

/** A matter of a topic: its case file (number, subject, office, status; no personal data) and when it was added. */
public record TopicMatter(long caseId, String caseNumber, String subject, OfficeRef office, String status,
                          Instant createdAt, Instant addedAt) {
}
