package org.lianxin.recording.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.StorageException;

/**
 * Checks a stored recording against its manifest: every segment object is there, has the size and
 * SHA-256 the manifest says (read as a stream, never whole into memory), and the hash chain recomputed
 * from {@link HashChain#GENESIS} over the manifest's keys and hashes gives each segment's {@code chain}
 * value and the {@code chainHead}. Storage that cannot be reached is not a finding: it throws
 * {@link StorageException} ({@code unavailable()}).
 *
 * <p>Storage alone cannot tell a consistent rewrite (objects, hashes, chain and manifest all replaced)
 * from the original; given what the catalog recorded when the recording ended ({@link Expected}: the
 * manifest's SHA-256 and the chain head), such a rewrite is found too ({@code MANIFEST_DIFFERS}).
 */
public final class RecordingVerifier {

    private final ObjectStore store;

    public RecordingVerifier(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What is wrong. Segment problems name the segment; manifest problems have index -1 and no key. */
    public enum ProblemKind {
        MANIFEST_MISSING, MANIFEST_UNREADABLE, MANIFEST_DIFFERS, MISSING, SIZE_DIFFERS, HASH_DIFFERS, CHAIN_BROKEN
    }

    /**
     * What another record (the catalog) says the recording is; null fields are not checked.
     *
     * @param manifestSha256 SHA-256 of the manifest as written at the end
     * @param chainHead      the last chain value
     */
    public record Expected(String manifestSha256, String chainHead) {
        public static final Expected NOTHING = new Expected(null, null);
    }

    /**
     * @param segmentIndex the segment's chain index, or -1 for the manifest itself / the chain head
     * @param key          the segment's (or manifest's) object key
     * @param detail       expected and found values, for a person
     */
    public record Problem(ProblemKind kind, int segmentIndex, String key, String detail) {

        /** One line, e.g. {@code HASH_DIFFERS segment 3 recordings/7/s0-p1/000002.mkv: expected … found …}. */
        public String describe() {
            return kind + (segmentIndex >= 0 ? " segment " + segmentIndex : "") + " " + key + ": " + detail;
        }
    }

    /**
     * @param manifest the manifest read, if it could be
     * @param ok       true when there are no problems
     */
    public record Result(long recordingId, Optional<Manifest> manifest, List<Problem> problems) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** @throws StorageException if storage cannot be reached (or refuses) */
    public Result verify(long recordingId) {
        return verify(recordingId, Expected.NOTHING);
    }

    /**
     * Also checks the manifest and chain head against {@code expected}.
     *
     * @throws StorageException if storage cannot be reached (or refuses)
     */
    public Result verify(long recordingId, Expected expected) {
        Objects.requireNonNull(expected, "expected");
        String manifestKey = Manifest.key(recordingId);
        Manifest m;
        List<Problem> problems = new ArrayList<>();
        try (InputStream in = store.get(manifestKey)) {
            byte[] bytes = in.readAllBytes(); // a manifest is small (about 300 bytes a segment)
            String sha = HashChain.sha256Hex(bytes);
            if (expected.manifestSha256() != null && !expected.manifestSha256().equals(sha)) {
                problems.add(new Problem(ProblemKind.MANIFEST_DIFFERS, -1, manifestKey,
                        "the catalog recorded sha256 " + expected.manifestSha256() + " at the end, storage has " + sha));
            }
            m = ManifestCodec.read(bytes);
        } catch (StorageException e) {
            if (e.notFound()) {
                return new Result(recordingId, Optional.empty(), List.of(
                        new Problem(ProblemKind.MANIFEST_MISSING, -1, manifestKey, "no manifest in " + store.describe())));
            }
            throw e;
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(ProblemKind.MANIFEST_UNREADABLE, -1, manifestKey, e.getMessage()));
            return new Result(recordingId, Optional.empty(), problems);
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "cannot read " + manifestKey + ": " + e, e);
        }
        if (m.recordingId() != recordingId) {
            problems.add(new Problem(ProblemKind.MANIFEST_UNREADABLE, -1, manifestKey,
                    "it is the manifest of recording " + m.recordingId()));
            return new Result(recordingId, Optional.empty(), problems);
        }
        if (expected.chainHead() != null && !expected.chainHead().equals(m.chainHead())) {
            problems.add(new Problem(ProblemKind.MANIFEST_DIFFERS, -1, manifestKey,
                    "the catalog's chain head is " + expected.chainHead() + ", the manifest says " + m.chainHead()));
        }
        String chain = HashChain.GENESIS;
        for (int i = 0; i < m.segments().size(); i++) {
            Manifest.Segment s = m.segments().get(i);
            if (s.index() != i) {
                problems.add(new Problem(ProblemKind.CHAIN_BROKEN, s.index(), s.key(),
                        "listed at position " + i + " of the manifest but has chain index " + s.index()));
            }
            chain = HashChain.link(chain, s.key(), s.sha256());
            if (!chain.equals(s.chain())) {
                problems.add(new Problem(ProblemKind.CHAIN_BROKEN, s.index(), s.key(),
                        "chain value expected " + chain + ", manifest says " + s.chain()));
                chain = s.chain() == null ? chain : s.chain(); // report each break once, not every later link
            }
            checkObject(s, problems);
        }
        if (!chain.equals(m.chainHead())) {
            problems.add(new Problem(ProblemKind.CHAIN_BROKEN, -1, manifestKey,
                    "chain head expected " + chain + ", manifest says " + m.chainHead()));
        }
        return new Result(recordingId, Optional.of(m), problems);
    }

    private void checkObject(Manifest.Segment s, List<Problem> problems) {
        Optional<ObjectStore.ObjectInfo> info = store.stat(s.key());
        if (info.isEmpty()) {
            problems.add(new Problem(ProblemKind.MISSING, s.index(), s.key(), "not in " + store.describe()));
            return;
        }
        if (info.get().size() != s.bytes()) {
            problems.add(new Problem(ProblemKind.SIZE_DIFFERS, s.index(), s.key(),
                    "manifest says " + s.bytes() + " bytes, storage has " + info.get().size()));
        }
        String sha;
        try (InputStream in = store.get(s.key())) {
            sha = HashChain.sha256Hex(in);
        } catch (StorageException e) {
            if (e.notFound()) {
                problems.add(new Problem(ProblemKind.MISSING, s.index(), s.key(), "vanished while being read"));
                return;
            }
            throw e;
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "cannot read " + s.key() + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "cannot read " + s.key() + ": " + e, e);
        }
        if (!sha.equals(s.sha256())) {
            problems.add(new Problem(ProblemKind.HASH_DIFFERS, s.index(), s.key(),
                    "manifest says sha256 " + s.sha256() + ", storage has " + sha));
        }
    }

}
