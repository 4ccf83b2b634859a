package org.lianxin.recording.compose;

/**
 * Decides which decoded pictures are worth scaling: of all pictures that fall into the same output
 * frame interval of a tile, only the first is scaled; the rest are decoded and dropped.
 */
final class TileClock {

    private final int fps;
    private long lastWindow = Long.MIN_VALUE;

    TileClock(int fps) {
        this.fps = fps;
    }

    boolean claim(long atUs) {
        long window = Math.floorDiv(atUs * fps + 500_000, 1_000_000);
        if (window > lastWindow) {
            lastWindow = window;
            return true;
        }
        return false;
    }
}
