package org.lianxin.recording.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;

/**
 * What ending a recording does once its captures are closed (at the session's end, at shutdown, or when a crash is
 * recovered): segments still in the spool and not in the chain are chained and queued for storage, the manifest is
 * written ({@link ManifestWriter}), and the composed review file is finished or queued ({@link CompositionQueue}).
 */
public final class RecordingEnd {

    private final RecordingCatalog catalog;
    private final SegmentChain chain;
    private final ManifestWriter manifests;
    private final CompositionQueue compositions;

    public RecordingEnd(RecordingCatalog catalog, SegmentChain chain, ManifestWriter manifests,
                        CompositionQueue compositions) {
        this.catalog = catalog;
        this.chain = chain;
        this.manifests = manifests;
        this.compositions = compositions;
    }

    /** Ends recording {@code id} as {@code status} at {@code at}; returns it as the catalog holds it then. */
    public Recording end(long id, Recording.Status status, Instant at) {
        // closed segments whose chaining failed (database busy) are not left out
        for (RecordingCatalog.Segment s : chain.adoptLeftovers(id, false)) {
            chain.upload(s);
        }
        ManifestWriter.Written w = manifests.write(id, status, at);
        compositions.recordingEnded(w);
        return catalog.find(id).orElseThrow();
    }

    /**
     * Segments were added to recording {@code id} after its end (its lost instance came back, issue 14): its manifest
     * is written again and its composed review file made again once that manifest is stored.
     */
    void segmentsAddedAfterEnd(long id) {
        manifests.rewrite(id).ifPresent(stored -> compositions.composeAgain(id, stored));
    }

    /**
     * A manifest the last run left in the spool (storage was down) goes to storage now.
     *
     * @return completes when it is stored; empty if none waits
     */
    Optional<CompletableFuture<Void>> manifestLeftInSpool(long id) {
        return manifests.uploadWaiting(id);
    }
}
