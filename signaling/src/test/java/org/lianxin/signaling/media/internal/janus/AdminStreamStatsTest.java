package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.StreamStats;
import tools.jackson.databind.json.JsonMapper;

/** Per-stream counters read from an Admin API {@code handle_info} ({@link AdminStreamStats}), without a socket. */
class AdminStreamStatsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void eachMediumOfAHandleInfoIsOneStreamStatsWithItsInAndOutCounters() {
        String info = "{\"webrtc\":{\"media\":{"
                + "\"0\":{\"mid\":\"0\",\"type\":\"audio\",\"codecs\":{\"codec\":\"opus\"},\"stats\":{"
                + "\"in\":{\"packets\":50,\"bytes\":4000,\"bytes_lastsec\":400},\"out\":{\"packets\":0,\"bytes\":0}}},"
                + "\"1\":{\"mid\":\"1\",\"type\":\"video\",\"codecs\":{\"codec\":\"vp8\"},\"stats\":{"
                + "\"in\":{\"packets\":0,\"bytes\":0},\"out\":{\"packets\":90,\"bytes\":60000,\"bytes_lastsec\":6000}}}}}}";

        assertThat(AdminStreamStats.read(json.readTree(info))).containsExactly(
                new StreamStats("0", "audio", "opus", 50, 4000, 400, 0, 0, 0),
                new StreamStats("1", "video", "vp8", 0, 0, 0, 90, 60000, 6000));
        assertThat(AdminStreamStats.read(json.readTree("{}"))).isEmpty();
    }

    @Test
    void withoutTheAdminApiEveryRequestIsRefusedAsInvalid() throws Exception {
        JanusSettings settings = JanusSettings.of(URI.create("ws://127.0.0.1:9/"), null);
        try (AdminStreamStats stats = new AdminStreamStats(settings, json, null, new JanusEndpoints())) {
            CompletableFuture<?> f = stats.of(new EndpointId(1));

            assertThat(f).isCompletedExceptionally();
            MediaException e = MediaException.in(f.handle((v, error) -> error).get()).orElseThrow();
            assertThat(e.code()).isEqualTo(Code.MEDIA_INVALID_REQUEST);
        }
    }
}
