package org.lianxin.audit;

import java.security.KeyPair;
import java.time.Clock;

import javax.sql.DataSource;

import org.lianxin.audit.internal.JdbcAuditLog;
import org.lianxin.audit.internal.JdbcAuditSearch;
import org.lianxin.audit.internal.JdbcCheckpoints;

/** The trail's implementations over a database migrated with this module's migrations (V16_*). */
public final class Audits {
    private Audits() {
    }

    /**
     * The audit port: appends in its own transaction, one chain under any number of writers; appends waiting at the
     * same time go in one transaction (group commit, up to {@value JdbcAuditLog#MAX_BATCH}).
     */
    public static Audit jdbc(DataSource dataSource, Clock clock) {
        return new JdbcAuditLog(dataSource, clock, JdbcAuditLog.MAX_BATCH);
    }

    /** As {@link #jdbc(DataSource, Clock)} with at most {@code maxBatch} entries a transaction (1: one each). */
    public static Audit jdbc(DataSource dataSource, Clock clock, int maxBatch) {
        return new JdbcAuditLog(dataSource, clock, maxBatch);
    }

    /** The auditor's search of the trail in {@code dataSource}. */
    public static AuditSearch search(DataSource dataSource) {
        return new JdbcAuditSearch(dataSource);
    }

    /** Checkpoints of the trail in {@code dataSource}, signed with {@code key}, kept also in {@code store}. */
    public static AuditCheckpoints checkpoints(DataSource dataSource, CheckpointStore store, KeyPair key, Clock clock) {
        return new JdbcCheckpoints(dataSource, store, key, clock);
    }

    /** As {@link #checkpoints(DataSource, CheckpointStore, KeyPair, Clock)}, each timestamped by {@code tsa} (RFC 3161). */
    public static AuditCheckpoints checkpoints(DataSource dataSource, CheckpointStore store, KeyPair key, Clock clock,
                                               org.lianxin.audit.tsa.TimestampAuthority tsa) {
        return new JdbcCheckpoints(dataSource, store, key, clock, tsa);
    }
}
