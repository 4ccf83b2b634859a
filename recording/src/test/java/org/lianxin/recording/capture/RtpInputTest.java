package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The SDP {@link RtpInput} gives FFmpeg (no FFmpeg needed). */
class RtpInputTest {

    @Test
    void theSdpDescribesOpusAndVp8OnTheChosenPorts() {
        String sdp = RtpInput.sdp(TrackSpec.of("t", Path.of("/tmp"), "198.18.0.1"), 40000, 40002);
        assertThat(sdp).contains("c=IN IP4 198.18.0.1", "m=audio 40000 RTP/AVP 111", "a=rtpmap:111 opus/48000/2",
                "m=video 40002 RTP/AVP 96", "a=rtpmap:96 VP8/90000");
    }

    @Test
    void theSdpCarriesTheSpecsPayloadTypesAndDescribesTheAnyAddressAsLoopback() {
        String sdp = RtpInput.sdp(new TrackSpec("t", Path.of("/tmp"), "0.0.0.0", 100, 101), 40000, 40002);
        assertThat(sdp).contains("c=IN IP4 127.0.0.1", "m=audio 40000 RTP/AVP 100", "a=rtpmap:100 opus/48000/2",
                "m=video 40002 RTP/AVP 101", "a=rtpmap:101 VP8/90000");
    }
}
