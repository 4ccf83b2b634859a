package org.lianxin.recording.capture;

/** Reads a VP8 frame header (RFC 6386 §9.1): whether a frame is a keyframe, and its dimensions. */
final class Vp8 {

    /** Bytes of a frame needed by {@link #keyframeDimensions}. */
    static final int HEADER = 10;

    private Vp8() {
    }

    /**
     * The keyframe's {@code width << 16 | height}, or -1 when the frame is not a keyframe (or too short /
     * without the start code).
     */
    static int keyframeDimensions(byte[] frame, int length) {
        if (length < HEADER || (frame[0] & 1) != 0) {
            return -1; // P bit set: inter frame
        }
        if ((frame[3] & 0xFF) != 0x9d || (frame[4] & 0xFF) != 0x01 || (frame[5] & 0xFF) != 0x2a) {
            return -1;
        }
        int width = ((frame[6] & 0xFF) | (frame[7] & 0xFF) << 8) & 0x3FFF;
        int height = ((frame[8] & 0xFF) | (frame[9] & 0xFF) << 8) & 0x3FFF;
        if (width == 0 || height == 0) {
            return -1;
        }
        return width << 16 | height;
    }
}
