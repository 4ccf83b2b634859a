package org.lianxin.recording.capture;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A track's own clock: milliseconds since its first packet arrived. Audio and video are aligned by the arrival of
 * their first packets, then each follows its RTP timestamps (so arrival jitter after that does not move packets).
 * Pure: the caller gives each packet's arrival ({@code System.nanoTime()}); the wall clock is read once, at the first
 * packet. Written by the capture thread only; other threads may read {@link #wallTimeAt} after a volatile read that
 * follows the first packet.
 */
final class TrackClock {

    private final long[] tbNum = new long[2];
    private final long[] tbDen = new long[2];
    private final LongSupplier wallMillis;

    private boolean started;
    private long originNanos;
    private long originWallMs;
    private final boolean[] seen = new boolean[2];
    private final long[] firstPts = new long[2];
    private final long[] offsetMs = new long[2];

    /**
     * @param audioNum   the audio stream's time base, {@code audioNum / audioDen} s (RTP Opus: 1/48000)
     * @param videoNum   the video stream's (RTP VP8: 1/90000)
     * @param wallMillis the wall clock (ms since the epoch), read at the first packet
     */
    TrackClock(long audioNum, long audioDen, long videoNum, long videoDen, LongSupplier wallMillis) {
        tbNum[RtpInput.AUDIO] = audioNum;
        tbDen[RtpInput.AUDIO] = audioDen;
        tbNum[RtpInput.VIDEO] = videoNum;
        tbDen[RtpInput.VIDEO] = videoDen;
        this.wallMillis = wallMillis;
    }

    /**
     * Where a packet of {@code stream} ({@link RtpInput#AUDIO} or {@link RtpInput#VIDEO}) with timestamp {@code pts}
     * that arrived at {@code arrivalNanos} is on the track's clock (ms).
     */
    long ms(int stream, long pts, long arrivalNanos) {
        if (!started) {
            started = true;
            originNanos = arrivalNanos;
            originWallMs = wallMillis.getAsLong();
        }
        if (!seen[stream]) {
            seen[stream] = true;
            firstPts[stream] = pts;
            offsetMs[stream] = (arrivalNanos - originNanos) / 1_000_000;
        }
        return (pts - firstPts[stream]) * 1000 * tbNum[stream] / tbDen[stream] + offsetMs[stream];
    }

    /** {@code ticks} of {@code stream}'s time base in ms (rounded down). */
    long toMs(int stream, long ticks) {
        return ticks * 1000 * tbNum[stream] / tbDen[stream];
    }

    /** The wall-clock time of {@code trackMs} on the track's clock (after the first packet). */
    Instant wallTime(long trackMs) {
        return Instant.ofEpochMilli(originWallMs + trackMs);
    }

    /** The wall-clock time of the {@code System.nanoTime()} value {@code nanos} (after the first packet). */
    Instant wallTimeAt(long nanos) {
        return Instant.ofEpochMilli(originWallMs + (nanos - originNanos) / 1_000_000);
    }
}
