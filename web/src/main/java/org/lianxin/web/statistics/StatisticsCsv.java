package org.lianxin.web.statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.statistics.Figure;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.Measure;

/**
 * A figure table as CSV (RFC 4180, CRLF) in UTF-8 with a byte order mark, so that Excel opens the Chinese right: a
 * header in the chosen language, then one line per row and the total, each figure as value, numerator and denominator
 * — the same numbers as the JSON. A value with no data is an empty cell. A cell that a spreadsheet would take for a
 * formula (starting with = + - @) is prefixed with an apostrophe.
 */
final class StatisticsCsv {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private StatisticsCsv() {
    }

    static byte[] of(FigureTable t, boolean english) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add(english ? "Key" : "编号");
        header.add(english ? "Group" : "分组");
        for (Figure f : Figure.values()) {
            String label = f.label(english);
            header.add(label);
            header.add(label + (english ? " (numerator)" : "（分子）"));
            header.add(label + (english ? " (denominator)" : "（分母）"));
        }
        line(out, header);
        for (FigureRow r : t.rows()) line(out, row(r, english));
        line(out, row(t.total(), english));
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    private static List<String> row(FigureRow r, boolean english) {
        List<String> cells = new ArrayList<>();
        cells.add(r.key());
        cells.add(english ? r.labelEn() : r.label());
        for (Measure m : r.measures()) {
            cells.add(m.hasValue() ? m.value().toPlainString() : "");
            cells.add(Long.toString(m.numerator()));
            cells.add(Long.toString(m.denominator()));
        }
        return cells;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) v = "'" + v;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
