package org.lianxin.statistics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lianxin.scheduler.Office;
import org.lianxin.statistics.Figure;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.Measure;

/** From the sources' sums to the figures: which sum is which figure's numerator and denominator. */
final class Rows {
    private Rows() {
    }

    /** The five sources' sums of one statement each, by group key. */
    record Sums(Map<String, long[]> bookings, Map<String, long[]> cases, Map<String, long[]> items,
                Map<String, long[]> replies, Map<String, long[]> scores) {
        Set<String> keys() {
            Set<String> keys = new TreeSet<>(bookings.keySet());
            keys.addAll(cases.keySet());
            keys.addAll(items.keySet());
            keys.addAll(replies.keySet());
            keys.addAll(scores.keySet());
            return keys;
        }
    }

    static FigureRow row(String key, String label, String labelEn, Sums sums, String group) {
        long[] b = of(sums.bookings(), group, Sources.BOOKINGS);
        long[] c = of(sums.cases(), group, Sources.CASES);
        long[] i = of(sums.items(), group, Sources.ITEMS);
        long[] r = of(sums.replies(), group, Sources.REPLIES);
        long[] s = of(sums.scores(), group, Sources.SCORES);
        List<Measure> m = new ArrayList<>();
        for (Figure f : Figure.values()) m.add(measure(f, b, c, i, r, s));
        return new FigureRow(key, label, labelEn, m);
    }

    private static Measure measure(Figure f, long[] b, long[] c, long[] i, long[] r, long[] s) {
        switch (f) {
            case RECEPTIONS_HELD: return Measure.of(f, b[0], 1);
            case NO_SHOWS: return Measure.of(f, b[1], b[2]);
            case LOBBY_WAIT: return Measure.of(f, b[3], b[4]);
            case SESSION_LENGTH: return Measure.of(f, b[5], b[6]);
            case MATTERS_ACCEPTED: return Measure.of(f, c[0], 1);
            case REPLIED_ON_TIME: return Measure.of(f, i[1], i[0]);
            case COMPLETION: return Measure.of(f, i[3], i[2]);
            case ITEMS_OPEN: return Measure.of(f, i[4], 1);
            case ITEMS_OVERDUE: return Measure.of(f, i[5], 1);
            case CLOSED_ON_TIME: return Measure.of(f, i[6], i[3]);
            case PARTICIPATION: return Measure.of(f, r[1], r[0]);
            case SATISFACTION: return Measure.of(f, r[3], r[2]);
            case THIRD_PARTY_SCORE: return Measure.of(f, s[0], s[1]);
            default: throw new IllegalStateException("no source for " + f);
        }
    }

    /**
     * The office's own level (本级): what belongs to the office itself and not to a child — the total less the
     * children's rows (each child's subtree is disjoint from the others').
     */
    static FigureRow own(Office office, FigureRow total, List<FigureRow> children) {
        List<Measure> m = new ArrayList<>();
        for (Figure f : Figure.values()) {
            long num = total.get(f).numerator();
            long den = total.get(f).denominator();
            for (FigureRow child : children) {
                num -= child.get(f).numerator();
                if (f.kind() != Figure.Kind.COUNT) den -= child.get(f).denominator();
            }
            m.add(Measure.of(f, num, den));
        }
        return new FigureRow("own", "本级（" + office.name() + "）", "Own level (" + (office.nameEn() == null
                ? office.name() : office.nameEn()) + ")", m);
    }

    private static long[] of(Map<String, long[]> sums, String group, Sources.Source source) {
        long[] v = sums.get(group);
        return v == null ? new long[source.sums().size()] : v;
    }
}
