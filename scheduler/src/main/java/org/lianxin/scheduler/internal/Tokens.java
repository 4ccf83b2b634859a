package org.lianxin.scheduler.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets and short human-typable codes. */
final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/O, 1/I/L: codes are read aloud and typed at a terminal. */
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

    private Tokens() {
    }

    static String secret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String code(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) c[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
        return new String(c);
    }

    static byte[] salt() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
