package org.lianxin.statistics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
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

    /**
     * Sums by group key ({@link #TOTAL}, an office id, or a category), each in the source's order. The split by child
     * office also gives the total (the office's own level is in it, under no child): one statement for both.
     */
    Map<String, long[]> sums(Sources.Source source, Split split, Window w) {
        return whole(raw(source, split, w));
    }

    /** As {@link #sums}, unrounded: sums of seconds keep their fractions, to be added to other sums first. */
    Map<String, BigDecimal[]> raw(Sources.Source source, Split split, Window w) {
        String key;
        String join = "";
        if (split == Split.CHILDREN) {
            key = "k.grp";
            join = childMap(source.path());
        } else if (split == Split.CATEGORY) {
            key = source.category();
            join = source.categoryJoin();
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
        return read(Literals.inline(sql.toString(), w), source.sums().size(), split == Split.CHILDREN);
    }

    /**
     * Each office of the subtree mapped once to the child of {@code :root} it lies under (none: the root's own level),
     * joined to {@code path} by equal path: a hash join, not a LIKE per row and child (distinct, a no-op on unique
     * paths, keeps the planner from folding the map into the join and doing the LIKE per row again). Its key is
     * {@code k.grp}.
     */
    static String childMap(String path) {
        return " join (select distinct o2.path as kpath, g.id as grp from office o2 left join office g on "
                + "g.parent_id = :root and o2.path like concat(g.path, '%') where o2.path like :scope) k on k.kpath = "
                + path;
    }

    /**
     * Runs a statement whose columns are {@code k} and {@code s0}..; rows of a null key are in the {@link #TOTAL}
     * only, which is added when {@code withTotal}.
     */
    Map<String, BigDecimal[]> read(String sql, int width, boolean withTotal) {
        Map<String, BigDecimal[]> out = new LinkedHashMap<>();
        BigDecimal[] total = zeros(width);
        jdbc.sql(sql).query((RowCallbackHandler) rs -> {
            BigDecimal[] sums = zeros(width);
            for (int i = 0; i < width; i++) {
                BigDecimal v = rs.getBigDecimal("s" + i);
                if (v != null) {
                    sums[i] = v;
                    total[i] = total[i].add(v);
                }
            }
            String k = rs.getString("k");
            if (k != null) out.merge(k, sums, FigureSql::add);
        });
        if (withTotal) out.put(TOTAL, total);
        return out;
    }

    static BigDecimal[] zeros(int width) {
        BigDecimal[] z = new BigDecimal[width];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    static BigDecimal[] add(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal[] out = new BigDecimal[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i].add(b[i]);
        return out;
    }

    /** Sums of seconds rounded to whole seconds, after summing. */
    static Map<String, long[]> whole(Map<String, BigDecimal[]> raw) {
        Map<String, long[]> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            long[] w = new long[v.length];
            for (int i = 0; i < v.length; i++) w[i] = whole(v[i]);
            out.put(k, w);
        });
        return out;
    }

    private static long whole(BigDecimal v) {
        return v == null ? 0 : v.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
