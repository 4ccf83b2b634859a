package org.lianxin.signaling.media.internal.janus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;

/**
 * What this server has on the Janus node in the current session: which handle is which endpoint
 * (its room, publisher or subscriber, a publisher's feed), the feeds known to publish in each room
 * (so that a publisher's arrival and departure are reported once, however many handles hear of it),
 * and the rooms created. Only bookkeeping: no calls to Janus, no events.
 *
 * <p>Thread-safe: written from request completions and from the event thread.
 */
final class JanusEndpoints {

    enum Role { PUBLISHER, SUBSCRIBER }

    /** An endpoint: a videoroom handle ({@code id} is the handle id) in a room; {@code feed} only for a publisher. */
    record Endpoint(EndpointId id, MediaRoomId room, Role role, FeedId feed) {
    }

    private final Map<Long, Endpoint> byHandle = new ConcurrentHashMap<>();
    private final Map<MediaRoomId, Set<FeedId>> feeds = new ConcurrentHashMap<>();
    private final Set<MediaRoomId> createdRooms = ConcurrentHashMap.newKeySet();

    /** The failure of a request for an endpoint this session does not have. */
    static <T> CompletableFuture<T> lost(EndpointId id) {
        return CompletableFuture.failedFuture(new MediaException(Code.MEDIA_ENDPOINT_LOST,
                "no such media endpoint " + id + " (left, lost with the node, or of another kind)"));
    }

    // ---------------------------------------------------------------- rooms

    void roomCreated(MediaRoomId room) {
        createdRooms.add(room);
    }

    /** The room is gone, and with it what we knew of its feeds. */
    void roomDestroyed(MediaRoomId room) {
        createdRooms.remove(room);
        feeds.remove(room);
    }

    // ---------------------------------------------------------------- endpoints

    Endpoint addPublisher(long handle, MediaRoomId room, FeedId feed) {
        Endpoint e = new Endpoint(new EndpointId(handle), room, Role.PUBLISHER, feed);
        byHandle.put(handle, e);
        return e;
    }

    Endpoint addSubscriber(long handle, MediaRoomId room) {
        Endpoint e = new Endpoint(new EndpointId(handle), room, Role.SUBSCRIBER, null);
        byHandle.put(handle, e);
        return e;
    }

    /** The endpoint if it exists and has that role, else null. */
    Endpoint get(EndpointId id, Role role) {
        Endpoint e = byHandle.get(id.value());
        return e != null && e.role() == role ? e : null;
    }

    /** The endpoint of a handle (e.g. the sender of an event), or null. */
    Endpoint ofHandle(long handle) {
        return byHandle.get(handle);
    }

    boolean has(EndpointId id) {
        return byHandle.get(id.value()) != null;
    }

    /** Forgets the endpoint; returns it, or null if it was not known. */
    Endpoint remove(long handle) {
        return byHandle.remove(handle);
    }

    // ---------------------------------------------------------------- feeds

    /** The feed publishes in the room; true if it was not known to until now. */
    boolean feedPublishing(MediaRoomId room, FeedId feed) {
        return feeds.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(feed);
    }

    /** The feed no longer publishes in the room; true if it was known to until now. */
    boolean feedGone(MediaRoomId room, FeedId feed) {
        Set<FeedId> known = feeds.get(room);
        return known != null && known.remove(feed);
    }

    /** The feeds known to publish in the room now. */
    Set<FeedId> feedsOf(MediaRoomId room) {
        Set<FeedId> known = feeds.get(room);
        return known == null ? Set.of() : Set.copyOf(known);
    }

    // ---------------------------------------------------------------- the session

    /**
     * One room's session is gone (not claimed again after a dropped connection) and its endpoints with it: forgets them
     * and the room's feeds, and returns the endpoints it lost. The room itself is still on the node (made in the
     * connection's own session).
     */
    List<EndpointId> roomSessionLost(MediaRoomId room) {
        List<EndpointId> lost = new ArrayList<>();
        byHandle.values().removeIf(e -> {
            if (e.room().equals(room)) {
                lost.add(e.id());
                return true;
            }
            return false;
        });
        feeds.remove(room);
        return lost;
    }

    /**
     * The session is gone and everything in it: forgets it all and returns, for every room we knew
     * of (created, with feeds or with an endpoint) and every room in {@code alsoRooms}, the endpoints
     * it lost (possibly none).
     */
    Map<MediaRoomId, List<EndpointId>> sessionLost(Collection<MediaRoomId> alsoRooms) {
        Map<MediaRoomId, List<EndpointId>> lost = new LinkedHashMap<>();
        Set<MediaRoomId> rooms = new HashSet<>(createdRooms);
        rooms.addAll(feeds.keySet());
        rooms.addAll(alsoRooms);
        for (MediaRoomId r : rooms) {
            lost.put(r, new ArrayList<>());
        }
        for (Endpoint e : byHandle.values()) {
            lost.computeIfAbsent(e.room(), r -> new ArrayList<>()).add(e.id());
        }
        clear();
        return lost;
    }

    void clear() {
        byHandle.clear();
        feeds.clear();
        createdRooms.clear();
    }
}
