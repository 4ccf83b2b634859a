package org.lianxin.audit;

import java.util.List;
import java.util.Optional;

/**
 * Where checkpoints are kept outside the database (the application adapts the recordings' object store), so that
 * whoever can rewrite the database cannot rewrite what was checkpointed.
 */
public interface CheckpointStore {

    /** Stores {@code content} as {@code name} (overwriting an object of that name). */
    void put(String name, byte[] content);

    /** The names of the stored objects under {@code prefix}, sorted. */
    List<String> list(String prefix);

    /** The content of {@code name}, if stored. */
    Optional<byte[]> get(String name);

    /** For messages: where this is, e.g. a folder or a bucket; never a secret. */
    String describe();
}
