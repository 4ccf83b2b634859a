package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Vp8Test {

    @Test
    void readsTheDimensionsOfAKeyframe() {
        // frame tag (key, version 0, show), start code, 640 x 480 with scaling bits set
        byte[] frame = {0x50, 0x42, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x42, (byte) 0xe0, (byte) 0xc1};
        int dims = Vp8.keyframeDimensions(frame, frame.length);
        assertThat(dims >>> 16).isEqualTo(640);
        assertThat(dims & 0xFFFF).isEqualTo(480);
    }

    @Test
    void anInterFrameOrAShortOrBrokenFrameIsNoKeyframe() {
        byte[] inter = {0x51, 0x42, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, (byte) 0xe0, 0x01};
        assertThat(Vp8.keyframeDimensions(inter, inter.length)).isEqualTo(-1);
        byte[] noStartCode = {0x50, 0x42, 0x00, 0x00, 0x01, 0x2a, (byte) 0x80, 0x02, (byte) 0xe0, 0x01};
        assertThat(Vp8.keyframeDimensions(noStartCode, noStartCode.length)).isEqualTo(-1);
        assertThat(Vp8.keyframeDimensions(new byte[10], 5)).isEqualTo(-1);
    }
}
