package org.lianxin.recording.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.recording.verify.RecordingVerifier.ProblemKind.CHAIN_BROKEN;
import static org.lianxin.recording.verify.RecordingVerifier.ProblemKind.HASH_DIFFERS;
import static org.lianxin.recording.verify.RecordingVerifier.ProblemKind.MANIFEST_DIFFERS;
import static org.lianxin.recording.verify.RecordingVerifier.ProblemKind.MANIFEST_MISSING;
import static org.lianxin.recording.verify.RecordingVerifier.ProblemKind.MANIFEST_UNREADABLE;
import static org.lianxin.recording.verify.RecordingVerifier.ProblemKind.MISSING;
import static org.lianxin.recording.verify.RecordingVerifier.ProblemKind.SIZE_DIFFERS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;

class RecordingVerifierTest {

    @TempDir
    Path tmp;
    private ObjectStore store;
    private RecordingVerifier verifier;
    private Manifest manifest;

    @BeforeEach
    void setUp() {
        store = ObjectStores.local(tmp);
        verifier = new RecordingVerifier(store);
        manifest = RecordingFixture.store(store, 42, 5);
    }

    private byte[] bytes(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anIntactRecordingIsOk() {
        RecordingVerifier.Result r = verifier.verify(42);
        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.manifest()).hasValueSatisfying(m -> assertThat(m.segments()).hasSize(5));
    }

    @Test
    void aConsistentRewriteOfStoragePassesOnItsOwnButNotAgainstWhatTheCatalogRecorded() throws IOException {
        String recordedSha = HashChain.sha256Hex(bytes(Manifest.key(42)));
        String recordedHead = manifest.chainHead();
        // segment 2 replaced, and every hash, link, the head and the manifest rewritten to match
        List<Manifest.Segment> forged = new ArrayList<>();
        String chain = HashChain.GENESIS;
        for (Manifest.Segment s : manifest.segments()) {
            String sha = s.sha256();
            long size = s.bytes();
            if (s.index() == 2) {
                byte[] other = RecordingFixture.utf8("a different picture of what was said");
                store.put(s.key(), other, "video/x-matroska");
                sha = HashChain.sha256Hex(other);
                size = other.length;
            }
            chain = HashChain.link(chain, s.key(), sha);
            forged.add(new Manifest.Segment(s.index(), s.trackId(), s.trackIndex(), s.key(), size, sha, chain,
                    s.startedAt(), s.endedAt(), s.durationMs()));
        }
        RecordingFixture.rewriteManifest(store, new Manifest(manifest.format(), 42, manifest.kind(), manifest.bookingId(),
                manifest.consultationId(), manifest.caseId(), manifest.roomId(), manifest.officeId(), manifest.status(),
                manifest.startedAt(), manifest.endedAt(), manifest.participants(), manifest.tracks(), forged,
                manifest.gaps(), manifest.timeline(), chain));

        assertThat(verifier.verify(42).ok()).as("storage alone cannot tell").isTrue();

        RecordingVerifier.Result r = verifier.verify(42, new RecordingVerifier.Expected(recordedSha, recordedHead));
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(RecordingVerifier.Problem::kind).containsExactly(MANIFEST_DIFFERS,
                MANIFEST_DIFFERS);
        assertThat(r.problems().get(0).detail()).contains(recordedSha);
        assertThat(r.problems().get(1).detail()).contains(recordedHead).contains(chain);
        assertThat(verifier.verify(42, new RecordingVerifier.Expected(
                HashChain.sha256Hex(bytes(Manifest.key(42))), chain)).ok()).as("matching expectations").isTrue();
    }

