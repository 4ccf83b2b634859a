package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import org.lianxin.signaling.live.MediaEndpoints.Endpoints;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.MediaEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video back at once after a dropped link. When the media node stops hearing a publisher's video
 * (Janus's {@code media} event, {@code receiving: false}, after a second without packets) and then
 * hears it again, the link of that participant came back: every subscriber of the publisher lost
 * packets, and the participant's own subscription lost the others' packets too. A browser whose video
 * misses packets shows a frozen picture until a keyframe comes, and Chromium asks for one only after
 * 3 s without a decodable frame (its {@code kMaxWaitForFrame}); Janus relays that request at once
 * (no throttle for a local publisher in Janus 1.1.2). So on the return we ask every publisher of the room
 * for a keyframe ourselves.
 *
 * <p>That keyframe still waited ≈ 1 s in the sending browser (measured, {@code ./lianxin bench drop} 2026-12-04): Janus
 * asks the publisher to retransmit every packet lost in the drop (when they are fewer than 160: Janus's ice.c,
 * {@code LAST_SEQS_MAX_LEN}) at the first packets after it, and Chromium still holds them: it retransmits the drop's
 * video, ahead of new video in its pacer, at the rate its bandwidth estimate has just cut. So the
 * participant whose video came back is also told ({@code videoResumed}): while its browser is retransmitting, its page
 * switches its video sending off and on, which drops that queue and starts on a keyframe.
 *
 * <p>Guarded by the room's lock ({@link #onFlow} is called with it held); the requests go through
 * {@code request} (in media order) and a failed one is only logged.
 */
final class ResumeKeyframes {

    private static final Logger log = LoggerFactory.getLogger(ResumeKeyframes.class);

    private final String roomId;
    private final boolean enabled;
    private final MediaEndpoints endpoints;
    private final Function<String, CompletableFuture<Void>> request;
    private final Consumer<String> resumed;
    /** Publisher endpoints whose video the node stopped hearing. */
    private final Set<EndpointId> stalled = new HashSet<>();

    /**
     * @param request asks a participant's browser for a keyframe
     * @param resumed tells a participant that the node hears its video again ({@code videoResumed})
     */
    ResumeKeyframes(String roomId, boolean enabled, MediaEndpoints endpoints,
                    Function<String, CompletableFuture<Void>> request, Consumer<String> resumed) {
        this.roomId = roomId;
        this.enabled = enabled;
        this.endpoints = endpoints;
        this.request = request;
        this.resumed = resumed;
    }

    /**
     * A medium of an endpoint stopped or started reaching the node. Returns the participants asked
     * for a keyframe (empty unless a publisher's video came back after it had stopped).
     */
    List<String> onFlow(MediaEvent.MediaFlow flow) {
        if (!"video".equals(flow.kind()) || publisherOf(flow.endpoint()) == null) {
            return List.of();
        }
        if (!flow.receiving()) {
            stalled.add(flow.endpoint());
            return List.of();
        }
        if (!stalled.remove(flow.endpoint())) {
            return List.of(); // the first video of a new publisher: Janus asks for that keyframe itself
        }
        List<String> publishers = new ArrayList<>();
        for (Map.Entry<String, Endpoints> e : endpoints.entries()) {
            if (e.getValue().publisher != null && e.getValue().feed != null) {
                publishers.add(e.getKey());
            }
        }
        if (!enabled) {
            log.info("room {}: video of {} back; keyframe requests after a drop are off", roomId,
                    publisherOf(flow.endpoint()));
            return List.of();
        }
        String back = publisherOf(flow.endpoint());
        log.info("room {}: video of {} back after a drop; asking {} for keyframes", roomId, back, publishers);
        resumed.accept(back); // its browser drops the retransmissions queued before the keyframe
        for (String p : publishers) {
            request.apply(p).whenComplete((v, error) -> {
                if (error != null) {
                    log.debug("room {}: keyframe request to {} after a drop failed: {}", roomId, p,
                            MediaSession.describe(error));
                }
            });
        }
        return publishers;
    }

    /** The endpoint was closed or lost: forget that its video had stopped. */
    void forget(EndpointId endpoint) {
        stalled.remove(endpoint);
    }

    /** The media node was lost: every endpoint is gone. */
    void clear() {
        stalled.clear();
    }

    private String publisherOf(EndpointId endpoint) {
        for (Map.Entry<String, Endpoints> e : endpoints.entries()) {
            if (endpoint.equals(e.getValue().publisher)) {
                return e.getKey();
            }
        }
        return null;
    }
}
