package org.lianxin.signaling.media;

import java.util.List;

/**
 * A subscriber connection waiting for the browser's answer to {@code offer}
 * (see {@link MediaEngine#startSubscription}).
 *
 * <p>{@code streams} says which feed each of the offer's sections carries, as the node reports it (empty when the
 * node reports nothing: then the sections follow the order of {@code feeds}). After
 * {@link MediaEngine#updateSubscription} {@code offer} is null when the node had nothing to renegotiate.
 */
public record Subscription(MediaRoomId room, EndpointId endpoint, List<FeedId> feeds, Sdp offer, List<Stream> streams) {
    public Subscription {
        feeds = List.copyOf(feeds);
        streams = List.copyOf(streams);
    }

    public Subscription(MediaRoomId room, EndpointId endpoint, List<FeedId> feeds, Sdp offer) {
        this(room, endpoint, feeds, offer, List.of());
    }

    /** One section of the subscriber connection that carries a medium of a feed: its mid, the feed, audio or video. */
    public record Stream(String mid, FeedId feed, boolean video) {
    }
}
