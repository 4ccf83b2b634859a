package org.lianxin.signaling.media.internal.janus;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Janus node.
 *
 * @param wsUrl             Janus's WebSocket API, e.g. {@code ws://127.0.0.1:8188/}
 * @param adminKey          the videoroom {@code admin_key} (needed to create rooms and, with
 *                          {@code lock_rtp_forward}, to forward); {@code null} if Janus has none
 * @param requestTimeout    how long one request may wait for its reply
 * @param keepaliveInterval how often the session is kept alive (Janus drops it after 60 s)
 * @param reconnectMin      first delay before reconnecting after the node was lost
 * @param reconnectMax      the backoff cap
 * @param adminWsUrl        Janus's Admin API WebSocket (for per-stream counters); {@code null} = none
 * @param adminSecret       the Admin API's {@code admin_secret}; {@code null} = none
 * @param reclaimWindow     after this server's connection to the node dropped (Janus still up), how long it keeps
 *                          trying to {@code claim} its sessions on a new connection (Janus keeps them for its
 *                          {@code reclaim_session_timeout}) before the rooms are rebuilt; zero = never claim, rebuild
 */
public record JanusSettings(URI wsUrl, String adminKey, Duration requestTimeout, Duration keepaliveInterval,
                            Duration reconnectMin, Duration reconnectMax, URI adminWsUrl, String adminSecret,
                            Duration reclaimWindow) {

    public JanusSettings {
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (!"ws".equals(wsUrl.getScheme()) && !"wss".equals(wsUrl.getScheme())) {
            throw new IllegalArgumentException("Janus URL must be ws:// or wss://: " + wsUrl);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()
                || keepaliveInterval.isNegative() || keepaliveInterval.isZero()
                || reconnectMin.isNegative() || reconnectMin.isZero()
                || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("durations must be positive and reconnectMax >= reconnectMin");
        }
        Objects.requireNonNull(reclaimWindow, "reclaimWindow");
        if (reclaimWindow.isNegative()) {
            throw new IllegalArgumentException("reclaimWindow must not be negative");
        }
        if (adminWsUrl != null && !"ws".equals(adminWsUrl.getScheme()) && !"wss".equals(adminWsUrl.getScheme())) {
            throw new IllegalArgumentException("Janus Admin URL must be ws:// or wss://: " + adminWsUrl);
        }
    }

    /**
     * Production defaults: 10 s per request, keepalive every 25 s, reconnect 0.5 s doubling up to 15 s, sessions of a
     * dropped connection claimed for 15 s (below the 20 s {@code reclaim_session_timeout} of {@code deploy/janus}).
     */
    public static JanusSettings of(URI wsUrl, String adminKey) {
        return new JanusSettings(wsUrl, adminKey, Duration.ofSeconds(10), Duration.ofSeconds(25),
                Duration.ofMillis(500), Duration.ofSeconds(15), null, null, Duration.ofSeconds(15));
    }

    public JanusSettings withRequestTimeout(Duration timeout) {
        return new JanusSettings(wsUrl, adminKey, timeout, keepaliveInterval, reconnectMin, reconnectMax,
                adminWsUrl, adminSecret, reclaimWindow);
    }

    public JanusSettings withKeepaliveInterval(Duration interval) {
        return new JanusSettings(wsUrl, adminKey, requestTimeout, interval, reconnectMin, reconnectMax,
                adminWsUrl, adminSecret, reclaimWindow);
    }

    public JanusSettings withReconnect(Duration min, Duration max) {
        return new JanusSettings(wsUrl, adminKey, requestTimeout, keepaliveInterval, min, max, adminWsUrl, adminSecret,
                reclaimWindow);
    }

    /** How long the sessions of a dropped connection are claimed again before the rooms are rebuilt (zero: never). */
    public JanusSettings withReclaimWindow(Duration window) {
        return new JanusSettings(wsUrl, adminKey, requestTimeout, keepaliveInterval, reconnectMin, reconnectMax,
                adminWsUrl, adminSecret, window);
    }

    /** With the Admin API (needed for {@code streamStats}). */
    public JanusSettings withAdminApi(URI url, String secret) {
        return new JanusSettings(wsUrl, adminKey, requestTimeout, keepaliveInterval, reconnectMin, reconnectMax, url, secret,
                reclaimWindow);
    }

    @Override
    public String toString() {
        return "JanusSettings[wsUrl=" + wsUrl + ", adminKey=" + (adminKey == null ? "none" : "***")
                + ", requestTimeout=" + requestTimeout + ", keepaliveInterval=" + keepaliveInterval
                + ", reconnect=" + reconnectMin + ".." + reconnectMax + ", reclaimWindow=" + reclaimWindow
                + ", adminApi=" + (adminWsUrl == null ? "off" : adminWsUrl + " (secret " + (adminSecret == null ? "none" : "***") + ")")
                + "]";
    }
}
