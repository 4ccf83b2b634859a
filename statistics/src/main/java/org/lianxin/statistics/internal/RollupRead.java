package org.lianxin.statistics.internal;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The stored months' sums of a subtree, by the same groups as the direct statements ({@link FigureSql.Split}), and
 * the items that fell due between the months' count of overdue items ({@code as_of}) and now.
 */
final class RollupRead {
    private final FigureSql sql;

    RollupRead(FigureSql sql) {
        this.sql = sql;
    }

    /**
     * The sums of months {@code first}..{@code last} stored for {@code zone}, for the subtree and split of {@code w}
     * (whose dates are those months' days), with overdue items counted at {@code w.now()}.
     */
    RawSums sums(String zone, YearMonth first, YearMonth last, FigureSql.Split split, FigureSql.Window w,
                 java.time.Instant asOf) {
        String key;
        String join = "";
        if (split == FigureSql.Split.CHILDREN) {
            key = "k.grp";
            join = FigureSql.childMap("r.path");
        } else {
            key = null;
        }
        RawSums out = split == FigureSql.Split.CATEGORY ? byCategory(zone, first, last, w)
                : byOffice(zone, first, last, split, key, join, w);
        if (!asOf.equals(w.now())) out.add(RollupSql.Stored.I, fellDue(split, w, asOf));
        return out;
    }

    /** By category: one statement per source over {@code st_rollup}. */
    private RawSums byCategory(String zone, YearMonth first, YearMonth last, FigureSql.Window w) {
        RawSums out = new RawSums();
        for (RollupSql.Stored stored : RollupSql.Stored.values()) {
            StringBuilder q = new StringBuilder("select r.category as k");
            for (int i = 0; i < stored.source.sums().size(); i++) q.append(", sum(r.s").append(i).append(") as s").append(i);
            q.append(" from st_rollup r where r.zone = '").append(RollupSql.zone(zone)).append("' and r.source = '")
                    .append(stored.name()).append("' and r.ym between '").append(first).append("' and '").append(last)
                    .append("' and r.path like :scope group by r.category");
            out.add(stored, sql.read(Literals.inline(q.toString(), w), stored.source.sums().size(), false));
        }
        return out;
    }

    /** Without categories: every source's sums in one statement over {@code st_rollup_office}. */
    private RawSums byOffice(String zone, YearMonth first, YearMonth last, FigureSql.Split split, String key,
                             String join, FigureSql.Window w) {
        List<String> columns = new java.util.ArrayList<>();
        for (RollupSql.Stored stored : RollupSql.Stored.values()) columns.addAll(RollupSql.officeColumns(stored));
        StringBuilder q = new StringBuilder("select ").append(key == null ? "'" + FigureSql.TOTAL + "'" : key)
                .append(" as k");
        for (int i = 0; i < columns.size(); i++) q.append(", sum(r.").append(columns.get(i)).append(") as s").append(i);
        q.append(" from st_rollup_office r").append(join).append(" where r.zone = '").append(RollupSql.zone(zone))
                .append("' and r.ym between '").append(first).append("' and '").append(last)
                .append("' and r.path like :scope");
        if (key != null) q.append(" group by ").append(key);
        Map<String, BigDecimal[]> all = sql.read(Literals.inline(q.toString(), w), columns.size(),
                split == FigureSql.Split.CHILDREN);
        RawSums out = new RawSums();
        int at = 0;
        for (RollupSql.Stored stored : RollupSql.Stored.values()) {
            int from = at;
            int width = stored.source.sums().size();
            Map<String, BigDecimal[]> part = new java.util.LinkedHashMap<>();
            all.forEach((k, v) -> part.put(k, java.util.Arrays.copyOfRange(v, from, from + width)));
            out.add(stored, part);
            at += width;
        }
        return out;
    }

    /**
     * Items counted overdue now but not at {@code asOf} (or the reverse, negated, if the clock went back): accepted in
     * the range, not replied, due between the two instants.
     */
    private Map<String, BigDecimal[]> fellDue(FigureSql.Split split, FigureSql.Window w, java.time.Instant asOf) {
        boolean later = w.now().isAfter(asOf);
        String where = "i.accepted_on between :from and :to and i.state in ('PENDING_SIGN', 'IN_PROGRESS', 'RETURNED') "
                + "and i.due_at >= " + Literals.timestamp(later ? asOf : w.now()) + " and i.due_at < "
                + Literals.timestamp(later ? w.now() : asOf);
        Sources.Source due = new Sources.Source("sv_item i", where, "i.unit_path", "i.category",
                List.of("0", "0", "0", "0", "0", later ? "1" : "-1", "0"));
        return sql.raw(due, split, w);
    }
}
