package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpusTest {

    private static long ms(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Opus.durationMs(b, b.length);
    }

    @Test
    void oneFramePackets() {
        assertThat(ms(0x78, 0)).as("hybrid FB 20 ms (what browsers send)").isEqualTo(20);
        assertThat(ms(0xF8, 0)).as("CELT FB 20 ms").isEqualTo(20);
        assertThat(ms(0x08, 0)).as("SILK NB 20 ms").isEqualTo(20);
        assertThat(ms(0x18, 0)).as("SILK NB 60 ms").isEqualTo(60);
        assertThat(ms(0x70, 0)).as("hybrid FB 10 ms").isEqualTo(10);
        assertThat(ms(0xE0, 0)).as("CELT FB 2.5 ms, rounded").isEqualTo(3);
    }

    @Test
    void severalFramesPerPacket() {
        assertThat(ms(0x79, 0)).as("code 1: two equal frames").isEqualTo(40);
        assertThat(ms(0x7A, 0)).as("code 2: two frames").isEqualTo(40);
        assertThat(ms(0x7B, 3)).as("code 3: three frames").isEqualTo(60);
        assertThat(ms(0x1B, 2)).as("code 3: two 60 ms frames").isEqualTo(120);
    }

    @Test
    void unknowableOrInvalidIsZero() {
        assertThat(Opus.durationMs(new byte[2], 0)).isZero();
        assertThat(ms(0x7B)).as("code 3 without its count byte").isZero();
        assertThat(ms(0x1B, 3)).as("180 ms: more than Opus allows").isZero();
    }
}
