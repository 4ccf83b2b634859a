package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;

/** The seconds missing from a recording, read from its manifest. */
class RecordingLossTest {
    static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    static Manifest.Segment seg(String track, int i, double from, double to) {
        return new Manifest.Segment(i, track, i, "k/" + track + "/" + i, 1, "h", "c", T0.plusMillis((long) (from * 1000)),
                T0.plusMillis((long) (to * 1000)), (long) ((to - from) * 1000));
    }

    static Manifest manifest(double end, List<Manifest.Track> tracks, List<Manifest.Segment> segments,
                             List<Manifest.TimelineEntry> timeline) {
        return new Manifest(Manifest.FORMAT, 1, "RECEPTION", 1L, null, null, "r", 1L, "COMPLETED", T0,
                T0.plusMillis((long) (end * 1000)), List.of(), tracks, segments, List.of(), timeline, "head");
    }

    static Manifest.Track track(String id, String participant, int series) {
        return new Manifest.Track(id, participant, series, T0, T0, 0);
    }

    @Test
    void whatTheLostInstanceNeverClosedCountsFromTheStartOfTheParticipantsFirstTrack() {
        // node-a closed nothing before it was killed: its series-0 tracks have no segment, series 1 starts at 9 s
        Manifest m = manifest(20, List.of(track("s0-p1", "host", 0), track("s1-p1", "host", 1)),
                List.of(seg("s1-p1", 0, 9, 20)), List.of());
        assertThat(RecordingLoss.lostSeconds(m)).isEqualTo(9);
        Manifest never = manifest(20, List.of(track("s0-p1", "host", 0)), List.of(), List.of());
        assertThat(RecordingLoss.lostSeconds(never)).isEqualTo(20);
    }

    @Test
    void contiguousSegmentsLoseNothing() {
        Manifest m = manifest(20, List.of(track("s0-p1", "host", 0)),
                List.of(seg("s0-p1", 0, 0, 10), seg("s0-p1", 1, 10, 20)), List.of());
        assertThat(RecordingLoss.lostSeconds(m)).isZero();
    }

    @Test
    void theStretchBetweenTheLostInstancesLastSegmentAndTheNewSeriesCountsPerParticipant() {
        List<Manifest.Segment> s = new ArrayList<>();
        s.add(seg("s0-p1", 0, 0, 10)); // host: open segment 10..14 lost with the instance
        s.add(seg("s0-p2", 1, 0, 10)); // petitioner
        s.add(seg("s0-p2", 2, 10, 13));
        s.add(seg("s1-p1", 3, 16.5, 30)); // series 1 on the new owner
        s.add(seg("s1-p2", 4, 17, 30));
        Manifest m = manifest(30, List.of(track("s0-p1", "host", 0), track("s0-p2", "pet", 0),
                track("s1-p1", "host", 1), track("s1-p2", "pet", 1)), s,
                List.of(new Manifest.TimelineEntry(T0, "TAKEN_OVER", null, null, "from app1 to app2")));
        assertThat(RecordingLoss.lostSeconds(m)).isEqualTo(6.5);
        assertThat(RecordingLoss.takeoverNoted(m)).isTrue();
    }

    @Test
    void aParticipantNeverRecordedAgainLosesEverythingToTheEnd() {
        Manifest m = manifest(30, List.of(track("s0-p1", "host", 0)), List.of(seg("s0-p1", 0, 0, 10)), List.of());
        assertThat(RecordingLoss.lostSeconds(m)).isEqualTo(20);
        assertThat(RecordingLoss.takeoverNoted(m)).isFalse();
    }
}
