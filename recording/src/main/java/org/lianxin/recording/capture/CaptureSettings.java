package org.lianxin.recording.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TrackCapture} cuts and waits.
 *
 * @param segmentLength    target length of a segment (media time); the next one starts on the first video keyframe
 *                         at or after {@code segmentLength - keyframeLead}
 * @param keyframeLead     how long before the target a keyframe is requested (PLI through the media server)
 * @param keyframeRetry    while waiting for a keyframe, ask again this often; also how long (×3) segment 0 waits
 *                         for a first keyframe before it starts audio-only
 * @param maxSegmentLength close anyway (not on a keyframe) when no keyframe came by then; the next segment then
 *                         drops video until a keyframe arrives
 * @param portMin          lowest UDP port used (each track takes four: audio RTP/RTCP, video RTP/RTCP)
 * @param portMax          highest UDP port used
 * @param startTimeout     bound on {@link TrackCapture#open} (binding the ports)
 */
public record CaptureSettings(Duration segmentLength, Duration keyframeLead, Duration keyframeRetry,
                              Duration maxSegmentLength, int portMin, int portMax, Duration startTimeout) {

    public CaptureSettings {
        Objects.requireNonNull(segmentLength, "segmentLength");
        Objects.requireNonNull(keyframeLead, "keyframeLead");
        Objects.requireNonNull(keyframeRetry, "keyframeRetry");
        Objects.requireNonNull(maxSegmentLength, "maxSegmentLength");
        Objects.requireNonNull(startTimeout, "startTimeout");
        List<String> errors = new ArrayList<>();
        if (segmentLength.compareTo(Duration.ofSeconds(1)) < 0) {
            errors.add("segmentLength must be at least 1 s");
        }
        if (keyframeLead.isNegative() || keyframeLead.compareTo(segmentLength) >= 0) {
            errors.add("keyframeLead must be >= 0 and < segmentLength");
        }
        if (keyframeRetry.compareTo(Duration.ofMillis(100)) < 0) {
            errors.add("keyframeRetry must be at least 100 ms");
        }
        if (maxSegmentLength.compareTo(segmentLength) < 0) {
            errors.add("maxSegmentLength must be >= segmentLength");
        }
        if (portMin < 1024 || portMax > 65535 || portMax - portMin < 3) {
            errors.add("ports must be within 1024-65535 with room for at least 4 (portMin=" + portMin
                    + ", portMax=" + portMax + ")");
        }
        if (startTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            errors.add("startTimeout must be at least 100 ms");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid capture settings: " + String.join("; ", errors));
        }
    }

    /**
     * The default UDP port range, {@value #DEFAULT_PORT_MIN}-{@value #DEFAULT_PORT_MAX} (250 tracks): below Linux's
     * ephemeral range (32768-60999). The application's {@code lianxin.recording.rtp-port-min} /
     * {@code rtp-port-max} default to these.
     */
    public static final int DEFAULT_PORT_MIN = 30000;
    public static final int DEFAULT_PORT_MAX = 30999;

    /**
     * 10 s segments, keyframe asked 1 s ahead and every 1 s, forced cut at 20 s, ports {@value #DEFAULT_PORT_MIN}-
     * {@value #DEFAULT_PORT_MAX}, 5 s to start.
     */
    public static CaptureSettings defaults() {
        return new CaptureSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(20), DEFAULT_PORT_MIN, DEFAULT_PORT_MAX, Duration.ofSeconds(5));
    }

    public CaptureSettings withSegmentLength(Duration length, Duration max) {
        return new CaptureSettings(length, keyframeLead, keyframeRetry, max, portMin, portMax, startTimeout);
    }

    public CaptureSettings withPorts(int min, int max) {
        return new CaptureSettings(segmentLength, keyframeLead, keyframeRetry, maxSegmentLength, min, max,
                startTimeout);
    }
}
