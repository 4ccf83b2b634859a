package org.lianxin.signaling.media;

import java.util.List;

/**
 * A participant that joined a room as a publisher (not yet sending media: see
 * {@link MediaEngine#publish}).
 *
 * @param endpoint the connection to use for publish, keyframe requests, trickle and leave
 * @param feed     the feed id others subscribe to
 * @param others   the publishers already in the room
 */
public record Publisher(MediaRoomId room, EndpointId endpoint, FeedId feed, List<Participant> others) {
    public Publisher {
        others = List.copyOf(others);
    }
}
