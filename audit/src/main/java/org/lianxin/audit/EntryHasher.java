package org.lianxin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * {@link AuditCanonical#entry}'s bytes and their SHA-256, written into one reused buffer and digest: no per-entry
 * byte arrays, hex strings or formatted times, which is what makes {@code verify-audit} over a million entries fast.
 * The bytes are exactly {@link AuditCanonical#entry}'s ({@code EntryHasherTest} compares them). Not thread-safe: one
 * per thread.
 */
public final class EntryHasher {

    private static final byte[] VERSION = AuditCanonical.ENTRY_VERSION.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha;
    private final byte[] digest = new byte[32];
    private byte[] buf = new byte[512];
    private int len;

    public EntryHasher() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Whether {@code r}'s content gives {@code r.hash()} (lowercase hex), without building the hex string. */
    public boolean matches(AuditRecord r) {
        digest(r);
        String hash = r.hash();
        if (hash == null || hash.length() != 64) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            int b = digest[i] & 0xff;
            if (hash.charAt(2 * i) != HEX[b >>> 4] || hash.charAt(2 * i + 1) != HEX[b & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /** The lowercase hex SHA-256 of {@code r}'s canonical bytes, as {@link AuditCanonical#hash}. */
    public String hash(AuditRecord r) {
        digest(r);
        byte[] hex = new byte[64];
        for (int i = 0; i < 32; i++) {
            int b = digest[i] & 0xff;
            hex[2 * i] = HEX[b >>> 4];
            hex[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(hex, StandardCharsets.US_ASCII);
    }

    /** The canonical bytes (a copy), for tests and archives. */
    public byte[] bytes(AuditRecord r) {
        write(r);
        return Arrays.copyOf(buf, len);
    }

    private void digest(AuditRecord r) {
        write(r);
        sha.update(buf, 0, len);
        try {
            sha.digest(digest, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(AuditRecord r) {
        len = 0;
        raw(VERSION);
        number(r.seq());
        time(r.at());
        text(r.username());
        text(r.role());
        if (r.officeId() == null) {
            length(-1);
        } else {
            number(r.officeId());
        }
        text(r.action());
        text(r.objectType());
        text(r.objectId());
        text(r.outcome());
        text(r.clientAddress());
        text(r.requestId());
        text(r.details());
        text(r.prevHash());
    }

    private void raw(byte[] b) {
        length(b.length);
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void text(String s) {
        if (s == null) {
            length(-1);
            return;
        }
        int n = s.length();
        room(4 + n);
        int start = len + 4;
        int at = start;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not ASCII: the JDK's encoder (surrogates and all)
                raw(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[at++] = (byte) c;
        }
        len = start - 4;
        length(n);
        len = at;
    }

    private void number(long v) {
        if (v < 0) {
            raw(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        length(digits);
        room(digits);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} in UTC, as {@link AuditCanonical#time}. */
    private void time(Instant at) {
        long secs = at.getEpochSecond();
        long day = Math.floorDiv(secs, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 0 || date.getYear() > 9999) { // outside four digits: the formatter's own rules
            raw(AuditCanonical.time(at).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int sod = (int) Math.floorMod(secs, 86_400);
        length(27);
        room(27);
        digits(date.getYear(), 4);
        buf[len++] = '-';
        digits(date.getMonthValue(), 2);
        buf[len++] = '-';
        digits(date.getDayOfMonth(), 2);
        buf[len++] = 'T';
        digits(sod / 3600, 2);
        buf[len++] = ':';
        digits(sod / 60 % 60, 2);
        buf[len++] = ':';
        digits(sod % 60, 2);
        buf[len++] = '.';
        digits(at.getNano() / 1000, 6);
        buf[len++] = 'Z';
    }

    private void digits(int v, int width) {
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += width;
    }

    private void length(int v) {
        room(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void room(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
