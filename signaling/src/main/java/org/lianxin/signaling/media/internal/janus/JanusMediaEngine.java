package org.lianxin.signaling.media.internal.janus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaHealth;
import org.lianxin.signaling.media.MediaListener;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Publisher;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.media.RoomClaim;
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

/**
 * The {@link MediaEngine} on one Janus 1.1 node through its WebSocket API and the videoroom plugin.
 * One WebSocket connection per node with this server's own Janus session, and one more session per media room on
 * the same connection (issue 14: a successor instance claims one room's session alone); each participant connection
 * is a handle in its room's session; room-level requests (create, destroy, list, moderate, kick, forward) go through
 * one control handle in the connection's own session.
 *
 * <p>Each operation is a few lines here over the adapter's parts: the request body
 * ({@link VideoroomRequests}), sent on a handle ({@link VideoroomHandles}), the reply read
 * ({@link VideoroomReplies}), the session's bookkeeping updated ({@link JanusEndpoints}) and the
 * events it causes reported ({@link JanusEventTranslator}). The connection and session are
 * {@link JanusClient}; per-stream counters {@link AdminStreamStats}; Janus's error numbers
 * {@link JanusErrors}. The subscriber operations are {@link JanusSubscriptions}, the takeover of a lost instance's
 * rooms {@link JanusRoomClaims}. Health is kept here.
 */
public final class JanusMediaEngine implements MediaEngine {

    private static final Logger log = LoggerFactory.getLogger(JanusMediaEngine.class);

    private final JanusSettings settings;
    private final JanusClient client;
    private final VideoroomRequests requests;
    private final VideoroomHandles handles;
    private final JanusEndpoints endpoints = new JanusEndpoints();
    private final JanusEventTranslator events;
    private final AdminStreamStats stats;
    /** The mids of the video sections each feed publishes in several layers (simulcast), for its forwarders. */
    private final Map<FeedId, Set<String>> simulcastFeeds = new ConcurrentHashMap<>();
    /**
     * Each room's own Janus session (made with the room, or claimed), on the node's one connection: a successor claims
     * one room's session alone (issue 14). A room not here (adopted in a claimed engine) uses the connection's own.
     */
    private final Map<MediaRoomId, Long> roomSessions = new ConcurrentHashMap<>();
    private final JanusSubscriptions subscriptions;
    private final JanusRoomClaims claims;
    private volatile MediaHealth health;

    public JanusMediaEngine(JanusSettings settings) {
        this(settings, 0);
    }

    /**
     * An engine on another instance's session, re-attached with Janus's {@code claim} (issue 14: a room taken over from
     * a lost instance keeps its media). Its {@link #start()} fails with {@link Code#MEDIA_ENDPOINT_LOST} when Janus no
     * longer has the session (its {@code reclaim_session_timeout} ran out); the room's endpoints are then
     * {@linkplain #adopt made known} before use.
     */
    public static JanusMediaEngine claiming(JanusSettings settings, long sessionId) {
        if (sessionId == 0) {
            throw new IllegalArgumentException("no session to claim");
        }
        return new JanusMediaEngine(settings, sessionId);
    }

