package org.lianxin.signaling.media;

import java.util.List;

/**
 * A subscriber connection waiting for the browser's answer to {@code offer}
 * (see {@link MediaEngine#startSubscription}).
 */
public record Subscription(MediaRoomId room, EndpointId endpoint, List<FeedId> feeds, Sdp offer) {
    public Subscription {
        feeds = List.copyOf(feeds);
    }
}
