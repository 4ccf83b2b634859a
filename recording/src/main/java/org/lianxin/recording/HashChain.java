package org.lianxin.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The recording's hash chain: {@code chain(i) = SHA-256(chain(i-1) + "\n" + key(i) + "\n" + sha256(i))} in
 * lowercase hex, with {@link #GENESIS} before the first segment. Changing, removing, reordering or
 * renaming any segment changes every later link and the head.
 */
public final class HashChain {

    /** The value before the first segment: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    public static String link(String previous, String key, String sha256) {
        return sha256Hex((previous + "\n" + key + "\n" + sha256).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** SHA-256 of a stream's bytes (read to its end; the caller closes it). */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest d = digest();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    public static String sha256Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256Hex(in);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
