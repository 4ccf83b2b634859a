package org.lianxin.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.IceServer;

class TurnCredentialsTest {

    static final String SECRET = "county-turn-secret-0123";
    static final List<String> URLS = List.of("turn:198.18.1.2:3478?transport=udp", "turn:198.18.1.2:3478?transport=tcp",
            "turns:198.18.1.2:443?transport=tcp");
    static final Instant NOW = Instant.parse("2025-12-31T23:00:00Z");

    private final TurnCredentials turn = new TurnCredentials(
            new TurnSettings(SECRET, URLS, "lianxin.test", Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theUsernameIsExpiryColonParticipantAndThePasswordItsBase64HmacSha1UnderTheSecret() {
        // expected computed apart from Java: printf '%s' '1767225600:kiosk-7'
        //   | openssl dgst -sha1 -hmac 'county-turn-secret-0123' -binary | base64
        List<IceServer> servers = turn.iceServers("kiosk-7", Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(servers).containsExactly(new IceServer(URLS, "1767225600:kiosk-7", "gtt4CKKjZOw6OYKY5YBxSZKnBZA="));
    }

    @Test
    void aCredentialLivesTheTtlWhenTheTokenLivesLonger() {
        IceServer server = turn.iceServers("leader-1", NOW.plus(Duration.ofHours(5))).get(0);

        assertThat(server.username()).isEqualTo(NOW.plus(Duration.ofHours(1)).getEpochSecond() + ":leader-1");
    }

    @Test
    void aCredentialNeverOutlivesTheJoinToken() {
        Instant tokenEnd = NOW.plus(Duration.ofMinutes(7));

        assertThat(turn.iceServers("leader-1", tokenEnd).get(0).username())
                .isEqualTo(tokenEnd.getEpochSecond() + ":leader-1");
    }

    @Test
    void aTokenAboutToEndStillGetsACredentialLongEnoughForIce() {
        assertThat(turn.iceServers("kiosk-7", NOW.plusSeconds(2)).get(0).username())
                .isEqualTo(NOW.plus(TurnCredentials.MIN_LIFE).getEpochSecond() + ":kiosk-7");
    }

    @Test
    void differentParticipantsAndExpiriesGetDifferentPasswords() {
        String a = turn.iceServers("kiosk-7", NOW.plusSeconds(600)).get(0).credential();
        String b = turn.iceServers("kiosk-8", NOW.plusSeconds(600)).get(0).credential();
        String c = turn.iceServers("kiosk-7", NOW.plusSeconds(601)).get(0).credential();

        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
    }

    @Test
    void withoutTurnNobodyGetsIceServers() {
        assertThat(TurnCredentials.none().iceServers("kiosk-7", NOW)).isEmpty();
        assertThat(TurnCredentials.none().enabled()).isFalse();
        assertThat(turn.enabled()).isTrue();
    }

    @Test
    void aParticipantIdWithAColonIsRefusedItWouldChangeTheExpiryCoturnReads() {
        assertThatThrownBy(() -> turn.iceServers("1:kiosk", NOW.plusSeconds(600)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecretNeverShowsInToString() {
        assertThat(turn.toString()).doesNotContain(SECRET).contains("lianxin.test");
    }

    @Test
    void badSettingsAreListedTogetherWithoutTheSecret() {
        assertThatThrownBy(() -> new TurnSettings("short", List.of("http://x", "turn:"), "r", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret: at least 16")
                .hasMessageContaining("must start with turn: or turns:: http://x")
                .hasMessageContaining("no host: turn:")
                .hasMessageContaining("ttl: between 1m and 24h")
                .hasMessageNotContaining("short");
        assertThat(TurnSettings.problems(SECRET, List.of("turn:h:3478?transport=sctp"), Duration.ofMinutes(5)))
                .containsExactly("urls: the only parameter is transport=udp or transport=tcp: turn:h:3478?transport=sctp");
        assertThat(TurnSettings.problems(SECRET, URLS, Duration.ofMinutes(10))).isEmpty();
        assertThat(TurnSettings.problems(SECRET, List.of("turns:[2001:db8::1]:443?transport=tcp"), Duration.ofMinutes(10)))
                .isEmpty();
    }
}
