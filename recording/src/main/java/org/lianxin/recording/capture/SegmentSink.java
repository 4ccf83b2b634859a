package org.lianxin.recording.capture;

/**
 * Receives a track's segments as they close, in order, on the capture's thread. The file belongs to
 * the sink from then on (it uploads and deletes it). Must not block for long.
 */
@FunctionalInterface
public interface SegmentSink {
    void segmentClosed(ClosedSegment segment);
}
