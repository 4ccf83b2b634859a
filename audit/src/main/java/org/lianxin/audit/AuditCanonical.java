package org.lianxin.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The exact bytes that are hashed and signed (README, "Audit trail"): a sequence of fields, each written as its
 * length in bytes (4 bytes, big-endian, signed) followed by its UTF-8 bytes; a missing field ({@code null}) is the
 * length -1 and no bytes. Numbers are decimal ASCII; times are UTC as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (always
 * six fraction digits); hashes lowercase hex.
 * <ul>
 * <li>Entry: {@code "lianxin-audit-v1"}, seq, at, username, role, officeId, action, objectType, objectId, outcome,
 * clientAddress, requestId, details, prevHash; its hash is SHA-256 of these bytes.</li>
 * <li>Checkpoint: {@code "lianxin-audit-checkpoint-v1"}, seq, hash, at, keyId; its signature is Ed25519 over these
 * bytes.</li>
 * </ul>
 */
public final class AuditCanonical {

    public static final String ENTRY_VERSION = "lianxin-audit-v1";
    public static final String CHECKPOINT_VERSION = "lianxin-audit-checkpoint-v1";
    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditCanonical() {
    }

    /** The canonical bytes of an entry. */
    public static byte[] entry(AuditRecord r) {
        Fields f = new Fields();
        f.add(ENTRY_VERSION).add(Long.toString(r.seq())).add(time(r.at())).add(r.username()).add(r.role())
                .add(r.officeId() == null ? null : Long.toString(r.officeId())).add(r.action()).add(r.objectType())
                .add(r.objectId()).add(r.outcome()).add(r.clientAddress()).add(r.requestId()).add(r.details())
                .add(r.prevHash());
        return f.bytes();
    }

    /** The lowercase hex SHA-256 of {@link #entry}. */
    public static String hash(AuditRecord r) {
        return sha256(entry(r));
    }

    /** The canonical bytes a checkpoint's signature covers. */
    public static byte[] checkpoint(long seq, String hash, Instant at, String keyId) {
        return new Fields().add(CHECKPOINT_VERSION).add(Long.toString(seq)).add(hash).add(time(at)).add(keyId).bytes();
    }

    /** A time as it is hashed; the trail keeps microseconds. */
    public static String time(Instant at) {
        return TIME.format(at);
    }

    /** An instant truncated to what the trail keeps. */
    public static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Fields add(String value) {
            if (value == null) {
                writeInt(-1);
                return this;
            }
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            writeInt(b.length);
            out.writeBytes(b);
            return this;
        }

        private void writeInt(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
