package org.lianxin.signaling.live;

/**
 * How the live rooms look after their media.
 *
 * @param keyframeOnMediaResume when the media node hears a publisher's video again after it stopped
 *                              (a dropped link came back), ask every publisher of the room for a
 *                              keyframe at once, and tell the participant whose video came back
 *                              ({@code videoResumed}: its page restarts its video sending, dropping
 *                              the retransmissions queued ahead of that keyframe) (default on).
 *                              Off, a subscriber that lost packets
 *                              shows a frozen picture until its browser asks by itself: Chromium
 *                              waits for a decodable frame for 3 s before it sends a PLI.
 */
public record LiveMediaSettings(boolean keyframeOnMediaResume) {

    public static LiveMediaSettings defaults() {
        return new LiveMediaSettings(true);
    }
}
