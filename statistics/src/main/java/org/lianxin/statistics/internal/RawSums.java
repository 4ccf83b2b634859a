package org.lianxin.statistics.internal;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The five sources' sums by group key, unrounded, added up from the stored months and the direct statements of the
 * range's other days; rounded to {@link Rows.Sums} once, at the end, as a direct statement over the range would be.
 */
final class RawSums {
    private final Map<RollupSql.Stored, Map<String, BigDecimal[]>> sums = new EnumMap<>(RollupSql.Stored.class);

    RawSums() {
        for (RollupSql.Stored s : RollupSql.Stored.values()) sums.put(s, new LinkedHashMap<>());
    }

    void add(RollupSql.Stored source, Map<String, BigDecimal[]> more) {
        int width = source.source.sums().size();
        Map<String, BigDecimal[]> into = sums.get(source);
        more.forEach((k, v) -> {
            BigDecimal[] cut = java.util.Arrays.copyOf(v, width);
            into.merge(k, cut, FigureSql::add);
        });
    }

    void add(RawSums more) {
        more.sums.forEach(this::add);
    }

    Rows.Sums rounded() {
        return new Rows.Sums(FigureSql.whole(sums.get(RollupSql.Stored.B)), FigureSql.whole(sums.get(RollupSql.Stored.C)),
                FigureSql.whole(sums.get(RollupSql.Stored.I)), FigureSql.whole(sums.get(RollupSql.Stored.R)),
                FigureSql.whole(sums.get(RollupSql.Stored.S)));
    }
}
