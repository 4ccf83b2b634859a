package org.lianxin.audit;

import java.security.KeyPair;
import java.time.Clock;

import javax.sql.DataSource;

import org.lianxin.audit.internal.JdbcAuditLog;
import org.lianxin.audit.internal.JdbcCheckpoints;

/** The trail's implementations over a database migrated with this module's migrations (V16_*). */
public final class Audits {
    private Audits() {
    }

    /** The audit port: appends in its own transaction, one chain under any number of writers. */
    public static Audit jdbc(DataSource dataSource, Clock clock) {
        return new JdbcAuditLog(dataSource, clock);
    }

    /** Checkpoints of the trail in {@code dataSource}, signed with {@code key}, kept also in {@code store}. */
    public static AuditCheckpoints checkpoints(DataSource dataSource, CheckpointStore store, KeyPair key, Clock clock) {
        return new JdbcCheckpoints(dataSource, store, key, clock);
    }
}
