package org.lianxin.recording.capture;

/** Asks the publisher of a track for a video keyframe (through the media server: PLI). Must not block. */
@FunctionalInterface
public interface KeyframeRequester {
    void requestKeyframe();
}
