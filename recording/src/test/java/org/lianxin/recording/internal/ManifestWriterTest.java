package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;

/** The manifest made from what the catalog holds of a recording. */
class ManifestWriterTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static final Recording RECORDING = new Recording(9, Recording.Kind.RECEPTION, "booking-4", 4L, null, 5L, 6,
            Recording.Status.RECORDING, T0, T0, null, 0, 0, null, null, null, Recording.ComposedState.NONE, 0, null,
            null, null, null, false, null, null, null, null, null);

    @Test
    void listsEachParticipantOnceEveryTrackWithItsSegmentCountAndTheChainHead() {
        List<RecordingCatalog.Track> tracks = List.of(
                new RecordingCatalog.Track(9, "s0-p1", "official-3", "李主任", "HOST", 0, T0, T0.plusSeconds(30), 0),
                new RecordingCatalog.Track(9, "s0-p2", "petitioner-7", "信访人", "PETITIONER", 0, T0, null, 0),
                new RecordingCatalog.Track(9, "s1-p1", "official-3", "李主任", "HOST", 1, T0.plusSeconds(40), null, 0));
        List<RecordingCatalog.Segment> segments = List.of(
                segment(0, "s0-p1", 0, "c0"), segment(1, "s0-p2", 0, "c1"), segment(2, "s0-p1", 1, "c2"));
        Manifest m = ManifestWriter.manifest(RECORDING, Recording.Status.COMPLETED, T0.plusSeconds(60), tracks,
                segments, List.of(new Manifest.Gap(T0.plusSeconds(30), T0.plusSeconds(40), "media server lost")),
                List.of(new Manifest.TimelineEntry(T0, "ADMITTED", "petitioner-7", "PETITIONER", null)));

        assertThat(m.format()).isEqualTo(Manifest.FORMAT);
        assertThat(m.status()).isEqualTo("COMPLETED");
        assertThat(m.endedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(m.participants()).extracting(Manifest.Participant::participantId)
                .containsExactly("official-3", "petitioner-7");
        assertThat(m.tracks()).extracting(Manifest.Track::trackId, Manifest.Track::segmentCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s0-p1", 2),
                        org.assertj.core.groups.Tuple.tuple("s0-p2", 1), org.assertj.core.groups.Tuple.tuple("s1-p1", 0));
        assertThat(m.segments()).extracting(Manifest.Segment::index).containsExactly(0, 1, 2);
        assertThat(m.chainHead()).isEqualTo("c2");
        assertThat(m.gaps()).hasSize(1);
        assertThat(m.timeline()).hasSize(1);
    }

    @Test
    void aRecordingWithoutSegmentsHasTheGenesisAsItsHead() {
        Manifest m = ManifestWriter.manifest(RECORDING, Recording.Status.EMPTY, T0, List.of(), List.of(), List.of(),
                List.of());
        assertThat(m.chainHead()).isEqualTo(HashChain.GENESIS);
        assertThat(m.segments()).isEmpty();
    }

    private static RecordingCatalog.Segment segment(int chainIndex, String trackId, int trackIndex, String chain) {
        return new RecordingCatalog.Segment(9, chainIndex, trackId, trackIndex,
                Recording.segmentKey(9, trackId, trackIndex), 1000, "sha" + chainIndex, chain,
                T0.plusSeconds(10L * trackIndex), T0.plusSeconds(10L * trackIndex + 10), 10_000, true);
    }
}
