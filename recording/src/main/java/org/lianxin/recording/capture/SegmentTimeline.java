package org.lianxin.recording.capture;

/**
 * The times of one segment file: where each packet goes in it, and the time the segment covers. The file's time 0
 * is {@code baseMs} on the track's clock (players and Matroska's duration want each file to start at 0); within a
 * stream timestamps increase strictly (players and muxers want that; two frames less than 1 ms apart, or packets
 * older than the segment's start, would otherwise share one). Pure; used by the capture thread only.
 */
final class SegmentTimeline {

    private final long baseMs;
    /** Last timestamp written per stream (file time, ms); -1: none yet. */
    private final long[] lastTs = {-1, -1};
    /** End of the latest packet (start + duration), track clock. */
    private long endMs = Long.MIN_VALUE;
    private long audioPackets;
    private long videoPackets;

    /** @param baseMs where the file's time 0 is on the track's clock */
    SegmentTimeline(long baseMs) {
        this.baseMs = baseMs;
    }

    /**
     * The timestamp in a segment starting at {@code baseMs} of a packet at {@code ms} on the track's clock, after
     * {@code lastTs} (-1: none yet) in the same stream: {@code ms - baseMs}, not below 0 and strictly after
     * {@code lastTs}.
     */
    static long segmentTimestamp(long ms, long baseMs, long lastTs) {
        long ts = Math.max(ms - baseMs, 0);
        return ts <= lastTs ? lastTs + 1 : ts;
    }

    /** The file timestamp for the next packet of {@code stream} at {@code ms} (track clock). */
    long timestamp(int stream, long ms) {
        return segmentTimestamp(ms, baseMs, lastTs[stream]);
    }

    /** A packet of {@code stream} went into the file at {@code ts}, lasting {@code durationMs}. */
    void written(int stream, long ts, long durationMs) {
        lastTs[stream] = ts;
        endMs = Math.max(endMs, baseMs + ts + durationMs);
        if (stream == RtpInput.AUDIO) {
            audioPackets++;
        } else {
            videoPackets++;
        }
    }

    long baseMs() {
        return baseMs;
    }

    long audioPackets() {
        return audioPackets;
    }

    long videoPackets() {
        return videoPackets;
    }

    boolean isEmpty() {
        return audioPackets + videoPackets == 0;
    }

    /**
     * The time the segment covers from its time 0: up to where the next one starts ({@code nextStartMs}, track
     * clock), so that the segments join without gap or overlap; the last one to the end of its last packet (0 if it
     * holds none).
     */
    long coveredMs(boolean last, long nextStartMs) {
        long end = !last ? nextStartMs : isEmpty() ? baseMs : endMs;
        return Math.max(0, end - baseMs);
    }
}
