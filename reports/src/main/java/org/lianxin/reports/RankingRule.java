package org.lianxin.reports;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lianxin.scheduler.Office;
import org.lianxin.statistics.Figure;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.Measure;

/**
 * The ranking rule and the talk (约谈) rule, as pure functions: figure rows in, ranking out. The sentences below are
 * printed on the page and in the PDFs, and the code follows them.
 */
public final class RankingRule {
    /** How the units are ordered; every tie is broken, so places are 1..n without gaps or shared places. */
    public static final String TIE_BREAK = "排名规则：按办结率从高到低排列（按精确比值比较，不按四舍五入后的显示值）；"
            + "办结率相同的，按期答复率高的在前（无按期答复数据的排在有数据的之后）；仍相同的，承办督办件多的在前；"
            + "再相同的，按单位代码升序。统计期内没有受理督办件的单位（办结率无数据）不参与排名，列于表末，标注“无数据”，"
            + "不按 0% 计。";
    public static final String TIE_BREAK_EN = "Ranking rule: by completion rate, highest first (compared as exact "
            + "fractions, not as the rounded figures shown); on equal completion rates, the higher reply-on-time rate "
            + "first (a unit without reply-on-time data after those with data); then the unit with more supervision "
            + "items; then by office code, ascending. Units with no supervision item accepted in the period (no "
            + "completion data) are not ranked: they are listed last, marked “no data”, never counted as 0%.";
    /** Which units are at the bottom, and who is called in for a talk. */
    public static final String TALK = "约谈规则：办结率排名的末位为最后一名；参与排名的单位达到 10 个及以上时，末位为最后两名；"
            + "参与排名的单位少于 2 个时不认定末位；无数据的单位不计入末位。连续两个月（本月和上月）均处于末位的单位列为约谈对象。";
    public static final String TALK_EN = "Talk rule: the bottom of the completion ranking is the last place, or the "
            + "last two places when 10 or more units are ranked; with fewer than 2 ranked units there is no bottom; "
            + "units without data are never at the bottom. A unit at the bottom in this month and the month before "
            + "is called in for a talk.";
    /** From this many ranked units on, the bottom is the last two places. */
    public static final int TWO_AT_THE_BOTTOM_FROM = 10;

    private RankingRule() {
    }

    /**
     * Ranks the units of {@code table} (a statistics table grouped by child office): each child office in
     * {@code units} whose row is in the table; the office's own level and the total are not units.
     */
    public static Ranking rank(Period period, FigureTable table, Collection<Office> units) {
        Map<String, Office> byKey = units.stream().collect(Collectors.toMap(o -> Long.toString(o.id()),
                Function.identity()));
        List<RankedUnit> withData = new ArrayList<>();
        List<RankedUnit> without = new ArrayList<>();
        for (FigureRow row : table.rows()) {
            Office office = byKey.get(row.key());
            if (office == null) continue;
            RankedUnit u = new RankedUnit(office.id(), office.code(), row.label(), row.labelEn(), null,
                    row.get(Figure.COMPLETION), row.get(Figure.REPLIED_ON_TIME), false);
            (u.completion().hasValue() ? withData : without).add(u);
        }
        withData.sort(ORDER);
        without.sort(Comparator.comparing(RankedUnit::code));
        List<RankedUnit> out = new ArrayList<>();
        for (int i = 0; i < withData.size(); i++) {
            RankedUnit u = withData.get(i);
            out.add(new RankedUnit(u.officeId(), u.code(), u.name(), u.nameEn(), i + 1, u.completion(),
                    u.repliedOnTime(), false));
        }
        out.addAll(without);
        return new Ranking(period, table, out);
    }

    /** How many places make the bottom of a ranking of {@code ranked} units. */
    public static int bottomSize(int ranked) {
        if (ranked < 2) return 0;
        return ranked >= TWO_AT_THE_BOTTOM_FROM ? 2 : 1;
    }

    /** {@code current} with the units flagged that are at the bottom of both it and {@code previous}. */
    public static Ranking flag(Ranking previous, Ranking current) {
        Set<Long> before = new HashSet<>();
        for (RankedUnit u : previous.bottom()) before.add(u.officeId());
        Set<Long> now = new HashSet<>();
        for (RankedUnit u : current.bottom()) now.add(u.officeId());
        List<RankedUnit> out = new ArrayList<>();
        for (RankedUnit u : current.units()) {
            out.add(u.withFlag(before.contains(u.officeId()) && now.contains(u.officeId())));
        }
        return new Ranking(current.period(), current.figures(), out);
    }

    /** Higher first; a rate with no value after every rate with one. */
    static int byRateDescending(Measure a, Measure b) {
        if (!a.hasValue() || !b.hasValue()) return Boolean.compare(!a.hasValue(), !b.hasValue());
        BigInteger left = BigInteger.valueOf(a.numerator()).multiply(BigInteger.valueOf(b.denominator()));
        BigInteger right = BigInteger.valueOf(b.numerator()).multiply(BigInteger.valueOf(a.denominator()));
        return right.compareTo(left);
    }

    private static final Comparator<RankedUnit> ORDER = ((Comparator<RankedUnit>) (a, b) ->
            byRateDescending(a.completion(), b.completion()))
            .thenComparing((a, b) -> byRateDescending(a.repliedOnTime(), b.repliedOnTime()))
            .thenComparing(Comparator.comparingLong(RankedUnit::items).reversed())
            .thenComparing(RankedUnit::code);
}
