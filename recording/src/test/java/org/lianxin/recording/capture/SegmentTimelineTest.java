package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SegmentTimeline}: the per-stream timestamps written into a segment, and the time a segment covers. */
class SegmentTimelineTest {

    /** Feeds track-clock times (ms) of one stream into a segment starting at {@code base}. */
    private static long[] written(long base, long... ms) {
        long[] out = new long[ms.length];
        long last = -1;
        for (int i = 0; i < ms.length; i++) {
            out[i] = SegmentTimeline.segmentTimestamp(ms[i], base, last);
            last = out[i];
        }
        return out;
    }

    @Test
    void timesAreRelativeToTheSegmentStart() {
        assertThat(written(1_000, 1_000, 1_033, 1_067)).containsExactly(0, 33, 67);
    }

    @Test
    void twoFramesInTheSameMillisecondGetIncreasingTimestamps() {
        // a keyframe and a frame 0.5 ms after it (90 kHz → 1 ms truncates both to 185): 185, 185 before the fix
        long keyframe = 185 * 90 * 1000L / 90_000;
        long next = (185 * 90 + 45) * 1000L / 90_000;
        assertThat(next).isEqualTo(keyframe);
        assertThat(written(0, keyframe, next, 218, 251)).containsExactly(185, 186, 218, 251);
    }

    @Test
    void packetsOlderThanTheStartAreAtItsStartOneAfterAnother() {
        assertThat(written(10_000, 9_990, 9_995, 10_000, 10_020)).containsExactly(0, 1, 2, 20);
    }

    @Test
    void aRunOfEqualTimesKeepsIncreasingAndCatchesUp() {
        assertThat(written(0, 100, 100, 100, 101, 140)).containsExactly(100, 101, 102, 103, 140);
    }

    @Test
    void aSegmentCoversTheTimeUpToWhereTheNextOneStarts() {
        SegmentTimeline t = new SegmentTimeline(10_000);
        t.written(RtpInput.VIDEO, t.timestamp(RtpInput.VIDEO, 10_000), 0);
        t.written(RtpInput.AUDIO, t.timestamp(RtpInput.AUDIO, 19_980), 20);
        assertThat(t.coveredMs(false, 20_150)).as("to the next keyframe, past its own last packet").isEqualTo(10_150);
        assertThat(t.audioPackets()).isEqualTo(1);
        assertThat(t.videoPackets()).isEqualTo(1);
    }

    @Test
    void theLastSegmentCoversUpToTheEndOfItsLatestPacket() {
        SegmentTimeline t = new SegmentTimeline(10_000);
        t.written(RtpInput.AUDIO, t.timestamp(RtpInput.AUDIO, 19_950), 20);
        t.written(RtpInput.VIDEO, t.timestamp(RtpInput.VIDEO, 19_960), 0);
        assertThat(t.coveredMs(true, Long.MIN_VALUE)).isEqualTo(9_970);
    }

    @Test
    void anEmptySegmentCoversNothingAsTheLastAndTheGapToTheNextOtherwise() {
        SegmentTimeline t = new SegmentTimeline(10_000);
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.coveredMs(true, Long.MIN_VALUE)).isZero();
        assertThat(t.coveredMs(false, 10_500)).isEqualTo(500);
    }

    @Test
    void eachStreamKeepsItsOwnLastTimestamp() {
        SegmentTimeline t = new SegmentTimeline(0);
        t.written(RtpInput.VIDEO, t.timestamp(RtpInput.VIDEO, 100), 0);
        assertThat(t.timestamp(RtpInput.AUDIO, 100)).as("audio at the video's time").isEqualTo(100);
        assertThat(t.timestamp(RtpInput.VIDEO, 100)).isEqualTo(101);
    }
}
