package org.lianxin.reports;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.statistics.Figure;
import org.lianxin.statistics.FigureQuery;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.GroupBy;
import org.lianxin.statistics.Measure;

/** Hand-made figure tables for the pure rules: units with completion, reply-on-time, in a month. */
final class Tables {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Office CITY = new Office(1, "C01", "市信访局", "City office", OfficeLevel.CITY, null, "/1/", ZONE);

    final List<Office> units = new ArrayList<>();
    final List<FigureRow> rows = new ArrayList<>();

    /** A unit: completed/items; replied on time/due (due 0: no reply-on-time data; items 0: no data). */
    Tables unit(long id, String code, long completed, long items, long onTime, long due) {
        units.add(new Office(id, code, "单位" + code, "Unit " + code, OfficeLevel.COUNTY, 1L, "/1/" + id + "/", ZONE));
        List<Measure> measures = new ArrayList<>();
        for (Figure f : Figure.values()) {
            if (f == Figure.COMPLETION) measures.add(Measure.of(f, completed, items));
            else if (f == Figure.REPLIED_ON_TIME) measures.add(Measure.of(f, onTime, due));
            else measures.add(Measure.of(f, 0, 0));
        }
        rows.add(new FigureRow(Long.toString(id), "单位" + code, "Unit " + code, measures));
        return this;
    }

    Ranking rank(YearMonth month) {
        List<Measure> zero = new ArrayList<>();
        for (Figure f : Figure.values()) zero.add(Measure.of(f, 0, 0));
        List<FigureRow> all = new ArrayList<>(rows);
        all.add(new FigureRow("own", "本级", "Own level", zero));
        Period p = Period.month(month);
        FigureTable t = new FigureTable(new FigureQuery(1, p.from(), p.to(), GroupBy.OFFICE_CHILDREN), CITY,
                ZONE.getId(), all, new FigureRow("total", "合计", "Total", zero));
        return RankingRule.rank(p, t, units);
    }

    static List<String> codes(List<RankedUnit> units) {
        return units.stream().map(RankedUnit::code).toList();
    }
}
