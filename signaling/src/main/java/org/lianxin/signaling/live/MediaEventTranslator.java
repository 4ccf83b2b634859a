package org.lianxin.signaling.live;

import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.signaling.live.MediaEndpoints.Endpoints;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaListener;
import org.slf4j.MDC;

/**
 * What the media node's events mean for one live room: a publisher's peer connection up → it
 * publishes (Janus lets subscribers in only then); its feed gone or its peer connection hung up →
 * it no longer publishes, and its forwarders are gone with the feed; the node lost or back →
 * {@link NodeRecovery}; a publisher's video back after a drop → {@link ResumeKeyframes}. Other
 * events change nothing.
 *
 * <p>Runs on the media adapter's event thread (one event at a time) and holds the room's lock for
 * each event.
 */
final class MediaEventTranslator implements MediaListener {

    private final LiveRoom owner;
    private final ReentrantLock lock;
    private final MediaEndpoints endpoints;
    private final RecorderForwarding forwarding;
    private final NodeRecovery recovery;
    private final ResumeKeyframes resumeKeyframes;

    MediaEventTranslator(LiveRoom owner, ReentrantLock lock, MediaEndpoints endpoints, RecorderForwarding forwarding,
                         NodeRecovery recovery, ResumeKeyframes resumeKeyframes) {
        this.owner = owner;
        this.lock = lock;
        this.endpoints = endpoints;
        this.forwarding = forwarding;
        this.recovery = recovery;
        this.resumeKeyframes = resumeKeyframes;
    }

    @Override
    public void onEvent(MediaEvent event) {
        lock.lock();
        try (var mdc = MDC.putCloseable("room", owner.roomId())) {
            if (event instanceof MediaEvent.WebRtcUp up) {
                // Janus lets subscribers in only once the publisher's peer connection is up (before
                // that: 428 "No such feed"), so "publishing" means up, not merely configured
                for (Map.Entry<String, Endpoints> e : endpoints.entries()) {
                    if (up.endpoint().equals(e.getValue().publisher)) {
                        owner.publishing(e.getKey(), true);
                    }
                }
            } else if (event instanceof MediaEvent.MediaFlow flow) {
                resumeKeyframes.onFlow(flow);
            } else if (event instanceof MediaEvent.PublisherLeft l) {
                String id = endpoints.participantOf(l.feed());
                if (id != null) {
                    owner.publishing(id, false);
                    forwarding.feedGone(id, l.feed());
                }
            } else if (event instanceof MediaEvent.Hangup h) {
                for (Map.Entry<String, Endpoints> e : endpoints.entries()) {
                    if (h.endpoint().equals(e.getValue().publisher)) {
                        resumeKeyframes.forget(h.endpoint());
                        owner.publishing(e.getKey(), false);
                        forwarding.feedGone(e.getKey(), e.getValue().feed);
                    }
                }
            } else if (event instanceof MediaEvent.NodeLost lost) {
                resumeKeyframes.clear();
                recovery.lost(lost.reason());
            } else if (event instanceof MediaEvent.NodeRestored) {
                recovery.back();
            }
        } finally {
            lock.unlock();
        }
    }
}
