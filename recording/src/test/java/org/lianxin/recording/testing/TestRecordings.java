package org.lianxin.recording.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.Recording;
import org.lianxin.recording.storage.ObjectStore;

/**
 * A small finished recording put straight into storage, for the verifier and the tools around it: segments of two
 * tracks (random bytes, 1-6 KB each) and a manifest with a correct hash chain, as the recorder would leave them.
 */
public final class TestRecordings {

    private TestRecordings() {
    }

    /** Stores recording {@code id} with {@code segments} segments (alternating between two tracks); its manifest. */
    public static Manifest store(ObjectStore store, long id, int segments) {
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

    /** The SHA-256 of the manifest as stored (what the catalog records at the end). */
    public static String manifestSha256(Manifest m) {
        return HashChain.sha256Hex(ManifestCodec.write(m));
    }
}