    private JanusMediaEngine(JanusSettings settings, long claimSession) {
        this.settings = settings;
        this.health = new MediaHealth(settings.wsUrl().toString(), false, Instant.now(), "not connected yet");
        JsonMapper json = JsonMapper.builder().build();
        this.requests = new VideoroomRequests(json, settings.adminKey());
        this.client = new JanusClient(settings, json, new JanusClient.Listener() {
            @Override
            public void sessionUp(long sessionId) {
                health = new MediaHealth(settings.wsUrl().toString(), true, Instant.now(), "connected, session up");
                roomSessions.clear(); // made on an earlier connection: Janus drops them after its reclaim timeout
                events.sessionUp();
            }

            @Override
            public void sessionLost(long sessionId, String reason) {
                health = new MediaHealth(settings.wsUrl().toString(), false, Instant.now(), reason);
                roomSessions.clear();
                events.sessionLost(reason);
            }

            @Override
            public void sessionReclaimed(long sessionId, Set<Long> lostRoomSessions) {
                health = new MediaHealth(settings.wsUrl().toString(), true, Instant.now(),
                        "connected, sessions claimed again");
                claims.reclaimed(lostRoomSessions, events);
            }

            @Override
            public void event(JsonNode message) {
                events.onMessage(message);
            }
        }, claimSession);
        this.handles = new VideoroomHandles(client, settings.wsUrl());
        this.events = new JanusEventTranslator(endpoints, client::dispatch);
        this.subscriptions = new JanusSubscriptions(handles, requests, endpoints, this::session);
        this.claims = new JanusRoomClaims(client, handles, requests, endpoints, roomSessions, simulcastFeeds, this);
        this.stats = new AdminStreamStats(settings, json, endpoint -> {
            Endpoint e = endpoints.ofHandle(endpoint.value());
            long own = e == null ? 0 : session(e);
            return own == 0 ? client.sessionId() : own; // 0: in the connection's own session
        }, endpoints);
    }

    /**
     * Connects (and keeps reconnecting); completes when the first Janus session is up. Requests made
     * before that fail with {@link Code#MEDIA_NODE_UNREACHABLE}.
     */
    public CompletableFuture<Void> start() {
        log.info("media engine: Janus at {}", settings);
        return client.start();
    }

    /** The Janus session this engine's endpoints live in (0 when not connected), to be recorded for a successor. */
    public long sessionId() {
        return client.sessionId();
    }

