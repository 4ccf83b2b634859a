package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.recording.capture.RtpInput.AUDIO;
import static org.lianxin.recording.capture.RtpInput.VIDEO;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link TrackClock}: the track's time of each packet (RTP Opus 1/48000, VP8 1/90000). */
class TrackClockTest {

    private static final long WALL = 1_700_000_000_000L;
    private static final long T0 = 5_000_000_000L; // some System.nanoTime()
    private static final long MS = 1_000_000;

    private final AtomicInteger wallReads = new AtomicInteger();
    private final TrackClock clock = new TrackClock(1, 48_000, 1, 90_000, () -> {
        wallReads.incrementAndGet();
        return WALL;
    });

    @Test
    void theFirstPacketIsTimeZeroAndTheOtherStreamStartsWhenItsFirstPacketArrives() {
        assertThat(clock.ms(VIDEO, 123_000, T0)).isZero();
        assertThat(clock.ms(AUDIO, 480_000, T0 + 40 * MS)).isEqualTo(40);
    }

    @Test
    void afterTheFirstPacketEachStreamFollowsItsRtpTimestampsNotTheArrival() {
        clock.ms(VIDEO, 123_000, T0);
        clock.ms(AUDIO, 480_000, T0 + 40 * MS);
        assertThat(clock.ms(AUDIO, 480_000 + 960, T0 + 300 * MS)).as("arrived late, timed by RTP").isEqualTo(60);
        assertThat(clock.ms(VIDEO, 123_000 + 3_000, T0 + 1 * MS)).isEqualTo(33);
        assertThat(clock.ms(VIDEO, 123_000 + 90_000, T0)).isEqualTo(1_000);
    }

    @Test
    void wallTimesCountFromTheFirstPacketsArrivalAndTheWallClockIsReadOnce() {
        clock.ms(AUDIO, 0, T0);
        clock.ms(AUDIO, 960, T0 + 20 * MS);
        clock.ms(VIDEO, 0, T0 + 30 * MS);
        assertThat(wallReads).hasValue(1);
        assertThat(clock.wallTime(10_000)).isEqualTo(Instant.ofEpochMilli(WALL + 10_000));
        assertThat(clock.wallTimeAt(T0 + 2_500 * MS)).isEqualTo(Instant.ofEpochMilli(WALL + 2_500));
    }

    @Test
    void durationsInAStreamsTimeBaseBecomeMilliseconds() {
        assertThat(clock.toMs(AUDIO, 960)).isEqualTo(20);
        assertThat(clock.toMs(VIDEO, 2_970)).isEqualTo(33);
        assertThat(clock.toMs(VIDEO, 89)).as("rounded down").isZero();
    }
}
