package org.lianxin.statistics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs one {@link Sources.Source} over a subtree and a range as a single aggregate statement: the total, or one row
 * per direct child office of the root (joined by path prefix, never a query per office), or per category. Sums of
 * seconds are rounded to whole seconds after summing.
 */
final class FigureSql {
    static final String TOTAL = "total";

    /** The grouping of one statement. */
    enum Split { TOTAL, CHILDREN, CATEGORY }

    /** Where and when: the root office's path and id, whole days as instants and dates, and now. */
    record Window(long rootId, String rootPath, Instant start, Instant end, LocalDate from, LocalDate to, Instant now) {
    }

    private final JdbcClient jdbc;

    FigureSql(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sums by group key ({@link #TOTAL}, an office id, or a category), each in the source's order. */
    Map<String, long[]> sums(Sources.Source source, Split split, Window w) {
        String key;
        String join = "";
        if (split == Split.CHILDREN) {
            key = "g.id";
            join = " join office g on g.parent_id = :root and " + source.path() + " like concat(g.path, '%')";
        } else if (split == Split.CATEGORY) {
            key = source.category();
        } else {
            key = null;
        }
        StringBuilder sql = new StringBuilder("select ").append(key == null ? "'" + TOTAL + "'" : key).append(" as k");
        for (int i = 0; i < source.sums().size(); i++) {
            sql.append(", sum(").append(source.sums().get(i)).append(") as s").append(i);
        }
        sql.append(" from ").append(source.from()).append(join).append(" where ").append(source.where())
                .append(" and ").append(source.path()).append(" like :scope");
        if (key != null) sql.append(" group by ").append(key);
        Map<String, long[]> out = new LinkedHashMap<>();
        var statement = jdbc.sql(sql.toString()).param("scope", w.rootPath() + "%").param("start", ts(w.start()))
                .param("end", ts(w.end())).param("from", w.from()).param("to", w.to()).param("now", ts(w.now()));
        if (split == Split.CHILDREN) statement = statement.param("root", w.rootId());
        statement.query((RowCallbackHandler) rs -> {
            long[] sums = new long[source.sums().size()];
            for (int i = 0; i < sums.length; i++) sums[i] = whole(rs, "s" + i);
            out.put(rs.getString("k"), sums);
        });
        return out;
    }

    private static long whole(ResultSet rs, String column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? 0 : v.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
