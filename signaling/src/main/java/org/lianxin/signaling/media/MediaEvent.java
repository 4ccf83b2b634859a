package org.lianxin.signaling.media;

import java.util.List;

/** What the media node tells us about a room, delivered to that room's {@link MediaListener}s. */
public sealed interface MediaEvent {

    MediaRoomId room();

    /** The endpoint's peer connection is up (ICE and DTLS done). */
    record WebRtcUp(MediaRoomId room, EndpointId endpoint) implements MediaEvent {
    }

    /** The media node started or stopped receiving a medium on an endpoint. */
    record MediaFlow(MediaRoomId room, EndpointId endpoint, String mid, String kind, boolean receiving)
            implements MediaEvent {
    }

    /** The endpoint's peer connection went down (the endpoint itself may still exist). */
    record Hangup(MediaRoomId room, EndpointId endpoint, String reason) implements MediaEvent {
    }

    /** A publisher appeared in the room. */
    record PublisherJoined(MediaRoomId room, FeedId feed, String display) implements MediaEvent {
    }

    /** A publisher stopped publishing or left the room (also after a kick). */
    record PublisherLeft(MediaRoomId room, FeedId feed) implements MediaEvent {
    }

    /**
     * The connection to the media node was lost: the room and these endpoints are gone from it and
     * must be created again (the adapter reconnects by itself; see {@link MediaEngine#health()}).
     */
    record NodeLost(MediaRoomId room, List<EndpointId> lostEndpoints, String reason) implements MediaEvent {
        public NodeLost {
            lostEndpoints = List.copyOf(lostEndpoints);
        }
    }

    /**
     * The adapter is connected to the media node (again) with a new session, delivered to every
     * room with a listener each time a session comes up after the first. Whatever {@link NodeLost}
     * reported gone is still gone: make the room and the endpoints again.
     */
    record NodeRestored(MediaRoomId room) implements MediaEvent {
    }
}
