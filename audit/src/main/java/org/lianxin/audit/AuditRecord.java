package org.lianxin.audit;

import java.time.Instant;

/**
 * One entry as stored in the trail: every field as text, as it is hashed ({@link AuditCanonical}); codes this version
 * does not know are kept as they are.
 *
 * @param seq      its place in the chain, from 1, without gaps
 * @param at       when it was appended (microseconds)
 * @param prevHash the hash of entry {@code seq - 1} ({@link AuditCanonical#GENESIS} for the first)
 * @param hash     SHA-256 of its canonical form, lowercase hex
 */
public record AuditRecord(long seq, Instant at, String username, String role, Long officeId, String action,
                          String objectType, String objectId, String outcome, String clientAddress, String requestId,
                          String details, String prevHash, String hash) {

    /** The hash this record's content gives, to compare with {@link #hash}. */
    public String recomputedHash() {
        return AuditCanonical.hash(this);
    }
}
