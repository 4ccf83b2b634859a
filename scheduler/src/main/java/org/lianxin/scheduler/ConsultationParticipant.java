package org.lianxin.scheduler;

import java.time.Instant;

/** An official invited to a consultation. */
public record ConsultationParticipant(long officialId, String officialName, long officeId, String invitedBy,
                                      Instant invitedAt) {
}
