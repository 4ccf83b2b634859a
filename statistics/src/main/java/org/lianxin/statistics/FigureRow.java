package org.lianxin.statistics;

import java.util.List;

/**
 * One row of a table: its key (an office id, {@code yyyy-MM}, a category, {@code own} for the office's own level, or
 * {@code total}), its label in Chinese and English, and one measure per {@link Figure}, in the enum's order.
 */
public record FigureRow(String key, String label, String labelEn, List<Measure> measures) {
    public FigureRow {
        measures = List.copyOf(measures);
    }

    public Measure get(Figure figure) {
        return measures.get(figure.ordinal());
    }
}
