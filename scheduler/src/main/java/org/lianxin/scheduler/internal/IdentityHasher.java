package org.lianxin.scheduler.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lianxin.scheduler.RuleViolation;

/**
 * ID-card numbers: checked (GB 11643 check digit), masked for display, and kept only as HMAC-SHA-256 under a
 * server key and a per-case salt — an ID number has too little entropy for a plain hash to protect it.
 */
final class IdentityHasher {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private final byte[] key;

    IdentityHasher(byte[] key) {
        this.key = key.clone();
    }

    /** Upper-cases and checks an 18-character resident ID number; throws {@code id-number-invalid}. */
    static String normalize(String idNumber) {
        String id = idNumber == null ? "" : idNumber.trim().toUpperCase(Locale.ROOT);
        if (!id.matches("\\d{17}[\\dX]")) {
            throw new RuleViolation("id-number-invalid", "an ID-card number has 17 digits and a check digit or X",
                    Map.of("field", "idNumber"));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (id.charAt(i) - '0') * WEIGHTS[i];
        if (CHECK[sum % 11] != id.charAt(17)) {
            throw new RuleViolation("id-number-invalid", "the ID-card number's check digit is wrong",
                    Map.of("field", "idNumber"));
        }
        return id;
    }

    static String mask(String normalizedId) {
        return normalizedId.substring(0, 4) + "**********" + normalizedId.substring(14);
    }

    static String maskPhone(String phone) {
        String p = normalizePhone(phone);
        if (p == null) return null;
        return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
    }

    /** The phone number without spaces and dashes ({@code null} if none); throws {@code phone-invalid}. */
    static String normalizePhone(String phone) {
        if (phone == null || phone.isBlank()) return null;
        String p = phone.replaceAll("[\\s-]", "");
        if (!p.matches("\\+?\\d{7,15}")) {
            throw new RuleViolation("phone-invalid", "a phone number has 7 to 15 digits", Map.of("field", "phone"));
        }
        return p;
    }

    String hash(byte[] salt, String normalizedId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(salt);
            return HexFormat.of().formatHex(mac.doFinal(normalizedId.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * The same for every case of one petitioner: the HMAC of the normalised number under the key alone (a different
     * message prefix from {@link #hash}, so a link never equals a salted hash).
     */
    String link(String normalizedId) {
        return hash("petitioner-link:".getBytes(StandardCharsets.US_ASCII), normalizedId);
    }

    boolean matches(String saltHex, String expectedHash, String idNumber) {
        String id;
        try {
            id = normalize(idNumber);
        } catch (RuleViolation e) {
            return false;
        }
        byte[] actual = hash(HexFormat.of().parseHex(saltHex), id).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
