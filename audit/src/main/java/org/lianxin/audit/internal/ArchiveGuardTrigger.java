package org.lianxin.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.h2.api.Trigger;

/**
 * H2's trigger on {@code audit_entry} since V24: refuses every UPDATE, and every DELETE but that of an entry older
 * than 180 days in the range the archiver of this thread opened ({@link ArchivePermit}).
 */
public final class ArchiveGuardTrigger implements Trigger {
    /** The legal floor (网络安全法: at least six months), whatever the configured retention. */
    static final Duration FLOOR = Duration.ofDays(180);

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        // nothing to remember: the table is audit_entry
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null && oldRow[0] instanceof Long && oldRow[1] instanceof OffsetDateTime
                && ArchivePermit.allows((Long) oldRow[0])
                && ((OffsetDateTime) oldRow[1]).toInstant().isBefore(Instant.now().minus(FLOOR))) {
            return;
        }
        throw new SQLException("the audit trail is append-only: " + (newRow == null ? "DELETE" : "UPDATE")
                + " on audit_entry refused (entries leave only when archived and older than the retention)", "42501");
    }
}
