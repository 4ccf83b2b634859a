package org.lianxin.recording.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TileClockTest {

    @Test
    void onlyTheFirstPictureOfEachOutputFrameIntervalIsScaled() {
        TileClock clock = new TileClock(15); // intervals of 66.7 ms centred on 0, 66.7, 133.3 ms ...
        assertThat(clock.claim(0)).isTrue();
        assertThat(clock.claim(20_000)).isFalse();   // still interval 0
        assertThat(clock.claim(40_000)).isTrue();    // interval 1 starts at 33.3 ms
        assertThat(clock.claim(66_000)).isFalse();
        assertThat(clock.claim(101_000)).isTrue();   // interval 2 starts at 100 ms
        assertThat(clock.claim(99_000)).isFalse();   // never backwards
        assertThat(clock.claim(1_000_000)).isTrue(); // after a gap
    }
}
