package org.lianxin.signaling.nodes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several media nodes as one media engine. A new media room goes to the least-loaded healthy node that is not
 * drained ({@link NodeChoice}; load is this server's own count of rooms and endpoints per node plus the other
 * application instances' ({@link #sharedWith}, a snapshot): no request to a node is needed to place a room, and a node
 * that does not answer is not healthy anyway); every operation of the room and
 * of its endpoints goes to that node. When a node is lost, each of its rooms is moved to another healthy node at
 * once: the room hears {@code NodeLost} and then {@code NodeRestored}, and makes itself again there as after a
 * restart of its node (its clients publish and subscribe again, the recording continues in a new series). If no
 * other node takes it, the room waits for its node (or for any node to come back) as with one node. When a node a
 * room left comes back, what is left of the room there is destroyed.
 *
 * <p>Thread-safe; events are delivered on the thread of the node that raised them (a moved room's "restored" right
 * after its "lost", on the lost node's thread).
 */
public final class MediaNodes implements MediaEngine {

    private static final Logger log = LoggerFactory.getLogger(MediaNodes.class);

    /** One configured node: its name and its engine. */
    public record Node(String name, MediaEngine engine) {
        public Node {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(engine, "engine");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a media node needs a name");
            }
        }
    }

    private final Map<String, MediaEngine> nodes = new LinkedHashMap<>();
    private final Placements placements;

    public MediaNodes(List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one media node");
        }
        for (Node n : nodes) {
            if (this.nodes.put(n.name(), n.engine()) != null) {
                throw new IllegalArgumentException("two media nodes named " + n.name());
            }
        }
        this.placements = new Placements(List.copyOf(this.nodes.keySet()));
    }

    // ================================================================== operators

    /** Every node, in the configured order. */
    public List<MediaNodeStatus> status() {
        List<MediaNodeStatus> all = new ArrayList<>();
        for (String name : nodes.keySet()) {
            all.add(status(name));
        }
        return all;
    }

    /** One node; throws {@link NoSuchMediaNodeException} if none is named so. */
    public MediaNodeStatus status(String name) {
        MediaEngine e = nodes.get(name);
        if (e == null) {
            throw new NoSuchMediaNodeException(name);
        }
        MediaHealth h = e.health();
        return new MediaNodeStatus(name, h.reachable(), h.since(), h.detail(), placements.drained(name),
                placements.rooms(name), placements.endpoints(name));
    }

    /**
     * Drains the node (it takes no new rooms; its rooms go on until they end) or undrains it.
     *
     * @return the node's status after the change
     * @throws NoSuchMediaNodeException if no node is named so
     */
    public MediaNodeStatus drain(String name, boolean drained) {
        if (!nodes.containsKey(name)) {
            throw new NoSuchMediaNodeException(name);
        }
        placements.drain(name, drained);
        log.info("media node {} {}", name, drained ? "drained: no new rooms" : "undrained: takes new rooms");
        return status(name);
    }

    /**
     * Adds the other application instances' rooms and endpoints per node ({@code loads}, a snapshot) to this server's
     * own when a room is placed: the cluster's least-loaded node takes it.
     */
    public void sharedWith(NodeLoads loads) {
        placements.elsewhere(Objects.requireNonNull(loads, "loads"));
    }

    /** The room's node by its configured name, and that node's session. */
    @Override
    public java.util.Optional<SessionPlace> sessionOf(MediaRoomId room) {
        String node = placements.nodeOf(room);
        MediaEngine engine = node == null ? null : nodes.get(node);
        return engine == null ? java.util.Optional.empty()
                : engine.sessionOf(room).map(p -> new SessionPlace(node, p.session()));
    }

    /** The node a media room is on, or null if it is not placed (tests, logs). */
    public String nodeOf(MediaRoomId room) {
        return placements.nodeOf(room);
    }

    private boolean healthy(String node) {
        return nodes.get(node).health().reachable();
    }

    // ================================================================== rooms

    @Override
    public CompletableFuture<Void> createRoom(RoomSpec spec) {
        Placements.Placed placed = placements.place(spec, this::healthy).orElse(null);
        if (placed == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NODE_UNREACHABLE,
                    "no media node takes new rooms (none is connected and undrained)"));
        }
        if (placed.fresh()) {
            log.info("media room {} placed on node {}", spec.id(), placed.node());
        }
        return nodes.get(placed.node()).createRoom(spec).whenComplete((v, e) -> {
            boolean exists = e != null && MediaException.in(e)
                    .filter(m -> m.code() == MediaException.Code.MEDIA_ROOM_EXISTS).isPresent();
            if (e != null && !exists && placed.fresh()) {
                placements.forget(spec.id()); // the next attempt chooses again
            }
        });
    }

    /** Claims the room on the node the claim names (placed there from now on) and its endpoints with it. */
    @Override
    public CompletableFuture<List<Participant>> claimRoom(RoomClaim claim) {
        MediaEngine engine = nodes.get(claim.node());
        if (engine == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                    "no media node named " + claim.node()));
        }
        if (!placements.placeOn(claim.spec(), claim.node())) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_ROOM_EXISTS,
                    "media room " + claim.room() + " is already placed here"));
        }
        return engine.claimRoom(claim).whenComplete((list, e) -> {
            if (e != null) {
                placements.forget(claim.room());
            } else {
                for (RoomClaim.Endpoint endpoint : claim.endpoints()) {
                    placements.opened(endpoint.id(), claim.node(), claim.room());
                }
                log.info("media room {} claimed on node {}", claim.room(), claim.node());
            }
        });
    }

    @Override
    public CompletableFuture<Void> destroyRoom(MediaRoomId room, String secret) {
        return onRoom(room, e -> e.destroyRoom(room, secret)).whenComplete((v, e) -> placements.forget(room));
    }

    @Override
    public CompletableFuture<List<Participant>> listParticipants(MediaRoomId room) {
        return onRoom(room, e -> e.listParticipants(room));
    }

    // ================================================================== endpoints

    @Override
    public CompletableFuture<Publisher> joinAsPublisher(MediaRoomId room, String display) {
        String node = placements.nodeOf(room);
        return onRoom(room, e -> e.joinAsPublisher(room, display))
                .thenApply(p -> opened(p, p.endpoint(), node, room));
    }

    @Override
    public CompletableFuture<Sdp> publish(EndpointId publisher, Sdp offer) {
        return onEndpoint(publisher, e -> e.publish(publisher, offer));
    }

    @Override
    public CompletableFuture<Void> requestKeyframe(EndpointId publisher) {
        return onEndpoint(publisher, e -> e.requestKeyframe(publisher));
    }

    @Override
    public CompletableFuture<Subscription> subscribe(MediaRoomId room, List<FeedId> feeds) {
        String node = placements.nodeOf(room);
        return onRoom(room, e -> e.subscribe(room, feeds)).thenApply(s -> opened(s, s.endpoint(), node, room));
    }

    @Override
    public CompletableFuture<Sdp> restartSubscription(EndpointId subscriber) {
        return onEndpoint(subscriber, e -> e.restartSubscription(subscriber));
    }

    @Override
    public CompletableFuture<Subscription> subscribeIdle(MediaRoomId room, FeedId own, String mid) {
        String node = placements.nodeOf(room);
        return onRoom(room, e -> e.subscribeIdle(room, own, mid)).thenApply(s -> opened(s, s.endpoint(), node, room));
    }

    @Override
    public CompletableFuture<Subscription> updateSubscription(EndpointId subscriber, List<FeedId> add,
                                                               List<FeedId> remove) {
        return onEndpoint(subscriber, e -> e.updateSubscription(subscriber, add, remove));
    }

    @Override
    public CompletableFuture<Subscription> holdFeeds(EndpointId subscriber, java.util.Map<FeedId, List<String>> hold,
                                                     List<FeedId> remove) {
        return onEndpoint(subscriber, e -> e.holdFeeds(subscriber, hold, remove));
    }

    @Override
    public CompletableFuture<Void> sendStreams(EndpointId subscriber, List<String> mids, boolean send) {
        return onEndpoint(subscriber, e -> e.sendStreams(subscriber, mids, send));
    }

    @Override
    public CompletableFuture<Void> startSubscription(EndpointId subscriber, Sdp answer) {
        return onEndpoint(subscriber, e -> e.startSubscription(subscriber, answer));
    }

    @Override
    public CompletableFuture<Void> setReceiveQuality(EndpointId subscriber, ReceiveQuality quality) {
        return onEndpoint(subscriber, e -> e.setReceiveQuality(subscriber, quality));
    }

    @Override
    public CompletableFuture<Void> trickle(EndpointId endpoint, IceCandidate candidate) {
        return onEndpoint(endpoint, e -> e.trickle(endpoint, candidate));
    }

    @Override
    public CompletableFuture<Void> leave(EndpointId endpoint) {
        if (placements.nodeOf(endpoint) == null) {
            return CompletableFuture.completedFuture(null); // idempotent: gone already (left, or lost with its node)
        }
        return onEndpoint(endpoint, e -> e.leave(endpoint)).whenComplete((v, e) -> placements.closed(endpoint));
    }

    @Override
    public CompletableFuture<List<StreamStats>> streamStats(EndpointId endpoint) {
        return onEndpoint(endpoint, e -> e.streamStats(endpoint));
    }

    // ================================================================== moderation, recording

    @Override
    public CompletableFuture<Void> setMuted(MediaRoomId room, String secret, FeedId feed, String mid, boolean muted) {
        return onRoom(room, e -> e.setMuted(room, secret, feed, mid, muted));
    }

    @Override
    public CompletableFuture<Void> kick(MediaRoomId room, String secret, FeedId feed) {
        return onRoom(room, e -> e.kick(room, secret, feed));
    }

    @Override
    public CompletableFuture<List<Forwarder>> rtpForward(ForwardRequest request) {
        return onRoom(request.room(), e -> e.rtpForward(request));
    }

    @Override
    public CompletableFuture<Void> stopRtpForward(MediaRoomId room, String secret, FeedId feed, long streamId) {
        return onRoom(room, e -> e.stopRtpForward(room, secret, feed, streamId));
    }

    // ================================================================== node

    /** Reachable when at least one node is; the detail counts them. */
    @Override
    public MediaHealth health() {
        int up = 0;
        Instant since = Instant.EPOCH;
        for (MediaEngine e : nodes.values()) {
            MediaHealth h = e.health();
            up += h.reachable() ? 1 : 0;
            since = h.since().isAfter(since) ? h.since() : since;
        }
        return new MediaHealth("media nodes", up > 0, since, up + " of " + nodes.size() + " media nodes connected");
    }

    @Override
    public Registration addListener(MediaRoomId room, MediaListener listener) {
        List<Registration> all = new ArrayList<>();
        for (Map.Entry<String, MediaEngine> n : nodes.entrySet()) {
            all.add(n.getValue().addListener(room, new NodeEvents(n.getKey(), n.getValue(), room, listener,
                    placements, this::healthy)));
        }
        return () -> all.forEach(Registration::close);
    }

    @Override
    public void close() {
        nodes.values().forEach(MediaEngine::close);
    }

    // ================================================================== routing

    private <T> CompletableFuture<T> onRoom(MediaRoomId room, Function<MediaEngine, CompletableFuture<T>> op) {
        String node = placements.nodeOf(room);
        if (node == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_NO_SUCH_ROOM,
                    "media room " + room + " is on no media node"));
        }
        return op.apply(nodes.get(node));
    }

    private <T> CompletableFuture<T> onEndpoint(EndpointId endpoint, Function<MediaEngine, CompletableFuture<T>> op) {
        String node = placements.nodeOf(endpoint);
        if (node == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_ENDPOINT_LOST,
                    "endpoint " + endpoint + " is on no media node (left, or lost with its node)"));
        }
        return op.apply(nodes.get(node));
    }

    private <T> T opened(T result, EndpointId endpoint, String node, MediaRoomId room) {
        if (node != null && node.equals(placements.nodeOf(room))) {
            placements.opened(endpoint, node, room);
        }
        return result;
    }
}
