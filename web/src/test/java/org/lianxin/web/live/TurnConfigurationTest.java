package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.web.config.BadConfiguration;
import org.lianxin.web.config.Secrets;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TurnConfigurationTest {

    static final String SECRET = "0123456789abcdef-turn-secret";

    @TempDir
    Path dataDir;

    List<String> problems(TurnProperties props) {
        List<String> problems = new ArrayList<>();
        TurnConfiguration.check(props, new Secrets(dataDir, true), problems);
        return problems;
    }

    static TurnProperties bind(Map<String, String> keys) {
        return new Binder(new MapConfigurationPropertySource(keys)).bindOrCreate("lianxin.turn", TurnProperties.class);
    }

    @Test
    void withoutUrlsTurnIsOffAndNothingIsRequired() {
        TurnProperties props = bind(Map.of());

        assertThat(props.enabled()).isFalse();
        assertThat(props.realm()).isEqualTo("lianxin");
        assertThat(props.ttl()).isEqualTo(Duration.ofHours(12));
        assertThat(problems(props)).isEmpty();
        assertThat(new TurnConfiguration().turnCredentials(props, new Secrets(dataDir, true), Clock.systemUTC())
                .enabled()).isFalse();
    }

    @Test
    void commaSeparatedUrlsAndTheSecretFromTheEnvironmentTurnItOn() {
        TurnProperties props = bind(Map.of("lianxin.turn.urls",
                "turn:turn.example:3478?transport=udp, turns:turn.example:443?transport=tcp",
                "lianxin.turn.secret", SECRET));

        assertThat(props.urls()).containsExactly("turn:turn.example:3478?transport=udp",
                "turns:turn.example:443?transport=tcp");
        assertThat(problems(props)).isEmpty();
        var turn = new TurnConfiguration().turnCredentials(props, new Secrets(dataDir, true), Clock.systemUTC());
        assertThat(turn.enabled()).isTrue();
        assertThat(turn.toString()).doesNotContain(SECRET);
        assertThat(props.toString()).doesNotContain(SECRET);
    }

    @Test
    void urlsWithoutASecretOrWithBadValuesListEveryProblemWithItsKey() {
        TurnProperties props = bind(Map.of("lianxin.turn.urls", "stun:x:3478,turns:t:443",
                "lianxin.turn.ttl", "10s"));

        assertThat(problems(props)).containsExactly(
                "lianxin.turn.secret: at least 16 characters (e.g. `openssl rand -hex 32`); set it through the"
                        + " environment (LIANXIN_TURN_SECRET)",
                "lianxin.turn.urls: must start with turn: or turns:: stun:x:3478",
                "lianxin.turn.ttl: between 1m and 24h, was PT10S");
        assertThatThrownBy(() -> new TurnConfiguration().turnCredentials(props, new Secrets(dataDir, true),
                Clock.systemUTC())).isInstanceOf(BadConfiguration.class);
    }
}
