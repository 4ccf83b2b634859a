package org.lianxin.recording.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GridLayoutTest {

    @Test
    void twoSitSideBySideThreeAndFourShareATwoByTwoGridMoreGetASquareRootGrid() {
        assertThat(GridLayout.of(1)).isEqualTo(new GridLayout(1, 1));
        assertThat(GridLayout.of(2)).isEqualTo(new GridLayout(2, 1));
        assertThat(GridLayout.of(3)).isEqualTo(new GridLayout(2, 2));
        assertThat(GridLayout.of(4)).isEqualTo(new GridLayout(2, 2));
        assertThat(GridLayout.of(5)).isEqualTo(new GridLayout(3, 2));
        assertThat(GridLayout.of(9)).isEqualTo(new GridLayout(3, 3));
        assertThat(GridLayout.of(10)).isEqualTo(new GridLayout(4, 3));
    }

    @Test
    void noTilesIsAnError() {
        assertThatThrownBy(() -> GridLayout.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
