package org.lianxin.recording.compose;

/**
 * Output settings of the composed review file, and how a composition that follows a running session shares the CPU.
 *
 * @param tileWidth    width of one participant's tile in pixels (even)
 * @param tileHeight   height of one participant's tile in pixels (even)
 * @param fps          output frame rate
 * @param preset       libx264 preset (ignored by OpenH264)
 * @param videoBitrate total video bit rate in bit/s
 * @param audioBitrate AAC bit rate in bit/s
 * @param liveNice     Linux nice value (0..19) of a composition that follows a running session, and of the encoder's
 *                     and decoders' threads it starts; such a composition also decodes and encodes on its own thread
 *                     only (one core at most). 0: normal priority. A composition after the end runs at normal
 *                     priority, multi-threaded
 */
public record ComposeSettings(int tileWidth, int tileHeight, int fps, String preset, int videoBitrate,
                              int audioBitrate, int liveNice) {

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
        if (liveNice < 0 || liveNice > 19) {
            throw new IllegalArgumentException("liveNice must be 0..19: " + liveNice);
        }
    }

    /**
     * 480x360 tiles (the cameras' 640x480 at 3/4, 4:3 like them: no black bars), 10 fps, x264 ultrafast, 1.2 Mbit/s
     * video, 64 kbit/s AAC, live compositions at nice 10. Until 2026-12-03 640x360 tiles at 15 fps at normal priority:
     * the new ones cost about 0.7 of the CPU (BENCHMARKS.md "## capacity"); the raw tracks keep the cameras' rate.
     */
    public static ComposeSettings defaults() {
        return new ComposeSettings(480, 360, DEFAULT_FPS, "ultrafast", 1_200_000, 64_000, DEFAULT_LIVE_NICE);
    }

    public static final int DEFAULT_FPS = 10;
    public static final int DEFAULT_LIVE_NICE = 10;

    public ComposeSettings withFps(int fps) {
        return new ComposeSettings(tileWidth, tileHeight, fps, preset, videoBitrate, audioBitrate, liveNice);
    }

    public ComposeSettings withTile(int width, int height) {
        return new ComposeSettings(width, height, fps, preset, videoBitrate, audioBitrate, liveNice);
    }

    public ComposeSettings withLiveNice(int nice) {
        return new ComposeSettings(tileWidth, tileHeight, fps, preset, videoBitrate, audioBitrate, nice);
    }
}
