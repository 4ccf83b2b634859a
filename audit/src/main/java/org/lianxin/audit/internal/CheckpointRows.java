package org.lianxin.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.lianxin.audit.Checkpoint;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code audit_checkpoint} row. */
public final class CheckpointRows {
    private CheckpointRows() {
    }

    static Checkpoint read(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4), rs.getString(5));
    }

    /** Every checkpoint row, by sequence number. */
    public static List<Checkpoint> all(JdbcClient jdbc) {
        return jdbc.sql("select seq, hash, at, key_id, signature from audit_checkpoint order by seq")
                .query((rs, n) -> read(rs)).list();
    }
}
