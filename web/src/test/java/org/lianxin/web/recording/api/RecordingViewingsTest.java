package org.lianxin.web.recording.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;

class RecordingViewingsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T01:00:00Z"));
    private final RecordingViewings viewings = new RecordingViewings(clock);

    @Test
    void aPlayersRangeRequestsAreOneViewingUntilItPausesLongerThanThePause() {
        assertThat(viewings.starts("sc.reviewer", 1, "PLAY_COMPOSED composed")).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(viewings.starts("sc.reviewer", 1, "PLAY_COMPOSED composed")).as("the next range").isFalse();
        clock.advance(RecordingViewings.PAUSE.minusSeconds(1));
        assertThat(viewings.starts("sc.reviewer", 1, "PLAY_COMPOSED composed")).as("a seek after a while").isFalse();
        clock.advance(RecordingViewings.PAUSE.plusSeconds(1));
        assertThat(viewings.starts("sc.reviewer", 1, "PLAY_COMPOSED composed")).as("after a long pause").isTrue();
    }

    @Test
    void anotherPersonItemRecordingOrADownloadIsAnotherViewing() {
        assertThat(viewings.starts("sc.reviewer", 1, "PLAY_COMPOSED composed")).isTrue();
        assertThat(viewings.starts("sc.admin", 1, "PLAY_COMPOSED composed")).isTrue();
        assertThat(viewings.starts("sc.reviewer", 2, "PLAY_COMPOSED composed")).isTrue();
        assertThat(viewings.starts("sc.reviewer", 1, "PLAY_SEGMENT segment:0")).isTrue();
        assertThat(viewings.starts("sc.reviewer", 1, "DOWNLOAD_COMPOSED composed")).isTrue();
        assertThat(viewings.starts("sc.reviewer", 1, "DOWNLOAD_COMPOSED composed")).isFalse();
    }
}
