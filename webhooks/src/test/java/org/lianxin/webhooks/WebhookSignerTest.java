package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    /**
     * The specification's published vector (standard-webhooks/standard-webhooks, the libraries' sign tests, e.g.
     * libraries/go/webhook_test.go TestWebhookSign).
     */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsThePublishedTestVector() {
        assertThat(WebhookSigner.sign(WebhookSecret.parse(SECRET), MSG_ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void aSecretWithoutItsPrefixSignsTheSame() {
        assertThat(WebhookSigner.sign(WebhookSecret.parse(SECRET.substring(6)), MSG_ID, TIMESTAMP, BODY))
                .isEqualTo(EXPECTED);
    }

    @Test
    void theHeaderHoldsOneSignaturePerSecretSpaceSeparated() {
        WebhookSecret other = WebhookSecret.generate(new SecureRandom());
        String header = WebhookSigner.header(List.of(WebhookSecret.parse(SECRET), other), MSG_ID, TIMESTAMP, BODY);
        assertThat(List.of(header.split(" "))).hasSize(2).first().isEqualTo(EXPECTED);
        assertThat(WebhookSigner.verify(other, MSG_ID, TIMESTAMP, BODY, header)).isTrue();
        assertThat(WebhookSigner.verify(WebhookSecret.parse(SECRET), MSG_ID, TIMESTAMP, BODY, header)).isTrue();
    }

    @Test
    void verifyRefusesAnotherBodyTimestampIdOrSecret() {
        WebhookSecret secret = WebhookSecret.parse(SECRET);
        assertThat(WebhookSigner.verify(secret, MSG_ID, TIMESTAMP, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8),
                EXPECTED)).isFalse();
        assertThat(WebhookSigner.verify(secret, MSG_ID, TIMESTAMP + 1, BODY, EXPECTED)).isFalse();
        assertThat(WebhookSigner.verify(secret, "msg_other", TIMESTAMP, BODY, EXPECTED)).isFalse();
        assertThat(WebhookSigner.verify(WebhookSecret.generate(new SecureRandom()), MSG_ID, TIMESTAMP, BODY, EXPECTED))
                .isFalse();
        assertThat(WebhookSigner.verify(secret, MSG_ID, TIMESTAMP, BODY, "v1a," + EXPECTED.substring(3))).isFalse();
        assertThat(WebhookSigner.verify(secret, MSG_ID, TIMESTAMP, BODY, null)).isFalse();
    }

    @Test
    void anIdWithADotIsRefused() {
        assertThatThrownBy(() -> WebhookSigner.sign(WebhookSecret.parse(SECRET), "msg.1", TIMESTAMP, BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretIsMaskedInItsTextAndItsErrorsNeverRepeatIt() {
        WebhookSecret secret = WebhookSecret.parse(SECRET);
        assertThat(secret.toString()).isEqualTo("whsec_…LaSw").doesNotContain("MfKQ9r8G");
        assertThat(secret.reveal()).isEqualTo(SECRET);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).hasMessageNotContaining("not base64");
    }

    @Test
    void generatedSecretsAreWhsecOf32BytesAndDiffer() {
        SecureRandom random = new SecureRandom();
        WebhookSecret a = WebhookSecret.generate(random);
        WebhookSecret b = WebhookSecret.generate(random);
        assertThat(a.reveal()).startsWith("whsec_").hasSize(6 + 44);
        assertThat(WebhookSecret.parse(a.reveal())).isEqualTo(a);
        assertThat(a).isNotEqualTo(b);
    }
}
