package org.lianxin.web.live;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.turn}: the TURN server (coturn) browsers behind firewalls relay their media through.
 * TURN is on when {@code urls} is set; each join then hands the browser time-limited credentials.
 *
 * @param urls   the URLs given to browsers, comma separated: {@code turn:HOST:3478?transport=udp},
 *               {@code turn:HOST:3478?transport=tcp}, {@code turns:HOST:443?transport=tcp} (unset: no TURN)
 * @param secret coturn's {@code static-auth-secret} (at least 16 characters), from the environment
 *               ({@code LIANXIN_TURN_SECRET}) or a secret store; required when {@code urls} is set
 * @param realm  coturn's {@code realm} (default lianxin)
 * @param ttl    how long one credential lives at most (default 12h); never longer than the join token it came with
 */
@ConfigurationProperties("lianxin.turn")
@Validated
public record TurnProperties(
        List<String> urls,
        String secret,
        @NotNull @DefaultValue("lianxin") String realm,
        @NotNull @DefaultValue("12h") Duration ttl) {

    public TurnProperties {
        urls = urls == null ? List.of() : urls.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
    }

    /** Whether TURN is configured. */
    public boolean enabled() {
        return !urls.isEmpty();
    }

    @Override
    public String toString() { // never print the secret
        return "TurnProperties[urls=" + urls + ", realm=" + realm + ", ttl=" + ttl + ", secret="
                + (secret == null || secret.isBlank() ? "unset" : "***") + "]";
    }
}
