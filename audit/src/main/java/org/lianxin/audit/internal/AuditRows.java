package org.lianxin.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.lianxin.audit.AuditRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code audit_entry} row, written and read in one place. */
public final class AuditRows {

    public static final String COLUMNS = "seq, at, username, role, office_id, action, object_type, object_id, outcome,"
            + " client_address, request_id, details, prev_hash, hash";

    private AuditRows() {
    }

    /** Inserts {@code records} in one JDBC batch. */
    static void insertAll(JdbcTemplate jdbc, List<AuditRecord> records) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (AuditRecord r : records) {
            rows.add(new Object[] {r.seq(), OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC), r.username(), r.role(),
                r.officeId(), r.action(), r.objectType(), r.objectId(), r.outcome(), r.clientAddress(), r.requestId(),
                r.details(), r.prevHash(), r.hash()});
        }
        jdbc.batchUpdate("insert into audit_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows, TYPES);
    }

    private static final int[] TYPES = {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR,
        Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
        Types.VARCHAR, Types.CHAR, Types.CHAR};

    /** The record of the current row of a result set selecting {@link #COLUMNS}. */
    public static AuditRecord read(ResultSet rs) throws SQLException {
        long office = rs.getLong(5);
        Long officeId = rs.wasNull() ? null : office;
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), officeId, rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
    }

}
