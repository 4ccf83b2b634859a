package org.lianxin.scheduler;

import java.time.Instant;
import java.util.List;

/**
 * A remote consultation (远程会商) among officials of any offices: no petitioner.
 *
 * @param caseId       the case it is about, or null
 * @param participants the invited officials (the host is not among them), in invitation order
 */
public record Consultation(long id, String title, Long caseId, long hostOfficialId, String hostName,
                           long hostOfficeId, Instant startsAt, ConsultationState state, boolean recording,
                           String createdBy, Instant createdAt, Instant endedAt,
                           List<ConsultationParticipant> participants) {

    /** True if the official hosts or is invited. */
    public boolean involves(long officialId) {
        return hostOfficialId == officialId
                || participants.stream().anyMatch(p -> p.officialId() == officialId);
    }
}
