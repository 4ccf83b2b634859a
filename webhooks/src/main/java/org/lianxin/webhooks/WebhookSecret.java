package org.lianxin.webhooks;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret in the Standard Webhooks form: {@code whsec_} and the base64 of 24 to 64 random bytes.
 * Its {@link #toString()} is masked: a secret is shown in full once, when it is made, and never logged.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    private static final int GENERATED_BYTES = 32;

    private final byte[] key;
    private final String text;

    private WebhookSecret(byte[] key, String text) {
        this.key = key;
        this.text = text;
    }

    /**
     * The secret {@code text} spells ({@code whsec_} + base64; the prefix may be left out).
     *
     * @throws IllegalArgumentException if it is not base64 of 24..64 bytes (the message never repeats the text)
     */
    public static WebhookSecret parse(String text) {
        Objects.requireNonNull(text, "text");
        String b64 = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes, this one " + key.length);
        }
        return new WebhookSecret(key, PREFIX + b64);
    }

    /** A new random secret of 32 bytes. */
    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(key, PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC key. */
    byte[] key() {
        return key.clone();
    }

    /** The full {@code whsec_…} text: to store, and to show once to whoever made it. */
    public String reveal() {
        return text;
    }

    /** {@code whsec_…} and the last four characters: enough to tell two secrets apart, not to sign. */
    public String masked() {
        return PREFIX + "…" + text.substring(text.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return masked();
    }
}
