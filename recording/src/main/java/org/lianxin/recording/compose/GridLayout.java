package org.lianxin.recording.compose;

/** Tile grid: 1 = 1x1, 2 = side by side, 3..4 = 2x2, n = ceil(sqrt(n)) columns. */
record GridLayout(int columns, int rows) {

    static GridLayout of(int tiles) {
        if (tiles < 1) {
            throw new IllegalArgumentException("at least one tile: " + tiles);
        }
        if (tiles == 1) {
            return new GridLayout(1, 1);
        }
        if (tiles == 2) {
            return new GridLayout(2, 1);
        }
        int columns = (int) Math.ceil(Math.sqrt(tiles));
        int rows = (tiles + columns - 1) / columns;
        return new GridLayout(columns, rows);
    }
}
