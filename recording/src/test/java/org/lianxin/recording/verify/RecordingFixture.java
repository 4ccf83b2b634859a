package org.lianxin.recording.verify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.Recording;
import org.lianxin.recording.storage.ObjectStore;

/** Stores a small recording (segments of two tracks and a manifest with a correct chain). */
final class RecordingFixture {

    private RecordingFixture() {
    }

    static Manifest store(ObjectStore store, long id, int segments) {
        Instant t0 = Instant.parse("2026-11-27T08:00:00Z");
        List<Manifest.Segment> list = new ArrayList<>();
        String chain = HashChain.GENESIS;
        Random r = new Random(id);
        for (int i = 0; i < segments; i++) {
            String track = i % 2 == 0 ? "s0-p1" : "s0-p2";
            String key = Recording.segmentKey(id, track, i / 2);
            byte[] media = new byte[1000 + r.nextInt(5000)];
            r.nextBytes(media);
            store.put(key, media, "video/x-matroska");
            String sha = HashChain.sha256Hex(media);
            chain = HashChain.link(chain, key, sha);
            list.add(new Manifest.Segment(i, track, i / 2, key, media.length, sha, chain, t0.plusSeconds(i * 10L),
                    t0.plusSeconds(i * 10L + 10), 10_000));
        }
        Manifest m = new Manifest(Manifest.FORMAT, id, "RECEPTION", 1L, null, null, "room-" + id, 1L, "COMPLETED", t0,
                t0.plusSeconds(segments * 10L), List.of(new Manifest.Participant("p1", "Petitioner", "PETITIONER")),
                List.of(new Manifest.Track("s0-p1", "p1", 0, t0, t0.plusSeconds(segments * 10L), (segments + 1) / 2),
                        new Manifest.Track("s0-p2", "p2", 0, t0, t0.plusSeconds(segments * 10L), segments / 2)),
                list, List.of(), List.of(), chain);
        store.put(Manifest.key(id), ManifestCodec.write(m), "application/json");
        return m;
    }

    static void rewriteManifest(ObjectStore store, Manifest m) {
        store.put(Manifest.key(m.recordingId()), ManifestCodec.write(m), "application/json");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
