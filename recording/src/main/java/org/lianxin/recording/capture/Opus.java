package org.lianxin.recording.capture;

/** Reads an Opus packet's TOC (RFC 6716 §3.1): how much audio it holds. */
final class Opus {

    /** Samples at 48 kHz per frame, by TOC configuration (0-31). */
    private static final int[] FRAME_SAMPLES = {
        480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880, // SILK 10/20/40/60 ms
        480, 960, 480, 960, // hybrid 10/20 ms
        120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, // CELT 2.5/5/10/20 ms
    };

    private Opus() {
    }

    /**
     * Duration in ms (rounded) of the Opus packet whose first {@code length} bytes are in {@code packet}, or 0
     * when it cannot be told (empty packet, code 3 without its frame count byte, more than 120 ms).
     */
    static long durationMs(byte[] packet, int length) {
        if (length < 1) {
            return 0;
        }
        int toc = packet[0] & 0xFF;
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> length < 2 ? 0 : packet[1] & 0x3F;
        };
        int samples = frames * FRAME_SAMPLES[toc >>> 3];
        if (samples > 5760) {
            return 0; // invalid: at most 120 ms
        }
        return (samples + 24) / 48;
    }
}
