package org.lianxin.signaling.media.internal.janus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.RoomClaim;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A {@link JanusMediaEngine}'s takeover of rooms (issue 14): claiming a room's own Janus session left by a lost
 * instance, adopting its endpoints, and stopping the lost owner's forwarders. No locks: the maps are the engine's
 * concurrent maps.
 */
final class JanusRoomClaims {

    /** The engine's logger, as before the split. */
    private static final Logger log = LoggerFactory.getLogger(JanusMediaEngine.class);

    private final JanusClient client;
    private final VideoroomHandles handles;
    private final VideoroomRequests requests;
    private final JanusEndpoints endpoints;
    private final Map<MediaRoomId, Long> roomSessions;
    private final Map<FeedId, Set<String>> simulcastFeeds;
    private final MediaEngine engine;

    JanusRoomClaims(JanusClient client, VideoroomHandles handles, VideoroomRequests requests, JanusEndpoints endpoints,
                    Map<MediaRoomId, Long> roomSessions, Map<FeedId, Set<String>> simulcastFeeds, MediaEngine engine) {
        this.client = client;
        this.handles = handles;
        this.requests = requests;
        this.endpoints = endpoints;
        this.roomSessions = roomSessions;
        this.simulcastFeeds = simulcastFeeds;
        this.engine = engine;
    }

    /**
     * Makes endpoints of a claimed session known as if this engine had made them (the room as created, publishers with
     * their feeds), then re-reads the room's participants from Janus (events raised while nobody held the session are
     * lost) and counts every feed publishing there as known. Completes with the participants; fails with
     * {@link Code#MEDIA_NO_SUCH_ROOM} when the room is no longer on Janus.
     */
    CompletableFuture<List<Participant>> adopt(MediaRoomId room, List<JanusMediaEngine.AdoptedEndpoint> adopted) {
        endpoints.roomCreated(room);
        for (JanusMediaEngine.AdoptedEndpoint a : adopted) {
            if (a.publisher()) {
                endpoints.addPublisher(a.id().value(), a.room(), a.feed());
            } else {
                endpoints.addSubscriber(a.id().value(), a.room());
            }
        }
        return engine.listParticipants(room).thenApply(list -> {
            for (Participant p : list) {
                if (p.publishing()) {
                    endpoints.feedPublishing(room, p.feed());
                }
            }
            return list;
        });
    }

    /**
     * Claims the room's own Janus session, left by a lost instance (issue 14), on this engine's connection, then
     * {@linkplain #adopt adopts} its endpoints: from now on the room's handles are this engine's. Fails with
     * {@link Code#MEDIA_ENDPOINT_LOST} when Janus no longer has the session (458), {@link Code#MEDIA_NO_SUCH_ROOM}
     * when the room is gone from Janus (the session is then destroyed).
     */
    CompletableFuture<List<Participant>> claim(RoomClaim claim) {
        MediaRoomId room = claim.room();
        return client.claimSession(claim.session()).thenCompose(claimed -> {
            roomSessions.put(room, claim.session());
            for (RoomClaim.Endpoint e : claim.endpoints()) {
                if (e.publisher() && !e.simulcastMids().isEmpty()) {
                    simulcastFeeds.put(e.feed(), e.simulcastMids()); // its forwards take the layers as before
                }
            }
            return adopt(room, claim.endpoints().stream().map(e -> new JanusMediaEngine.AdoptedEndpoint(e.id(), room, e.publisher(),
                    e.feed())).toList());
        }).thenCompose(list -> stopForwarders(room, claim.spec().secret()).handle((stopped, e) -> {
            if (e != null) {
                log.warn("room {}: the lost owner's forwarders could not be stopped: {}", room, e.getMessage());
            } else if (stopped > 0) {
                log.info("room {}: {} forwarder(s) of the lost owner stopped", room, stopped);
            }
            return list;
        })).whenComplete((list, error) -> {
            if (error != null && roomSessions.remove(room, claim.session())) {
                endpoints.roomDestroyed(room);
                client.destroySession(claim.session());
            }
        });
    }

    /**
     * This engine's dropped connection was replaced and its sessions claimed again (on the event thread): each room
     * whose own session Janus no longer had hears it lost its endpoints and that the node is back (it makes them again);
     * every other room with a listener re-reads its participants (the events raised meanwhile are lost).
     */
    void reclaimed(Set<Long> lostRoomSessions, JanusEventTranslator events) {
        List<MediaRoomId> rebuilt = new java.util.ArrayList<>();
        for (var e : Map.copyOf(roomSessions).entrySet()) {
            if (lostRoomSessions.contains(e.getValue()) && roomSessions.remove(e.getKey(), e.getValue())) {
                rebuilt.add(e.getKey());
                events.roomSessionLost(e.getKey(), "its Janus session was gone when the connection came back");
            }
        }
        for (MediaRoomId room : events.rooms()) {
            if (rebuilt.contains(room)) {
                continue;
            }
            engine.listParticipants(room).whenComplete((list, error) -> {
                if (error != null) {
                    log.warn("room {}: participants not re-read after the connection came back: {}", room,
                            error.getMessage());
                } else {
                    client.dispatch(() -> events.reread(room, list));
                }
            });
        }
        log.info("Janus connection back with its sessions claimed: {} room(s) kept, {} rebuilt",
                events.rooms().size() - rebuilt.size(), rebuilt.size());
    }

    /**
     * Stops every forwarder of the room's publishers: after a claim they are the lost owner's, sending to its
     * recorder's ports (the new owner forwards anew when it counts the publishers). The number stopped.
     */
    private CompletableFuture<Integer> stopForwarders(MediaRoomId room, String secret) {
        return handles.controlRequest(requests.listForwarders(room, secret), "listforwarders " + room)
                .thenCompose(data -> {
                    List<CompletableFuture<Void>> stops = new java.util.ArrayList<>();
                    for (JsonNode publisher : data.path("publishers")) {
                        FeedId feed = new FeedId(publisher.path("publisher_id").asLong());
                        for (JsonNode f : publisher.path("forwarders")) {
                            stops.add(engine.stopRtpForward(room, secret, feed, f.path("stream_id").asLong()));
                        }
                    }
                    return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).thenApply(v -> stops.size());
                });
    }
}
