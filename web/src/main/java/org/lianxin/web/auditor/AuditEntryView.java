package org.lianxin.web.auditor;

import java.time.Instant;

import org.lianxin.audit.AuditRecord;

/**
 * An entry of the trail as the auditor sees it: every field of the stored entry (with the chain's hashes, so that an
 * exported entry can be checked against {@code verify-audit}), personal data in its text masked.
 */
public record AuditEntryView(long seq, Instant at, String username, String role, Long officeId, String action,
                             String objectType, String objectId, String outcome, String clientAddress,
                             String requestId, String details, String hash) {

    static AuditEntryView of(AuditRecord r) {
        return new AuditEntryView(r.seq(), r.at(), r.username(), r.role(), r.officeId(), r.action(), r.objectType(),
                PersonalDataMask.mask(r.objectId()), r.outcome(), r.clientAddress(), r.requestId(),
                PersonalDataMask.mask(r.details()), r.hash());
    }
}
