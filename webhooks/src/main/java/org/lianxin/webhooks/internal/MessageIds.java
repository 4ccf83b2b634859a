package org.lianxin.webhooks.internal;

import java.security.SecureRandom;

/** {@code webhook-id}s: {@code msg_} and 26 random base-32 characters (130 bits); never a '.', as the standard asks. */
final class MessageIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private MessageIds() {
    }

    static String next(SecureRandom random) {
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < 26; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
