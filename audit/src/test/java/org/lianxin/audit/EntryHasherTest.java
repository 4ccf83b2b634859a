package org.lianxin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The fast hasher writes exactly {@link AuditCanonical#entry}'s bytes, whatever the fields hold. */
class EntryHasherTest {

    private static AuditRecord record(long seq, Instant at, String user, Long office, String details, String hash) {
        return new AuditRecord(seq, at, user, "LEADER", office, "recording.view", "recording", "9", "ALLOWED",
                "127.0.0.1", null, details, AuditCanonical.GENESIS, hash);
    }

    @Test
    void sameBytesAndHashAsTheCanonicalForm() {
        List<AuditRecord> records = new ArrayList<>();
        records.add(record(1, Instant.parse("2026-12-02T03:04:05.123456Z"), "leader-张", 42L, "{}", null));
        records.add(record(9_223_372_036_854_775_807L, Instant.parse("1970-01-01T00:00:00Z"), "", null, "{}", null));
        records.add(record(-5, Instant.parse("1969-12-31T23:59:59.999999Z"), "a\u0000b", 0L, null, null));
        records.add(record(10, Instant.parse("0001-01-01T00:00:00.000001Z"), "😀 emoji \ud800 lone", -3L, "{}", null));
        records.add(record(11, Instant.parse("9999-12-31T23:59:59.999999Z"), "x".repeat(2000), 7L, "é", null));
        records.add(record(12, Instant.parse("+10000-01-01T00:00:00Z"), "far", 7L, "{}", null));
        records.add(record(13, Instant.parse("2024-02-29T12:00:00.000100Z"), "leap", 7L, "{}", null));
        records.add(new AuditRecord(14, Instant.parse("2026-06-01T08:00:00Z"), "u", null, null, "auth.login", null,
                null, "DENIED", null, null, "{}", "f".repeat(64), null));
        EntryHasher h = new EntryHasher();
        for (AuditRecord r : records) {
            assertThat(h.bytes(r)).as(r.toString()).isEqualTo(AuditCanonical.entry(r));
            assertThat(h.hash(r)).isEqualTo(AuditCanonical.hash(r));
        }
    }

    @Test
    void matchesOnlyTheExactLowercaseHash() {
        AuditRecord r = record(3, Instant.parse("2026-12-02T03:04:05.123456Z"), "u", 1L, "{}", null);
        String hash = AuditCanonical.hash(r);
        EntryHasher h = new EntryHasher();
        assertThat(h.matches(withHash(r, hash))).isTrue();
        assertThat(h.matches(withHash(r, hash.toUpperCase()))).isFalse();
        assertThat(h.matches(withHash(r, hash.substring(0, 63) + (hash.endsWith("0") ? "1" : "0")))).isFalse();
        assertThat(h.matches(withHash(r, hash.substring(1)))).isFalse();
        assertThat(h.matches(withHash(r, null))).isFalse();
        AuditRecord changed = new AuditRecord(3, r.at(), "v", r.role(), r.officeId(), r.action(), r.objectType(),
                r.objectId(), r.outcome(), r.clientAddress(), r.requestId(), r.details(), r.prevHash(), hash);
        assertThat(h.matches(changed)).isFalse();
    }

    private static AuditRecord withHash(AuditRecord r, String hash) {
        return new AuditRecord(r.seq(), r.at(), r.username(), r.role(), r.officeId(), r.action(), r.objectType(),
                r.objectId(), r.outcome(), r.clientAddress(), r.requestId(), r.details(), r.prevHash(), hash);
    }
}
