package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.testing.TestMedia;

class SegmentDurationTest {

    @TempDir
    Path tmp;

    @Test
    void aClosedMatroskaFileSaysHowLongItIs() {
        Path webm = TestMedia.webm(Duration.ofSeconds(10), 30);

        assertThat(SegmentDuration.millis(webm)).isBetween(9_900L, 10_100L);
    }

    @Test
    void aFileThatIsNoMediaHasNoDuration() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.mkv"), "not matroska\n".repeat(100));

        assertThat(SegmentDuration.millis(junk)).isEqualTo(-1);
        assertThat(SegmentDuration.millis(tmp.resolve("missing.mkv"))).isEqualTo(-1);
    }
}
