package org.lianxin.reports;

import org.lianxin.statistics.Measure;

/**
 * One unit (a direct child office of the jurisdiction, with its subtree) in a ranking: its place (1 = best; null when
 * it has no data and is not ranked), the figures it is ranked by, taken from the statistics module as they are — the
 * completion rate (办结率), the reply-on-time rate (按期答复率) and its number of supervision items (the completion
 * rate's denominator: items accepted in the period) — and whether it is flagged for a talk (约谈).
 */
public record RankedUnit(long officeId, String code, String name, String nameEn, Integer place, Measure completion,
                         Measure repliedOnTime, boolean flagged) {

    /** The number of supervision items the unit was assigned in the period (the completion rate's denominator). */
    public long items() {
        return completion.denominator();
    }

    public boolean ranked() {
        return place != null;
    }

    RankedUnit withFlag(boolean flag) {
        return new RankedUnit(officeId, code, name, nameEn, place, completion, repliedOnTime, flag);
    }
}
