package org.lianxin.recording.capture;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to capture: one publisher's audio (Opus) and video (VP8), forwarded by the media server as
 * RTP to two UDP ports on {@code bindHost}.
 *
 * @param trackId          names the segment files ({@code <trackId>-000000.mkv}, …); letters, digits, {@code - _ .}
 * @param spoolDir         local folder for the segments (created if missing)
 * @param bindHost         IPv4 address the ports are bound on (the recorder's side of the network to Janus)
 * @param audioPayloadType RTP payload type of the audio the forwarder sends (Janus: what {@code rtp_forward} was told)
 * @param videoPayloadType RTP payload type of the video
 */
public record TrackSpec(String trackId, Path spoolDir, String bindHost, int audioPayloadType, int videoPayloadType) {

    public static final int OPUS_PAYLOAD_TYPE = 111;
    public static final int VP8_PAYLOAD_TYPE = 96;

    public TrackSpec {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(bindHost, "bindHost");
        if (!trackId.matches("[A-Za-z0-9_.-]{1,100}") || trackId.startsWith(".")) {
            throw new IllegalArgumentException("trackId must be 1-100 of [A-Za-z0-9_.-], not starting with '.': " + trackId);
        }
        if (!bindHost.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("bindHost must be an IPv4 address: " + bindHost);
        }
        checkPayloadType(audioPayloadType);
        checkPayloadType(videoPayloadType);
        if (audioPayloadType == videoPayloadType) {
            throw new IllegalArgumentException("audio and video payload types must differ");
        }
    }

    /** Opus on payload type 111 and VP8 on 96 (what the web layer asks Janus to forward). */
    public static TrackSpec of(String trackId, Path spoolDir, String bindHost) {
        return new TrackSpec(trackId, spoolDir, bindHost, OPUS_PAYLOAD_TYPE, VP8_PAYLOAD_TYPE);
    }

    private static void checkPayloadType(int pt) {
        if (pt < 96 || pt > 127) {
            throw new IllegalArgumentException("dynamic RTP payload type expected (96-127): " + pt);
        }
    }
}