    @Test
    void oneFlippedByteIsAHashDifferenceOfThatSegmentOnly() throws IOException {
        Manifest.Segment s = manifest.segments().get(2);
        byte[] b = bytes(s.key());
        b[b.length / 2] ^= 0x01;
        store.put(s.key(), b, "video/x-matroska");
        RecordingVerifier.Result r = verifier.verify(42);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(HASH_DIFFERS);
            assertThat(p.segmentIndex()).isEqualTo(2);
            assertThat(p.key()).isEqualTo(s.key());
            assertThat(p.describe()).startsWith("HASH_DIFFERS segment 2 " + s.key());
        });
    }

    @Test
    void aDeletedSegmentIsMissing() {
        Manifest.Segment s = manifest.segments().get(4);
        store.delete(s.key());
        assertThat(verifier.verify(42).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MISSING);
            assertThat(p.segmentIndex()).isEqualTo(4);
        });
    }

    @Test
    void aTruncatedSegmentDiffersInSizeAndHash() throws IOException {
        Manifest.Segment s = manifest.segments().get(0);
        byte[] b = bytes(s.key());
        store.put(s.key(), java.util.Arrays.copyOf(b, b.length - 1), "video/x-matroska");
        assertThat(verifier.verify(42).problems()).extracting(RecordingVerifier.Problem::kind)
                .containsExactly(SIZE_DIFFERS, HASH_DIFFERS);
    }

    @Test
    void anEditedHashInTheManifestBreaksTheChainAtThatIndex() {
        List<Manifest.Segment> segs = new ArrayList<>(manifest.segments());
        Manifest.Segment s = segs.get(3);
        String forged = HashChain.sha256Hex(RecordingFixture.utf8("something else"));
        segs.set(3, new Manifest.Segment(s.index(), s.trackId(), s.trackIndex(), s.key(), s.bytes(), forged,
                s.chain(), s.startedAt(), s.endedAt(), s.durationMs()));
        RecordingFixture.rewriteManifest(store, withSegments(segs, manifest.chainHead()));
        List<RecordingVerifier.Problem> problems = verifier.verify(42).problems();
        assertThat(problems).filteredOn(p -> p.kind() == CHAIN_BROKEN).singleElement()
                .satisfies(p -> assertThat(p.segmentIndex()).isEqualTo(3));
        assertThat(problems).extracting(RecordingVerifier.Problem::kind).containsExactlyInAnyOrder(CHAIN_BROKEN,
                HASH_DIFFERS);
    }

    @Test
    void aReplacedSegmentWithARecomputedLinkStillBreaksTheNextLink() {
        // a forger who swaps segment 1 and fixes its own sha256 and chain value cannot fix link 2
        List<Manifest.Segment> segs = new ArrayList<>(manifest.segments());
        Manifest.Segment s = segs.get(1);
        byte[] fake = RecordingFixture.utf8("forged media");
        store.put(s.key(), fake, "video/x-matroska");
        String sha = HashChain.sha256Hex(fake);
        String link = HashChain.link(segs.get(0).chain(), s.key(), sha);
        segs.set(1, new Manifest.Segment(1, s.trackId(), s.trackIndex(), s.key(), fake.length, sha, link,
                s.startedAt(), s.endedAt(), s.durationMs()));
        RecordingFixture.rewriteManifest(store, withSegments(segs, manifest.chainHead()));
        assertThat(verifier.verify(42).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(CHAIN_BROKEN);
            assertThat(p.segmentIndex()).isEqualTo(2);
        });
    }

    @Test
    void aWrongChainHeadIsReported() {
        RecordingFixture.rewriteManifest(store, withSegments(manifest.segments(), HashChain.GENESIS));
        assertThat(verifier.verify(42).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(CHAIN_BROKEN);
            assertThat(p.segmentIndex()).isEqualTo(-1);
            assertThat(p.key()).isEqualTo(Manifest.key(42));
        });
    }

    @Test
    void aMissingOrUnreadableManifestIsReported() {
        assertThat(verifier.verify(43).problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(MANIFEST_MISSING));
        store.put(Manifest.key(43), RecordingFixture.utf8("{\"format\": "), "application/json");
        assertThat(verifier.verify(43).problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(MANIFEST_UNREADABLE));
        // the manifest of another recording under this id
        store.put(Manifest.key(44), RecordingFixture.utf8(new String(
                org.lianxin.recording.ManifestCodec.write(manifest), java.nio.charset.StandardCharsets.UTF_8)),
                "application/json");
        assertThat(verifier.verify(44).problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(MANIFEST_UNREADABLE));
    }

    @Test
    void anEmptyRecordingWithTheGenesisHeadIsOk() {
        RecordingFixture.store(store, 50, 0);
        assertThat(verifier.verify(50).ok()).isTrue();
    }

    private Manifest withSegments(List<Manifest.Segment> segs, String head) {
        Manifest m = manifest;
        return new Manifest(m.format(), m.recordingId(), m.kind(), m.bookingId(), m.consultationId(), m.caseId(),
                m.roomId(), m.officeId(), m.status(), m.startedAt(), m.endedAt(), m.participants(), m.tracks(), segs,
                m.gaps(), m.timeline(), head);
    }
}
