package org.lianxin.signaling.media.internal.janus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaHealth;
import org.lianxin.signaling.media.MediaListener;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.StreamStats;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Endpoint;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link MediaEngine} on one Janus 1.1 node through its WebSocket API and the videoroom plugin.
 * One Janus session per node belongs to this server; each participant connection is a handle in
 * it; room-level requests (create, destroy, list, moderate, kick, forward) go through one extra
 * control handle.
 */
public final class JanusMediaEngine implements MediaEngine {

    private static final Logger log = LoggerFactory.getLogger(JanusMediaEngine.class);

    private final JanusSettings settings;
    private final JanusClient client;
    private final JanusAdminClient admin; // null without the Admin API
    private final VideoroomRequests requests;
    private final VideoroomHandles handles;
    private final JanusEndpoints endpoints = new JanusEndpoints();
    private final Map<MediaRoomId, List<MediaListener>> listeners = new ConcurrentHashMap<>();
    private volatile MediaHealth health;
    private boolean sessionWasUp; // dispatcher thread only

    public JanusMediaEngine(JanusSettings settings) {
        this.settings = settings;
        this.health = new MediaHealth(settings.wsUrl().toString(), false, Instant.now(), "not connected yet");
        JsonMapper json = JsonMapper.builder().build();
        this.requests = new VideoroomRequests(json, settings.adminKey());
        this.admin = settings.adminWsUrl() == null ? null
                : new JanusAdminClient(settings.adminWsUrl(), settings.adminSecret(), settings.requestTimeout(), json);
        this.client = new JanusClient(settings, json, new JanusClient.Listener() {
            @Override
            public void sessionUp(long sessionId) {
                onSessionUp(sessionId);
            }

            @Override
            public void sessionLost(long sessionId, String reason) {
                onSessionLost(reason);
            }

            @Override
            public void event(JsonNode message) {
                onEvent(message);
            }
        });
        this.handles = new VideoroomHandles(client, settings.wsUrl());
    }

    /**
     * Connects (and keeps reconnecting); completes when the first Janus session is up. Requests made
     * before that fail with {@link Code#MEDIA_NODE_UNREACHABLE}.
     */
    public CompletableFuture<Void> start() {
        log.info("media engine: Janus at {}", settings);
        return client.start();
    }

    // ---------------------------------------------------------------- rooms

    @Override
    public CompletableFuture<Void> createRoom(RoomSpec spec) {
        return handles.controlRequest(requests.create(spec), "create room " + spec.id())
                .thenAccept(data -> endpoints.roomCreated(spec.id()));
    }

    @Override
    public CompletableFuture<Void> destroyRoom(MediaRoomId room, String secret) {
        return handles.controlRequest(requests.destroy(room, secret), "destroy room " + room)
                .thenAccept(data -> endpoints.roomDestroyed(room));
    }

    @Override
    public CompletableFuture<List<Participant>> listParticipants(MediaRoomId room) {
        return handles.controlRequest(requests.listParticipants(room), "list participants of " + room)
                .thenApply(VideoroomReplies::participants);
    }

    // ---------------------------------------------------------------- publishers

    @Override
    public CompletableFuture<Publisher> joinAsPublisher(MediaRoomId room, String display) {
        return handles.attach().thenCompose(handle -> {
            return handles.request(handle, requests.joinAsPublisher(room, display), null,
                    "join " + room + " as publisher")
                    .thenApply(reply -> {
                        VideoroomReplies.Joined joined = VideoroomReplies.joined(VideoroomReplies.data(reply));
                        Endpoint e = endpoints.addPublisher(handle, room, joined.feed());
                        for (Participant other : joined.publishers()) {
                            endpoints.feedPublishing(room, other.feed());
                        }
                        return new Publisher(room, e.id(), joined.feed(), joined.publishers());
                    })
                    .whenComplete((p, error) -> {
                        if (error != null) {
                            handles.detach(handle);
                        }
                    });
        });
    }

    @Override
    public CompletableFuture<Sdp> publish(EndpointId publisher, Sdp offer) {
        Endpoint e = endpoints.get(publisher, Role.PUBLISHER);
        if (e == null) {
            return JanusEndpoints.lost(publisher);
        }
        return handles.request(e.id().value(), requests.publish(), offer, "publish " + e.feed()).thenApply(reply -> {
            Sdp answer = VideoroomReplies.jsep(reply, "publish");
            if (endpoints.feedPublishing(e.room(), e.feed())) {
                emit(new MediaEvent.PublisherJoined(e.room(), e.feed(), ""));
            }
            return answer;
        });
    }

