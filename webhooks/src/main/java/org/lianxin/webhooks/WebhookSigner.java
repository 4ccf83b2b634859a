package org.lianxin.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks symmetric signature: {@code v1,} and the base64 of HMAC-SHA256 over
 * {@code webhook-id + "." + webhook-timestamp + "." + body}, one per secret, space-separated in the
 * {@code webhook-signature} header (several while a secret is being rotated). Also verifies, for receivers and for the
 * signed requests the petition information system sends us.
 */
public final class WebhookSigner {
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSigner() {
    }

    /** One {@code v1,…} signature. */
    public static String sign(WebhookSecret secret, String msgId, long timestamp, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        requireNoDot(msgId);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
            mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per secret, space-separated. */
    public static String header(List<WebhookSecret> secrets, String msgId, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret");
        }
        return secrets.stream().map(s -> sign(s, msgId, timestamp, body)).collect(Collectors.joining(" "));
    }

    /**
     * True if one of the {@code v1} signatures in {@code header} is that of {@code secret} (compared in constant
     * time); signatures of other schemes are passed over.
     */
    public static boolean verify(WebhookSecret secret, String msgId, long timestamp, byte[] body, String header) {
        if (header == null || msgId == null || msgId.contains(".")) {
            return false;
        }
        byte[] expected = sign(secret, msgId, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : header.trim().split(" +")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static void requireNoDot(String msgId) {
        Objects.requireNonNull(msgId, "msgId");
        if (msgId.isEmpty() || msgId.contains(".")) {
            throw new IllegalArgumentException("a webhook id is not empty and holds no '.'");
        }
    }
}
