package org.lianxin.scheduler;

import java.time.Instant;

/**
 * A petition case file. The petitioner's ID-card and phone numbers are shown only masked ({@code 5101**********1234},
 * {@code 138****5678}); the ID number is also kept as a salted hash (never returned), and both in full encrypted,
 * shown only on request with a reason ({@link CasePersonalData}).
 */
public record CaseFile(long id, String caseNumber, String petitionerName, String idMasked, String phoneMasked,
                       String subject, String category, long officeId, CaseStatus status, Instant createdAt) {
}
