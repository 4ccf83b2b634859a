package org.lianxin.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed statement of the chain's head: entry {@code seq} has hash {@code hash}, as of {@code at}, signed with
 * Ed25519 by the key whose id is {@code keyId} ({@link CheckpointKeys#keyId}) over
 * {@link AuditCanonical#checkpoint}. Kept as a row and, outside the database, as one object per checkpoint
 * ({@link #objectName}, {@link #toText}).
 */
public record Checkpoint(long seq, String hash, Instant at, String keyId, String signature) {

    /** Where checkpoints are kept in the object store. */
    public static final String PREFIX = "audit/checkpoints/";

    /** Signs the head {@code seq}/{@code hash} as of {@code at}. */
    public static Checkpoint sign(long seq, String hash, Instant at, PrivateKey key, String keyId) {
        Instant micros = AuditCanonical.micros(at);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(AuditCanonical.checkpoint(seq, hash, micros, keyId));
            return new Checkpoint(seq, hash, micros, keyId, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint with Ed25519: " + e.getMessage(), e);
        }
    }

    /** Whether the signature is the given key's over this checkpoint's fields. */
    public boolean verify(PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(AuditCanonical.checkpoint(seq, hash, at, keyId));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code audit/checkpoints/<seq, 19 digits>.txt}: sorted by name is sorted by seq; one object per head. */
    public String objectName() {
        return PREFIX + String.format("%019d", seq) + ".txt";
    }

    /** The object's content: {@code key=value} lines, UTF-8. */
    public String toText() {
        return AuditCanonical.CHECKPOINT_VERSION + "\nseq=" + seq + "\nhash=" + hash + "\nat=" + AuditCanonical.time(at)
                + "\nkey=" + keyId + "\nsignature=" + signature + "\n";
    }

    public byte[] toBytes() {
        return toText().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads {@link #toText}.
     *
     * @throws IllegalArgumentException if it is not a checkpoint
     */
    public static Checkpoint parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        if (lines.length < 6 || !lines[0].equals(AuditCanonical.CHECKPOINT_VERSION)) {
            throw new IllegalArgumentException("not a " + AuditCanonical.CHECKPOINT_VERSION + " object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) {
                fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
            }
        }
        try {
            return new Checkpoint(Long.parseLong(fields.get("seq")), require(fields, "hash"),
                    Instant.parse(require(fields, "at")), require(fields, "key"), require(fields, "signature"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad checkpoint object: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }
}
