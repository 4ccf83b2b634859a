package org.lianxin.audit;

import java.util.List;
import java.util.Optional;

/** Signs the chain's head and keeps the checkpoint in the database and in the {@link CheckpointStore}. */
public interface AuditCheckpoints {

    /**
     * Signs the current head, unless the last checkpoint already names it, and stores it in both places; also stores
     * recent checkpoints an earlier call could not put outside the database (storage was down).
     *
     * @return the new checkpoint, or empty if the chain is empty or did not move since the last one
     */
    Optional<Checkpoint> checkpoint();

    /** Every checkpoint in the database, by sequence number. */
    List<Checkpoint> all();
}
