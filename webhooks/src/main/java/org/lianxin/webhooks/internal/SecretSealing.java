package org.lianxin.webhooks.internal;

import java.util.List;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.webhooks.WebhookSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook signing secrets encrypted at rest under the personal-data key ring's {@value #PURPOSE} key (HKDF-derived:
 * never the key of case files' numbers). A stored value is {@code lxc1:…} once sealed; a row written in plain text
 * before this ({@code whsec_…}) is still read, and sealed by {@link #sealStored} at start-up. Nothing here logs a
 * secret: counts and ids only.
 */
final class SecretSealing {
    static final String PURPOSE = "webhook-secret";
    private static final String CONTEXT = "webhook_secret.secret";
    private static final Logger log = LoggerFactory.getLogger(SecretSealing.class);

    private final PersonalDataCipher cipher;

    SecretSealing(PersonalDataCipher ring) {
        this.cipher = ring.forPurpose(PURPOSE);
    }

    String seal(WebhookSecret secret) {
        return cipher.seal(secret.reveal(), CONTEXT);
    }

    /** A stored secret: sealed, or plain from before sealing. */
    WebhookSecret read(String stored) {
        return WebhookSecret.parse(PersonalDataCipher.isSealed(stored) ? cipher.open(stored, CONTEXT) : stored);
    }

    /**
     * Seals every stored secret still in plain text, and seals again under the current key every one sealed under an
     * older key of the ring; each row by its own conditional update (a row another node changed meanwhile is left to
     * it), so running it again, or on every node at once, changes nothing more.
     *
     * @return how many rows it changed
     */
    int sealStored(JdbcClient jdbc) {
        record Row(long id, String stored) {
        }
        List<Row> rows = jdbc.sql("select id, secret from webhook_secret order by id")
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
        int changed = 0;
        int plain = 0;
        for (Row r : rows) {
            boolean isPlain = !PersonalDataCipher.isSealed(r.stored());
            if (!isPlain && !cipher.needsResealing(r.stored())) continue;
            String sealed = seal(read(r.stored()));
            changed += jdbc.sql("update webhook_secret set secret = ? where id = ? and secret = ?")
                    .params(sealed, r.id(), r.stored()).update();
            if (isPlain) plain++;
        }
        if (changed > 0) {
            log.info("webhook secrets: {} sealed at rest ({} of them stored in plain text before), key {}", changed,
                    plain, cipher.currentKeyId());
        }
        return changed;
    }
}
