package org.lianxin.signaling.turn;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the server hands out for TURN.
 *
 * @param secret the shared secret, the same as coturn's {@code static-auth-secret} (at least 16 characters)
 * @param urls   the URLs given to browsers, e.g. {@code turn:turn.example.gov.cn:3478?transport=udp},
 *               {@code turn:turn.example.gov.cn:3478?transport=tcp}, {@code turns:turn.example.gov.cn:443?transport=tcp}
 * @param realm  coturn's {@code realm} (informational for the browser; kept with the settings so that the launcher,
 *               the config writer and the app agree)
 * @param ttl    how long one credential is valid at most (never longer than the join token's remaining life)
 */
public record TurnSettings(String secret, List<String> urls, String realm, Duration ttl) {

    /** The least length of the shared secret. */
    public static final int MIN_SECRET_LENGTH = 16;
    /** The longest credential life (coturn checks the expiry at every refresh of an allocation). */
    public static final Duration MAX_TTL = Duration.ofHours(24);

    public TurnSettings {
        Objects.requireNonNull(secret, "secret");
        urls = List.copyOf(urls);
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(ttl, "ttl");
        List<String> problems = problems(secret, urls, ttl);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Everything wrong with these values, for a start-up check that lists every error at once (never the secret
     * itself).
     */
    public static List<String> problems(String secret, List<String> urls, Duration ttl) {
        List<String> problems = new ArrayList<>();
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            problems.add("secret: at least " + MIN_SECRET_LENGTH + " characters (e.g. `openssl rand -hex 32`)");
        }
        if (urls == null || urls.isEmpty()) {
            problems.add("urls: at least one turn: or turns: URL");
        } else {
            for (String url : urls) {
                String why = urlProblem(url);
                if (why != null) {
                    problems.add("urls: " + why + ": " + url);
                }
            }
        }
        if (ttl == null || ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            problems.add("ttl: between 1m and 24h, was " + ttl);
        }
        return problems;
    }

    /** Why {@code url} is not a TURN URL a browser accepts (RFC 7065), or null. */
    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "empty";
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'')) {
            return "no spaces or quotes";
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("turn:") && !lower.startsWith("turns:")) {
            return "must start with turn: or turns:";
        }
        String rest = url.substring(url.indexOf(':') + 1);
        String hostPort = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        if (hostPort.isEmpty()) {
            return "no host";
        }
        try {
            URI parsed = URI.create("x://" + hostPort);
            if (parsed.getHost() == null) {
                return "no host";
            }
        } catch (IllegalArgumentException e) {
            return "not host[:port]";
        }
        if (rest.contains("?")) {
            String query = rest.substring(rest.indexOf('?') + 1).toLowerCase(Locale.ROOT);
            if (!query.equals("transport=udp") && !query.equals("transport=tcp")) {
                return "the only parameter is transport=udp or transport=tcp";
            }
        }
        return null;
    }

    @Override
    public String toString() { // never print the secret
        return "TurnSettings[urls=" + urls + ", realm=" + realm + ", ttl=" + ttl + ", secret=***]";
    }
}
