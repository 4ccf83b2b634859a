package org.lianxin.recording.compose;

/**
 * Output settings of the composed review file.
 *
 * @param tileWidth    width of one participant's tile in pixels (even)
 * @param tileHeight   height of one participant's tile in pixels (even)
 * @param fps          output frame rate
 * @param preset       libx264 preset (ignored by OpenH264)
 * @param videoBitrate total video bit rate in bit/s
 * @param audioBitrate AAC bit rate in bit/s
 */
public record ComposeSettings(int tileWidth, int tileHeight, int fps, String preset, int videoBitrate,
                              int audioBitrate) {

    public ComposeSettings {
        if (tileWidth < 16 || tileHeight < 16 || tileWidth % 2 != 0 || tileHeight % 2 != 0) {
            throw new IllegalArgumentException("tile size must be even and at least 16x16: " + tileWidth + "x" + tileHeight);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60: " + fps);
        }
        if (preset == null || preset.isBlank()) {
            throw new IllegalArgumentException("preset must not be blank");
        }
        if (videoBitrate < 50_000 || audioBitrate < 16_000) {
            throw new IllegalArgumentException("bit rates too low: video " + videoBitrate + ", audio " + audioBitrate);
        }
    }

    /** 640x360 tiles, 15 fps, x264 ultrafast, 1.2 Mbit/s video, 64 kbit/s AAC: composes in about 1/10 of real time on 2 cores. */
    public static ComposeSettings defaults() {
        return new ComposeSettings(640, 360, 15, "ultrafast", 1_200_000, 64_000);
    }
}
