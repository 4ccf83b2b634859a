package org.lianxin.statistics;

import java.util.List;
import org.lianxin.scheduler.Office;

/** The answer to a {@link FigureQuery}: its rows in a stable order, then the total for the office's subtree. */
public record FigureTable(FigureQuery query, Office office, String zone, List<FigureRow> rows, FigureRow total) {
    public FigureTable {
        rows = List.copyOf(rows);
    }
}
