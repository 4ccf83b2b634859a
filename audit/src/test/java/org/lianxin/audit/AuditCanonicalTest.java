package org.lianxin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditCanonicalTest {

    private static final AuditRecord RECORD = new AuditRecord(7, Instant.parse("2026-12-02T03:04:05.123456Z"),
            "leader-张", "LEADER", 42L, "recording.view", "recording", "9", "ALLOWED", "127.0.0.1", "req-1",
            "{\"item\":\"x\"}", AuditCanonical.GENESIS, null);

    /** A second reading of the README's definition, written with DataOutputStream. */
    private static byte[] byTheReadme(String... fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String f : fields) {
            if (f == null) {
                out.writeInt(-1);
            } else {
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void anEntrysBytesAreItsFieldsLengthPrefixedInTheReadmesOrder() throws Exception {
        byte[] expected = byTheReadme("lianxin-audit-v1", "7", "2026-12-02T03:04:05.123456Z", "leader-张", "LEADER",
                "42", "recording.view", "recording", "9", "ALLOWED", "127.0.0.1", "req-1", "{\"item\":\"x\"}",
                "0".repeat(64));
        assertThat(AuditCanonical.entry(RECORD)).isEqualTo(expected);
        assertThat(AuditCanonical.hash(RECORD))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    }

    @Test
    void aMissingFieldIsNotAnEmptyOne() {
        AuditRecord noRole = new AuditRecord(1, RECORD.at(), "u", null, null, "auth.login", null, null, "DENIED", null,
                null, "{}", AuditCanonical.GENESIS, null);
        AuditRecord emptyRole = new AuditRecord(1, RECORD.at(), "u", "", null, "auth.login", null, null, "DENIED", null,
                null, "{}", AuditCanonical.GENESIS, null);
        assertThat(AuditCanonical.hash(noRole)).isNotEqualTo(AuditCanonical.hash(emptyRole));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        AuditRecord a = new AuditRecord(1, RECORD.at(), "ab", "c", null, "auth.login", null, null, "DENIED", null,
                null, "{}", AuditCanonical.GENESIS, null);
        AuditRecord b = new AuditRecord(1, RECORD.at(), "a", "bc", null, "auth.login", null, null, "DENIED", null,
                null, "{}", AuditCanonical.GENESIS, null);
        assertThat(AuditCanonical.hash(a)).isNotEqualTo(AuditCanonical.hash(b));
    }

    @Test
    void timesAlwaysHaveSixFractionDigits() {
        assertThat(AuditCanonical.time(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-01-01T00:00:00.000000Z");
        assertThat(AuditCanonical.micros(Instant.parse("2026-01-01T00:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void detailsAreJsonWithSortedKeysAndEscapedText() {
        AuditEntry e = new AuditEntry("u", null, null, AuditAction.LOGIN, null, null, AuditOutcome.ALLOWED, null, null,
                Map.of("z", "1", "a", "say \"hi\"\n"));
        assertThat(e.detailsJson()).isEqualTo("{\"a\":\"say \\\"hi\\\"\\u000a\",\"z\":\"1\"}");
    }

    @Test
    void everyActionCodeIsDistinctAndFoundAgain() {
        for (AuditAction a : AuditAction.values()) {
            assertThat(AuditAction.ofCode(a.code())).isSameAs(a);
        }
        assertThat(AuditAction.ofCode("nope")).isNull();
    }
}
