package org.lianxin.recording;

/**
 * Told of each recording the catalog ends (its final status, the manifest's key and SHA-256, the retention written),
 * inside that same transaction: an implementation that writes to the same database (an outbox) keeps its event
 * exactly when the end commits. What it throws rolls the end back.
 */
@FunctionalInterface
public interface RecordingOutbox {
    /** Nothing is written. */
    RecordingOutbox NONE = recording -> {
    };

    /** @param recording as the catalog holds it after the end, inside the transaction */
    void ended(Recording recording);
}
