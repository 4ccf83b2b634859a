package org.lianxin.evaluation.internal;

import java.time.ZoneId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An office's path and zone, read from the scheduler's table. */
public record OfficeRow(long id, String path, ZoneId zone) {

    public static Optional<OfficeRow> find(JdbcClient jdbc, long id) {
        return jdbc.sql("select id, path, zone from office where id = ?").param(id)
                .query((rs, n) -> new OfficeRow(rs.getLong(1), rs.getString(2), ZoneId.of(rs.getString(3))))
                .optional();
    }

    public boolean covers(OfficeRow other) {
        return other.path.startsWith(path);
    }
}
