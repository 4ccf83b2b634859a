package org.lianxin.web.statistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.statistics.Figure;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.Measure;

/**
 * A figure table as JSON: the office and range, each figure's definition (Chinese and English), then the rows and the
 * total with every measure's numerator, denominator and value (null when there is no data).
 */
record StatisticsJson(OfficeJson office, String zone, LocalDate from, LocalDate to, String groupBy,
                      List<FigureJson> figures, List<RowJson> rows, RowJson total) {

    record OfficeJson(long id, String code, String name, String nameEn, String level) {
    }

    record FigureJson(String key, String kind, String label, String labelEn, String definition,
                      String definitionEn) {
    }

    record MeasureJson(String figure, long numerator, long denominator, BigDecimal value) {
    }

    record RowJson(String key, String label, String labelEn, List<MeasureJson> figures) {
    }

    static StatisticsJson of(FigureTable t) {
        List<FigureJson> figures = new ArrayList<>();
        for (Figure f : Figure.values()) {
            figures.add(new FigureJson(f.name(), f.kind().name(), f.label(false), f.label(true), f.definition(false),
                    f.definition(true)));
        }
        List<RowJson> rows = new ArrayList<>();
        for (FigureRow r : t.rows()) rows.add(row(r));
        var o = t.office();
        return new StatisticsJson(new OfficeJson(o.id(), o.code(), o.name(), o.nameEn(), o.level().name()), t.zone(),
                t.query().from(), t.query().to(), t.query().groupBy().name(), figures, rows, row(t.total()));
    }

    private static RowJson row(FigureRow r) {
        List<MeasureJson> measures = new ArrayList<>();
        for (Measure m : r.measures()) {
            measures.add(new MeasureJson(m.figure().name(), m.numerator(), m.denominator(), m.value()));
        }
        return new RowJson(r.key(), r.label(), r.labelEn(), measures);
    }
}
