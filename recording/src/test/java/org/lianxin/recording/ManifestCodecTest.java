package org.lianxin.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    static Manifest sample() {
        Instant t0 = Instant.parse("2026-11-27T08:00:00.125Z");
        String sha = HashChain.sha256Hex("x".getBytes(StandardCharsets.UTF_8));
        String key = Recording.segmentKey(5, "s0-p1", 0);
        String chain = HashChain.link(HashChain.GENESIS, key, sha);
        return new Manifest(Manifest.FORMAT, 5, "RECEPTION", 11L, null, 3L, "room-5", 2L, "COMPLETED", t0,
                t0.plusSeconds(60), List.of(new Manifest.Participant("p1", "王某", "PETITIONER")),
                List.of(new Manifest.Track("s0-p1", "p1", 0, t0, t0.plusSeconds(60), 1)),
                List.of(new Manifest.Segment(0, "s0-p1", 0, key, 1, sha, chain, t0, t0.plusSeconds(60), 60_000)),
                List.of(new Manifest.Gap(t0.plusSeconds(10), t0.plusSeconds(12), "MEDIA_LOST")),
                List.of(new Manifest.TimelineEntry(t0, "CHECKED_IN", "p1", "PETITIONER", null)), chain);
    }

    @Test
    void aManifestRoundTripsWithIsoTimesAndChineseNames() throws Exception {
        Manifest m = sample();
        byte[] json = ManifestCodec.write(m);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"startedAt\" : \"2026-11-27T08:00:00.125Z\"", "王某",
                "\"format\" : \"" + Manifest.FORMAT + "\"");
        assertThat(ManifestCodec.read(json)).isEqualTo(m);
        assertThat(ManifestCodec.read(new ByteArrayInputStream(json))).isEqualTo(m);
    }

    @Test
    void unknownFieldsAreIgnoredButAnotherFormatOrBrokenJsonIsRefused() {
        String text = new String(ManifestCodec.write(sample()), StandardCharsets.UTF_8);
        assertThat(ManifestCodec.read(text.replaceFirst("\\{", "{\"addedLater\":1,").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(sample());
        assertThatThrownBy(() -> ManifestCodec.read(text.replace(Manifest.FORMAT, "other/9")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other/9");
        assertThatThrownBy(() -> ManifestCodec.read(text.substring(0, 100).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable manifest");
        assertThatThrownBy(() -> ManifestCodec.read(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
