package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaptureSettingsTest {

    @Test
    void defaultsAreTenSecondSegmentsAskedForOneSecondAhead() {
        CaptureSettings d = CaptureSettings.defaults();
        assertThat(d.segmentLength()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.keyframeLead()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.keyframeRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.maxSegmentLength()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.withPorts(50000, 50099).portMin()).isEqualTo(50000);
    }

    @Test
    void everyBadSettingIsReportedAtOnce() {
        assertThatThrownBy(() -> new CaptureSettings(Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofMillis(100), 80, 81, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentLength").hasMessageContaining("keyframeLead")
                .hasMessageContaining("keyframeRetry").hasMessageContaining("maxSegmentLength")
                .hasMessageContaining("ports").hasMessageContaining("startTimeout");
    }

    @Test
    void trackSpecDefaultsToOpus111AndVp8On96AndRejectsUnsafeIds() {
        TrackSpec spec = TrackSpec.of("case-7.a", Path.of("/tmp"), "127.0.0.1");
        assertThat(spec.audioPayloadType()).isEqualTo(111);
        assertThat(spec.videoPayloadType()).isEqualTo(96);
        assertThatThrownBy(() -> TrackSpec.of("../x", Path.of("/tmp"), "127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackSpec.of("x", Path.of("/tmp"), "localhost"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackSpec("x", Path.of("/tmp"), "127.0.0.1", 96, 96))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
