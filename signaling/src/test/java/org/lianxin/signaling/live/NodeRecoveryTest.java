package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pauses between attempts to make a media room again (the whole recovery runs in LiveRoomsTest). */
class NodeRecoveryTest {

    @Test
    void retriesWaitAQuarterSecondDoublingUpToTwoSeconds() {
        assertThat(IntStream.of(0, 1, 2, 3, 4, 8, 9, 100).mapToLong(NodeRecovery.RETRY::millis).toArray())
                .containsExactly(250, 500, 1_000, 2_000, 2_000, 2_000, 2_000, 2_000);
    }
}
