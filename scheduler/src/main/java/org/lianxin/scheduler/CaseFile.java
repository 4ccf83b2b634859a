package org.lianxin.scheduler;

import java.time.Instant;

/**
 * A petition case file. The petitioner's ID-card number is kept only as a salted hash (never returned) and a
 * masked form such as {@code 5101**********1234}.
 */
public record CaseFile(long id, String caseNumber, String petitionerName, String idMasked, String phoneMasked,
                       String subject, String category, long officeId, CaseStatus status, Instant createdAt) {
}
