package org.lianxin.reports;

import java.util.List;
import org.lianxin.statistics.FigureTable;

/**
 * The units of a jurisdiction ranked for a period: the ranked ones by place, then those without data. {@code figures}
 * is the statistics table the ranking was made from (one row per unit, the office's own level and the total), so that
 * a page or a PDF shows the same numbers as {@code /api/v1/statistics} and its CSV.
 */
public record Ranking(Period period, FigureTable figures, List<RankedUnit> units) {
    public Ranking {
        units = List.copyOf(units);
    }

    public List<RankedUnit> ranked() {
        return units.stream().filter(RankedUnit::ranked).toList();
    }

    public List<RankedUnit> withoutData() {
        return units.stream().filter(u -> !u.ranked()).toList();
    }

    /** The units at the bottom of this ranking, by {@link RankingRule#bottomSize(int)}. */
    public List<RankedUnit> bottom() {
        List<RankedUnit> ranked = ranked();
        int n = RankingRule.bottomSize(ranked.size());
        return ranked.subList(ranked.size() - n, ranked.size());
    }

    public List<RankedUnit> flagged() {
        return units.stream().filter(RankedUnit::flagged).toList();
    }
}
