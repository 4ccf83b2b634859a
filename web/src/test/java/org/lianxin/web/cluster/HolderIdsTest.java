package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HolderIdsTest {

    @Test
    void anIdNamesTheHostTheProcessAndARandomPart() {
        assertThat(HolderIds.of("app-2.city.example", 4711, "0a1b2c3d")).isEqualTo("app-2.city.example:4711:0a1b2c3d");
        assertThat(HolderIds.create()).matches(".+:" + ProcessHandle.current().pid() + ":[0-9a-f]{8}");
    }

    @Test
    void twoStartsOfOneProcessGetTwoIds() {
        assertThat(HolderIds.create()).isNotEqualTo(HolderIds.create());
    }

    @Test
    void aLongHostNameIsCutSoThatTheIdFitsTheColumn() {
        String id = HolderIds.of("h".repeat(500), 1, "ffffffff");
        assertThat(id).hasSize(HolderIds.MAX_LENGTH).endsWith(":1:ffffffff");
        assertThat(HolderIds.of(" ", 1, "00000000")).isEqualTo("unknown-host:1:00000000");
    }
}