    @Override
    public CompletableFuture<Void> requestKeyframe(EndpointId publisher) {
        Endpoint e = endpoints.get(publisher, Role.PUBLISHER);
        if (e == null) {
            return JanusEndpoints.lost(publisher);
        }
        return handles.request(e.id().value(), requests.keyframe(), null, "keyframe for " + e.feed())
                .thenAccept(reply -> { });
    }

    // ---------------------------------------------------------------- subscribers

    @Override
    public CompletableFuture<Subscription> subscribe(MediaRoomId room, List<FeedId> feedIds) {
        if (feedIds.isEmpty()) {
            return CompletableFuture.failedFuture(new MediaException(Code.MEDIA_INVALID_REQUEST,
                    "subscribe to at least one feed"));
        }
        return handles.attach().thenCompose(handle -> {
            return handles.request(handle, requests.joinAsSubscriber(room, feedIds), null,
                    "subscribe in " + room + " to " + feedIds)
                    .thenApply(reply -> {
                        Sdp offer = VideoroomReplies.jsep(reply, "subscribe");
                        Endpoint e = endpoints.addSubscriber(handle, room);
                        return new Subscription(room, e.id(), feedIds, offer);
                    })
                    .whenComplete((s, error) -> {
                        if (error != null) {
                            handles.detach(handle);
                        }
                    });
        });
    }

    @Override
    public CompletableFuture<Void> startSubscription(EndpointId subscriber, Sdp answer) {
        Endpoint e = endpoints.get(subscriber, Role.SUBSCRIBER);
        if (e == null) {
            return JanusEndpoints.lost(subscriber);
        }
        return handles.request(e.id().value(), requests.start(), answer, "start subscription " + subscriber)
                .thenAccept(reply -> { });
    }

    // ---------------------------------------------------------------- any endpoint

    @Override
    public CompletableFuture<Void> trickle(EndpointId endpoint, IceCandidate candidate) {
        if (!endpoints.has(endpoint)) {
            return JanusEndpoints.lost(endpoint);
        }
        return handles.trickle(endpoint.value(), candidate);
    }

    @Override
    public CompletableFuture<Void> leave(EndpointId endpoint) {
        Endpoint e = endpoints.remove(endpoint.value());
        if (e == null) {
            return CompletableFuture.completedFuture(null);
        }
        publisherGone(e);
        return handles.detach(endpoint.value());
    }

    // ---------------------------------------------------------------- moderation

    @Override
    public CompletableFuture<Void> setMuted(MediaRoomId room, String secret, FeedId feed, String mid, boolean muted) {
        return handles.controlRequest(requests.moderate(room, secret, feed, mid, muted),
                (muted ? "mute " : "unmute ") + feed + "/" + mid).thenAccept(data -> { });
    }

    @Override
    public CompletableFuture<Void> kick(MediaRoomId room, String secret, FeedId feed) {
        return handles.controlRequest(requests.kick(room, secret, feed), "kick " + feed).thenAccept(data -> {
            if (endpoints.feedGone(room, feed)) {
                emit(new MediaEvent.PublisherLeft(room, feed));
            }
        });
    }

    // ---------------------------------------------------------------- recording

    @Override
    public CompletableFuture<List<Forwarder>> rtpForward(ForwardRequest request) {
        return handles.controlRequest(requests.rtpForward(request), "rtp_forward " + request.feed())
                .thenApply(data -> VideoroomReplies.forwarders(data, request));
    }

    @Override
    public CompletableFuture<Void> stopRtpForward(MediaRoomId room, String secret, FeedId feed, long streamId) {
        return handles.controlRequest(requests.stopRtpForward(room, secret, feed, streamId),
                "stop_rtp_forward " + feed + "/" + streamId).thenAccept(data -> { });
    }

    // ---------------------------------------------------------------- node

    @Override
    public MediaHealth health() {
        MediaHealth h = health;
        boolean up = client.isUp();
        if (h.reachable() != up) {
            h = new MediaHealth(h.node(), up, Instant.now(), up ? "connected" : client.lastProblem());
            health = h;
        }
        return h;
    }

