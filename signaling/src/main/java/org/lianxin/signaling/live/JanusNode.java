package org.lianxin.signaling.live;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Janus node to connect to, and the one way for code outside the adapter to get a media engine
 * for it.
 *
 * @param wsUrl          Janus's WebSocket API
 * @param adminKey       the videoroom {@code admin_key}, or null
 * @param adminWsUrl     the Admin API WebSocket (per-stream counters), or null
 * @param adminSecret    the Admin API secret, or null
 * @param requestTimeout how long one request may take
 */
public record JanusNode(URI wsUrl, String adminKey, URI adminWsUrl, String adminSecret, Duration requestTimeout) {

    private static final Logger log = LoggerFactory.getLogger(JanusNode.class);

    public JanusNode {
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /**
     * A media engine for this node; it connects in the background and keeps reconnecting, so an
     * unreachable node does not stop the caller (operations fail with MEDIA_NODE_UNREACHABLE until
     * it is up).
     */
    public MediaEngine connect() {
        JanusSettings settings = JanusSettings.of(wsUrl, adminKey).withRequestTimeout(requestTimeout);
        if (adminWsUrl != null) {
            settings = settings.withAdminApi(adminWsUrl, adminSecret);
        }
        JanusMediaEngine engine = new JanusMediaEngine(settings);
        engine.start().whenComplete((v, e) -> {
            if (e != null) {
                log.warn("Janus at {} not reachable yet ({}); retrying in the background", wsUrl, e.toString());
            } else {
                log.info("Janus at {} connected", wsUrl);
            }
        });
        return engine;
    }

    @Override
    public String toString() {
        return "JanusNode[" + wsUrl + ", adminKey " + (adminKey == null ? "none" : "***") + ", admin api "
                + (adminWsUrl == null ? "off" : adminWsUrl.toString()) + "]";
    }
}
