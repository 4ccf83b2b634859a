package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.webhooks.WebhookWorld.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.webhooks.testing.Receiver;

/**
 * Signing secrets encrypted at rest, against a real PostgreSQL and a real receiver on 127.0.0.1: stored sealed, a
 * plain-text row from before is sealed once at start-up, a key rotation seals again, and every delivery still
 * verifies against the Standard Webhooks signature of the secret the administrator was given.
 */
class SealedSecretsIT {
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    static final long CITY = 2;

    MutableClock clock;
    WebhookWorld world;
    Receiver receiver;
    WebhooksModule module;
    NewSecret endpoint;
    int changes;

    @BeforeEach
    void setUp() throws Exception {
        clock = new MutableClock(T0);
        world = new WebhookWorld("sealed_secrets", clock);
        receiver = new Receiver();
        module = world.module(WebhookWorld.settings("node-a", Duration.ofHours(72)));
        endpoint = module.webhooks().create(CITY, new EndpointDraft(receiver.url(), "市信访信息系统", Set.of(), true));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        world.close();
    }

    String stored() {
        return world.jdbc.sql("select secret from webhook_secret where endpoint_id = ?")
                .param(endpoint.endpoint().id()).query(String.class).single();
    }

    /** Delivers one event with {@code m} and checks its signature against the secret given at creation. */
    void deliversVerifiably(WebhooksModule m) {
        int before = receiver.requests().size();
        world.emitWithChange(m.webhooks(), ++changes, event(EventType.BOOKING_CREATED, null, "k" + changes,
                clock.instant(), CITY));
        assertThat(m.dispatcher().dispatchDue()).isEqualTo(1);
        Receiver.Request r = receiver.requests().get(before);
        assertThat(WebhookSigner.verify(endpoint.secret(), r.id(), Long.parseLong(r.timestamp()),
                r.body().getBytes(StandardCharsets.UTF_8), r.signature())).isTrue();
    }

    @Test
    void aSecretIsStoredSealedAndStillSignsAsTheSpecificationSays() {
        String stored = stored();
        assertThat(stored).startsWith(PersonalDataCipher.PREFIX)
                .doesNotContain(endpoint.secret().reveal().substring(WebhookSecret.PREFIX.length()));
        assertThat(module.webhooks().endpoints(List.of(CITY)).get(0).secrets()).singleElement()
                .satisfies(s -> assertThat(s.masked()).isEqualTo(endpoint.secret().masked()));
        deliversVerifiably(module);
        assertThat(module.sealStoredSecrets()).as("nothing left to seal").isZero();
    }

    @Test
    void aPlainTextSecretFromBeforeIsSealedOnceAndSignsBeforeAndAfter() {
        world.jdbc.sql("update webhook_secret set secret = ? where endpoint_id = ?")
                .params(endpoint.secret().reveal(), endpoint.endpoint().id()).update();
        deliversVerifiably(module); // read in plain text until sealed
        assertThat(module.sealStoredSecrets()).isEqualTo(1);
        assertThat(stored()).startsWith(PersonalDataCipher.PREFIX);
        assertThat(module.sealStoredSecrets()).as("idempotent").isZero();
        deliversVerifiably(module);
    }

    @Test
    void afterAKeyRotationTheSecretIsSealedAgainUnderTheNewKey() {
        String before = stored();
        byte[] newKey = PersonalDataCipher.derivedKey("rotated".getBytes(StandardCharsets.US_ASCII), "test ring");
        byte[] oldKey = PersonalDataCipher.derivedKey("webhooks-test-key".getBytes(StandardCharsets.US_ASCII),
                "test ring");
        PersonalDataCipher rotated = PersonalDataCipher.ofKeys(List.of(newKey, oldKey));
        WebhooksModule after = world.module(WebhookWorld.settings("node-b", Duration.ofHours(72)), rotated);
        deliversVerifiably(after); // the old key still opens
        assertThat(after.sealStoredSecrets()).isEqualTo(1);
        assertThat(PersonalDataCipher.keyIdOf(stored())).isEqualTo(rotated.currentKeyId())
                .isNotEqualTo(PersonalDataCipher.keyIdOf(before));
        assertThat(after.sealStoredSecrets()).isZero();
        WebhooksModule onlyNew = world.module(WebhookWorld.settings("node-c", Duration.ofHours(72)),
                PersonalDataCipher.ofKeys(List.of(newKey)));
        deliversVerifiably(onlyNew);
    }
}