    @Override
    public java.util.Optional<SessionPlace> sessionOf(MediaRoomId room) {
        long session = client.sessionId() == 0 ? 0 : session(room);
        if (session == 0) {
            session = client.sessionId(); // a room without its own session: its handles are in the connection's
        }
        return session == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new SessionPlace(settings.wsUrl().toString(), session));
    }

    /** An endpoint that exists in the (claimed) session: a videoroom handle; {@code feed} for a publisher only. */
    public record AdoptedEndpoint(EndpointId id, MediaRoomId room, boolean publisher, FeedId feed) {
        public AdoptedEndpoint {
            if (publisher && feed == null) {
                throw new IllegalArgumentException("a publisher has a feed");
            }
        }
    }

    /**
     * Makes endpoints of a claimed session known as if this engine had made them (the room as created, publishers with
     * their feeds), then re-reads the room's participants from Janus (events raised while nobody held the session are
     * lost) and counts every feed publishing there as known. Completes with the participants; fails with
     * {@link Code#MEDIA_NO_SUCH_ROOM} when the room is no longer on Janus.
     */
    public CompletableFuture<List<Participant>> adopt(MediaRoomId room, List<AdoptedEndpoint> adopted) {
        return claims.adopt(room, adopted);
    }

    /**
     * Claims the room's own Janus session, left by a lost instance (issue 14), on this engine's connection, then
     * {@linkplain #adopt adopts} its endpoints: from now on the room's handles are this engine's. Fails with
     * {@link Code#MEDIA_ENDPOINT_LOST} when Janus no longer has the session (458), {@link Code#MEDIA_NO_SUCH_ROOM}
     * when the room is gone from Janus (the session is then destroyed).
     */
    @Override
    public CompletableFuture<List<Participant>> claimRoom(RoomClaim claim) {
        return claims.claim(claim);
    }

    /** The room's own session, or 0 (the connection's own) when it has none. */
    private long session(MediaRoomId room) {
        return room == null ? 0 : roomSessions.getOrDefault(room, 0L);
    }

    /** The session of an endpoint's handle (0: the connection's own). */
    private long session(Endpoint e) {
        return session(e.room());
    }

    // ---------------------------------------------------------------- rooms

    @Override
    public CompletableFuture<Void> createRoom(RoomSpec spec) {
        CompletableFuture<Long> own = roomSessions.containsKey(spec.id())
                ? CompletableFuture.completedFuture(roomSessions.get(spec.id()))
                : client.createSession().thenApply(s -> {
                    roomSessions.put(spec.id(), s);
                    return s;
                });
        return own.thenCompose(s -> handles.controlRequest(requests.create(spec), "create room " + spec.id())
                .thenAccept(data -> endpoints.roomCreated(spec.id()))
                .whenComplete((done, error) -> {
                    if (error != null && roomSessions.remove(spec.id(), s)) {
                        client.destroySession(s);
                    }
                }));
    }

    @Override
    public CompletableFuture<Void> destroyRoom(MediaRoomId room, String secret) {
        return handles.controlRequest(requests.destroy(room, secret), "destroy room " + room)
                .thenAccept(data -> endpoints.roomDestroyed(room))
                .whenComplete((done, error) -> {
                    Long s = roomSessions.remove(room);
                    if (s != null) {
                        client.destroySession(s); // its handles with it
                    }
                });
    }

    @Override
    public CompletableFuture<List<Participant>> listParticipants(MediaRoomId room) {
        return handles.controlRequest(requests.listParticipants(room), "list participants of " + room)
                .thenApply(VideoroomReplies::participants);
    }

    // ---------------------------------------------------------------- publishers

    @Override
    public CompletableFuture<Publisher> joinAsPublisher(MediaRoomId room, String display) {
        long s = session(room);
        return handles.attach(s).thenCompose(handle -> handles.request(s, handle,
                        requests.joinAsPublisher(room, display), null, "join " + room + " as publisher")
                .thenApply(reply -> {
                    VideoroomReplies.Joined joined = VideoroomReplies.joined(VideoroomReplies.data(reply));
                    Endpoint e = endpoints.addPublisher(handle, room, joined.feed());
                    for (Participant other : joined.publishers()) {
                        endpoints.feedPublishing(room, other.feed()); // known, so not reported as joining
                    }
                    return new Publisher(room, e.id(), joined.feed(), joined.publishers());
                })
                .whenComplete((p, error) -> {
                    if (error != null) {
                        handles.detach(s, handle);
                    }
                }));
    }

    @Override
    public CompletableFuture<Sdp> publish(EndpointId publisher, Sdp offer) {
        Endpoint e = endpoints.get(publisher, Role.PUBLISHER);
        if (e == null) {
            return JanusEndpoints.lost(publisher);
        }
        Set<String> simulcast = simulcastMids(offer.sdp());
        return handles.request(session(e), e.id().value(), requests.publish(), offer, "publish " + e.feed()).thenApply(reply -> {
            Sdp answer = VideoroomReplies.jsep(reply, "publish");
            if (simulcast.isEmpty()) {
                simulcastFeeds.remove(e.feed());
            } else {
                simulcastFeeds.put(e.feed(), simulcast);
            }
            events.published(e);
            return answer;
        });
    }

    @Override
    public CompletableFuture<Void> requestKeyframe(EndpointId publisher) {
        Endpoint e = endpoints.get(publisher, Role.PUBLISHER);
        if (e == null) {
            return JanusEndpoints.lost(publisher);
        }
        return handles.request(session(e), e.id().value(), requests.keyframe(), null, "keyframe for " + e.feed())
                .thenAccept(reply -> { });
    }

    // ---------------------------------------------------------------- subscribers (JanusSubscriptions)

    @Override
    public CompletableFuture<Subscription> subscribe(MediaRoomId room, List<FeedId> feedIds) {
        return subscriptions.subscribe(room, feedIds);
    }

    @Override
    public CompletableFuture<Subscription> subscribeIdle(MediaRoomId room, FeedId own, String mid) {
        return subscriptions.subscribeIdle(room, own, mid);
    }

    @Override
    public CompletableFuture<Subscription> updateSubscription(EndpointId subscriber, List<FeedId> add,
                                                               List<FeedId> remove) {
        return subscriptions.updateSubscription(subscriber, add, remove);
    }

    @Override
    public CompletableFuture<Subscription> holdFeeds(EndpointId subscriber, java.util.Map<FeedId, List<String>> hold,
                                                     List<FeedId> remove) {
        return subscriptions.holdFeeds(subscriber, hold, remove);
    }

    @Override
    public CompletableFuture<Void> sendStreams(EndpointId subscriber, List<String> mids, boolean send) {
        return subscriptions.sendStreams(subscriber, mids, send);
    }

    @Override
    public CompletableFuture<Sdp> restartSubscription(EndpointId subscriber) {
        return subscriptions.restartSubscription(subscriber);
    }

    @Override
    public CompletableFuture<Void> setReceiveQuality(EndpointId subscriber, ReceiveQuality quality) {
        return subscriptions.setReceiveQuality(subscriber, quality);
    }

    @Override
    public CompletableFuture<Void> startSubscription(EndpointId subscriber, Sdp answer) {
        return subscriptions.startSubscription(subscriber, answer);
    }

    // ---------------------------------------------------------------- any endpoint

    @Override
    public CompletableFuture<Void> trickle(EndpointId endpoint, IceCandidate candidate) {
        Endpoint e = endpoints.ofHandle(endpoint.value());
        if (e == null) {
            return JanusEndpoints.lost(endpoint);
        }
        return handles.trickle(session(e), endpoint.value(), candidate);
    }

    @Override
    public CompletableFuture<Void> leave(EndpointId endpoint) {
        Endpoint e = endpoints.remove(endpoint.value());
        if (e == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (e.feed() != null) {
            simulcastFeeds.remove(e.feed());
        }
        events.left(e);
        return handles.detach(session(e), endpoint.value());
    }

    // ---------------------------------------------------------------- moderation

    @Override
    public CompletableFuture<Void> setMuted(MediaRoomId room, String secret, FeedId feed, String mid, boolean muted) {
        return handles.controlRequest(requests.moderate(room, secret, feed, mid, muted),
                (muted ? "mute " : "unmute ") + feed + "/" + mid).thenAccept(data -> { });
    }

    @Override
    public CompletableFuture<Void> kick(MediaRoomId room, String secret, FeedId feed) {
        return handles.controlRequest(requests.kick(room, secret, feed), "kick " + feed)
                .thenAccept(data -> events.kicked(room, feed));
    }

    // ---------------------------------------------------------------- recording

    @Override
    public CompletableFuture<List<Forwarder>> rtpForward(ForwardRequest request) {
        Set<String> simulcast = simulcastFeeds.getOrDefault(request.feed(), Set.of());
        return handles.controlRequest(requests.rtpForward(request, simulcast), "rtp_forward " + request.feed())
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
        return events.addListener(room, listener);
    }

    @Override
    public CompletableFuture<List<StreamStats>> streamStats(EndpointId endpoint) {
        return stats.of(endpoint);
    }

    @Override
    public void close() {
        stats.close();
        client.close();
        roomSessions.clear();
        endpoints.clear();
    }

    /**
     * Drops the connection to Janus without destroying the session, as a killed instance does: Janus keeps the session
     * with its handles, rooms, forwarders and media for its {@code reclaim_session_timeout}, for a successor to claim.
     */
    public void abandon() {
        stats.close();
        client.abandon();
        roomSessions.clear();
        endpoints.clear();
    }

    /**
     * Drops this engine's WebSocket connection to Janus as a network fault would (nothing destroyed): the engine
     * reconnects and claims its sessions again (issue 14), or rebuilds the rooms when Janus no longer has them.
     */
    public void dropConnection(String why) {
        client.dropConnection(why);
    }

    /** The mids of the offer's video sections that send several layers ({@code a=simulcast:}). */
    static Set<String> simulcastMids(String sdp) {
        return org.lianxin.signaling.media.Sdp.simulcastMids(sdp);
    }
}
