package org.lianxin.recording.verify;

import java.nio.charset.StandardCharsets;

import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.testing.TestRecordings;

/** Stores a small recording (segments of two tracks and a manifest with a correct chain): {@link TestRecordings}. */
final class RecordingFixture {

    private RecordingFixture() {
    }

    static Manifest store(ObjectStore store, long id, int segments) {
        return TestRecordings.store(store, id, segments);
    }

    static void rewriteManifest(ObjectStore store, Manifest m) {
        store.put(Manifest.key(m.recordingId()), ManifestCodec.write(m), "application/json");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
