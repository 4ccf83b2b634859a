package org.lianxin.signaling.media.internal.janus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.StreamStats;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-medium counters of an endpoint ({@code streamStats}) from Janus's Admin API: {@code handle_info}
 * of the endpoint's handle in its session (the room's own, or the connection's), read from {@code webrtc.media[].stats.in/out}. Owns the
 * Admin API connection; without one configured (adminWsUrl, adminSecret) every request fails with
 * MEDIA_INVALID_REQUEST.
 */
final class AdminStreamStats implements AutoCloseable {

    private final JanusAdminClient admin; // null without the Admin API
    /** The Janus session a known endpoint's handle is in (its room's own, or the connection's). */
    private final java.util.function.ToLongFunction<EndpointId> sessionOf;
    private final JanusEndpoints endpoints;

    AdminStreamStats(JanusSettings settings, JsonMapper json, java.util.function.ToLongFunction<EndpointId> sessionOf,
                     JanusEndpoints endpoints) {
        this.admin = settings.adminWsUrl() == null ? null
                : new JanusAdminClient(settings.adminWsUrl(), settings.adminSecret(), settings.requestTimeout(), json);
        this.sessionOf = sessionOf;
        this.endpoints = endpoints;
    }

    /** The endpoint's counters, one per medium. */
    CompletableFuture<List<StreamStats>> of(EndpointId endpoint) {
        return handleInfo(endpoint).thenApply(AdminStreamStats::read);
    }

    /** Janus's Admin API {@code handle_info} of an endpoint ({@code info} object). */
    CompletableFuture<JsonNode> handleInfo(EndpointId endpoint) {
        if (admin == null) {
            return CompletableFuture.failedFuture(new MediaException(Code.MEDIA_INVALID_REQUEST,
                    "the Janus Admin API is not configured (adminWsUrl, adminSecret)"));
        }
        if (!endpoints.has(endpoint)) {
            return JanusEndpoints.lost(endpoint);
        }
        ObjectNode request = admin.object();
        request.put("janus", "handle_info");
        request.put("session_id", sessionOf.applyAsLong(endpoint));
        request.put("handle_id", endpoint.value());
        return admin.request(request).thenApply(reply -> reply.path("info"));
    }

    /** The counters in a {@code handle_info}'s {@code info}. */
    static List<StreamStats> read(JsonNode info) {
        List<StreamStats> list = new ArrayList<>();
        for (JsonNode m : info.path("webrtc").path("media")) {
            JsonNode in = m.path("stats").path("in");
            JsonNode out = m.path("stats").path("out");
            list.add(new StreamStats(m.path("mid").asString(""), m.path("type").asString(""),
                    m.path("codecs").path("codec").asString(""),
                    in.path("packets").asLong(), in.path("bytes").asLong(), in.path("bytes_lastsec").asLong(),
                    out.path("packets").asLong(), out.path("bytes").asLong(), out.path("bytes_lastsec").asLong()));
        }
        return List.copyOf(list);
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
