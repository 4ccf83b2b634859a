package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;

/** Where a composed review file ends. */
class CompositionQueueTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

    private static Recording ended(Instant endedAt) {
        return new Recording(1, Recording.Kind.RECEPTION, "booking-1", 1L, null, 2L, 3, Recording.Status.INTERRUPTED,
                START, START, endedAt, 0, 0, null, null, null, Recording.ComposedState.QUEUED, 0, null, null, null,
                null, false, null, null, null, null, null);
    }

    private static Instant at(int seconds) {
        return START.plusSeconds(seconds);
    }

    @Test
    void aRecordingWithoutGapsIsComposedToItsEnd() {
        assertThat(CompositionQueue.composedEnd(ended(at(60)), List.of(), at(99))).isEqualTo(at(60));
    }

    @Test
    void theTimeACrashCutOffUntilTheRestartIsNotComposed() {
        List<Manifest.Gap> gaps = List.of(new Manifest.Gap(at(42), at(3600), CrashRecovery.GAP_REASON));
        assertThat(CompositionQueue.composedEnd(ended(at(3600)), gaps, at(4000))).isEqualTo(at(42));
    }

    @Test
    void gapsInsideTheRecordingStayComposedAsTheyAre() {
        List<Manifest.Gap> gaps = List.of(new Manifest.Gap(at(10), at(14), "media server lost"),
                new Manifest.Gap(at(60), at(60), "recording server shut down"));
        assertThat(CompositionQueue.composedEnd(ended(at(60)), gaps, at(99))).isEqualTo(at(60));
    }

    @Test
    void aRecordingNotEndedIsComposedUpToNow() {
        assertThat(CompositionQueue.composedEnd(ended(null), List.of(), at(30))).isEqualTo(at(30));
    }
}
