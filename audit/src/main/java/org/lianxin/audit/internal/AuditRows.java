package org.lianxin.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.lianxin.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code audit_entry} row, written and read in one place. */
public final class AuditRows {

    public static final String COLUMNS = "seq, at, username, role, office_id, action, object_type, object_id, outcome,"
            + " client_address, request_id, details, prev_hash, hash";

    private AuditRows() {
    }

    static void insert(JdbcClient jdbc, AuditRecord r) {
        jdbc.sql("insert into audit_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.seq(), OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC), r.username(), r.role(),
                        r.officeId(), r.action(), r.objectType(), r.objectId(), r.outcome(), r.clientAddress(),
                        r.requestId(), r.details(), r.prevHash(), r.hash())
                .update();
    }

    /** The record of the current row of a result set selecting {@link #COLUMNS}. */
    public static AuditRecord read(ResultSet rs) throws SQLException {
        long office = rs.getLong(5);
        Long officeId = rs.wasNull() ? null : office;
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), officeId, rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
    }

}
