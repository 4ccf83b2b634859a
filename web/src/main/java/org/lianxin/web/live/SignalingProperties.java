package org.lianxin.web.live;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.signaling}: the Janus node, join tokens, live rooms.
 *
 * @param janusUrl            Janus's WebSocket API (default ws://127.0.0.1:8188/, what {@code ./lianxin up} starts)
 * @param janusAdminKey       the videoroom {@code admin_key} of that Janus (unset: none)
 * @param janusAdminUrl       Janus's Admin API WebSocket, for per-stream counters (unset: off)
 * @param janusAdminSecret    the Admin API's {@code admin_secret}
 * @param janusRequestTimeout how long one Janus request may take (default 10s)
 * @param keyframeOnMediaResume when Janus hears a publisher's video again after a drop, ask every publisher of the
 *                            room for a keyframe at once and tell that publisher's page ({@code videoResumed}: it
 *                            restarts its video sending) (default true; false only to measure what it buys:
 *                            {@code ./lianxin bench drop})
 * @param tokenSecret         base64 secret (>= 32 bytes) signing join tokens; unset: generated once into
 *                            {@code ${lianxin.data-dir}/signaling-token.key} (refused in the prod profile)
 * @param tokenTtl            how long a join token is valid for a new join (default 10m; a reconnect may use it longer)
 * @param reconnectGrace      how long a lost participant's place is held (default 30s); also how long after its slot a
 *                            session a crash cut off waits before it ends as INTERRUPTED
 * @param idleTimeout         a signaling connection silent this long is closed; browsers heartbeat (default 60s)
 * @param roomOpensBefore     how long before a booking's start its room opens (default 15m)
 */
@ConfigurationProperties("lianxin.signaling")
@Validated
public record SignalingProperties(
        @NotNull @DefaultValue("ws://127.0.0.1:8188/") URI janusUrl,
        String janusAdminKey,
        URI janusAdminUrl,
        String janusAdminSecret,
        @NotNull @DefaultValue("10s") Duration janusRequestTimeout,
        @DefaultValue("true") boolean keyframeOnMediaResume,
        String tokenSecret,
        @NotNull @DefaultValue("10m") Duration tokenTtl,
        @NotNull @DefaultValue("30s") Duration reconnectGrace,
        @NotNull @DefaultValue("60s") Duration idleTimeout,
        @NotNull @DefaultValue("15m") Duration roomOpensBefore) {

    @Override
    public String toString() { // never print secrets
        return "SignalingProperties[janusUrl=" + janusUrl + ", janusAdminKey=" + (janusAdminKey == null ? "none" : "***")
                + ", janusAdminUrl=" + janusAdminUrl + ", keyframeOnMediaResume=" + keyframeOnMediaResume
                + ", tokenTtl=" + tokenTtl + ", reconnectGrace=" + reconnectGrace
                + ", idleTimeout=" + idleTimeout + ", roomOpensBefore=" + roomOpensBefore + "]";
    }
}
