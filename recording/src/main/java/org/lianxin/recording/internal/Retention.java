package org.lianxin.recording.internal;

import java.time.Clock;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService.DeleteResult;
import org.lianxin.recording.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes recordings' media once their retention has passed, never one on legal hold or not ended: the catalog
 * marks it DELETED (refused if a hold came meanwhile), then its segments and composed files go from storage — the
 * file of every compose claim it had, also one a crashed worker left unreferenced — (the manifest stays, as the record
 * of what was there).
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final Clock clock;

    public Retention(RecordingCatalog catalog, ObjectStore store, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
    }

    public DeleteResult delete(long id, String by) {
        Recording r = catalog.find(id).orElse(null);
        if (r == null || r.status() == Recording.Status.DELETED) {
            return DeleteResult.NOT_FOUND;
        }
        if (!r.ended()) {
            return DeleteResult.NOT_ENDED;
        }
        if (r.legalHold()) {
            return DeleteResult.LEGAL_HOLD;
        }
        if (r.retentionUntil() != null && clock.instant().isBefore(r.retentionUntil())) {
            return DeleteResult.RETENTION_NOT_REACHED;
        }
        if (!catalog.markDeleted(id, by, clock.instant())) {
            return DeleteResult.LEGAL_HOLD; // put on hold meanwhile
        }
        for (RecordingCatalog.Segment s : catalog.segments(id)) {
            store.delete(s.key());
        }
        store.delete(Recording.composedKey(id));
        if (r.composedKey() != null && !r.composedKey().equals(Recording.composedKey(id))) {
            store.delete(r.composedKey()); // made on a compose node: the key of its claim (V36)
        }
        // every claim's key, not only the one referenced: a worker whose finish was refused deletes its file, but one
        // that crashed before doing so left it behind unreferenced
        long claims = catalog.composeLease(id).map(RecordingCatalog.ComposeLease::epoch).orElse(0L);
        for (long epoch = 1; epoch <= claims; epoch++) {
            String key = Recording.composedKey(id, epoch);
            if (!key.equals(r.composedKey())) {
                store.delete(key);
            }
        }
        log.info("recording {}: media deleted by {} (retention passed)", id, by);
        return DeleteResult.DELETED;
    }

    /** Deletes every recording whose retention has passed (a daily job); returns how many. */
    public int deleteExpired() {
        int n = 0;
        for (Recording r : catalog.expired(clock.instant())) {
            if (delete(r.id(), "retention") == DeleteResult.DELETED) {
                n++;
            }
        }
        return n;
    }
}
