package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTest {
    private static final Instant END = Instant.parse("2026-12-02T08:00:15Z");

    @Test
    void aLeaseRunsUntilItsEndExclusive() {
        Lease lease = new Lease("sweep", "a:1:01", 1, END);
        assertThat(lease.validAt(END.minusMillis(1))).isTrue();
        assertThat(lease.validAt(END)).isFalse();
    }

    @Test
    void epochsStartAtOne() {
        assertThatThrownBy(() -> new Lease("sweep", "a:1:01", 0, END)).isInstanceOf(IllegalArgumentException.class);
    }
}
