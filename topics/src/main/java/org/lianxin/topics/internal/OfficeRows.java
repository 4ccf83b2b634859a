package org.lianxin.topics.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.lianxin.topics.OfficeRef;
import org.lianxin.topics.Places;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The scheduler's office table as topics read it: the whole tree in one query, one office by id. */
public final class OfficeRows {
    private final JdbcClient jdbc;

    public OfficeRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An office's path and zone. */
    public record Row(long id, String path, ZoneId zone, OfficeRef ref) {
        public boolean covers(String otherPath) {
            return otherPath.startsWith(path);
        }
    }

    public Places tree() {
        List<Places.Node> nodes = jdbc.sql("select id, parent_id, level, path, code from office")
                .query((rs, n) -> new Places.Node(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
        return new Places(nodes);
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("select id, path, zone, name, name_en, level from office where id = ?").param(id)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), ZoneId.of(rs.getString(3)),
                        new OfficeRef(rs.getLong(1), rs.getString(4), rs.getString(5), rs.getString(6))))
                .optional();
    }
}