    @Override
    public Registration addListener(MediaRoomId room, MediaListener listener) {
        listeners.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(room, (r, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public CompletableFuture<List<StreamStats>> streamStats(EndpointId endpoint) {
        return handleInfo(endpoint).thenApply(info -> {
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
        });
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
        request.put("session_id", client.sessionId());
        request.put("handle_id", endpoint.value());
        return admin.request(request).thenApply(reply -> reply.path("info"));
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        client.close();
        endpoints.clear();
    }

    // ---------------------------------------------------------------- plumbing

    private void publisherGone(Endpoint e) {
        if (e.role() == Role.PUBLISHER && endpoints.feedGone(e.room(), e.feed())) {
            emit(new MediaEvent.PublisherLeft(e.room(), e.feed()));
        }
    }

    private void emit(MediaEvent event) {
        client.dispatch(() -> deliver(event));
    }

    private void deliver(MediaEvent event) {
        List<MediaListener> list = listeners.get(event.room());
        if (list == null) {
            return;
        }
        for (MediaListener l : list) {
            try {
                l.onEvent(event);
            } catch (RuntimeException ex) {
                log.warn("media listener failed on {}", event, ex);
            }
        }
    }

    private void onSessionUp(long sessionId) {
        health = new MediaHealth(settings.wsUrl().toString(), true, Instant.now(), "connected, session up");
        if (sessionWasUp) {
            // a new session after a lost one (Janus restarted, or the connection broke): the rooms may start over
            for (MediaRoomId room : new ArrayList<>(listeners.keySet())) {
                deliver(new MediaEvent.NodeRestored(room));
            }
        }
        sessionWasUp = true;
    }

    /** Everything we had on the node is gone: tell each room which endpoints it lost. */
    private void onSessionLost(String reason) {
        health = new MediaHealth(settings.wsUrl().toString(), false, Instant.now(), reason);
        // also the rooms with a listener: made on an earlier session, or not made yet
        Map<MediaRoomId, List<EndpointId>> lost = endpoints.sessionLost(listeners.keySet());
        lost.forEach((room, ids) -> deliver(new MediaEvent.NodeLost(room, ids, reason)));
    }

    /** A Janus message that is not a reply: route it to its room. Runs on the dispatcher thread. */
    private void onEvent(JsonNode m) {
        String verb = m.path("janus").asString();
        long sender = m.path("sender").asLong();
        Endpoint e = endpoints.ofHandle(sender);
        switch (verb) {
            case "webrtcup" -> {
                if (e != null) {
                    deliver(new MediaEvent.WebRtcUp(e.room(), e.id()));
                }
            }
            case "media" -> {
                if (e != null) {
                    deliver(new MediaEvent.MediaFlow(e.room(), e.id(), m.path("mid").asString(""),
                            m.path("type").asString(""), m.path("receiving").asBoolean(false)));
                }
            }
            case "hangup" -> {
                if (e != null) {
                    deliver(new MediaEvent.Hangup(e.room(), e.id(), m.path("reason").asString("")));
                }
            }
            case "detached" -> {
                Endpoint gone = endpoints.remove(sender);
                if (gone != null) {
                    publisherGone(gone);
                }
            }
            case "event" -> onPluginEvent(e, m.path("plugindata").path("data"));
            default -> log.trace("Janus {} from handle {} ignored", verb, sender);
        }
    }

    private void onPluginEvent(Endpoint e, JsonNode data) {
        MediaRoomId room = data.has("room") && data.path("room").asLong() > 0
                ? new MediaRoomId(data.path("room").asLong()) : e == null ? null : e.room();
        if (room == null) {
            return;
        }
        for (JsonNode p : data.path("publishers")) {
            FeedId feed = new FeedId(p.path("id").asLong());
            if (endpoints.feedPublishing(room, feed)) {
                deliver(new MediaEvent.PublisherJoined(room, feed, p.path("display").asString("")));
            }
        }
        for (String field : List.of("leaving", "unpublished", "kicked")) {
            JsonNode v = data.get(field);
            if (v != null && v.isNumber()) {
                FeedId feed = new FeedId(v.asLong());
                if (endpoints.feedGone(room, feed)) {
                    deliver(new MediaEvent.PublisherLeft(room, feed));
                }
            }
        }
    }
}
