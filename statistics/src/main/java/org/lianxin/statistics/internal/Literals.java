package org.lianxin.statistics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The parameters of a figure statement written into its text as typed SQL literals, not bound. Why: PostgreSQL plans a
 * statement that the JDBC driver has prepared on the server (from its fifth run on a connection) once for any
 * parameters after five runs, when that generic plan looks cheaper — and for these aggregates it does, because without
 * the dates and the path it guesses a handful of rows: nested loops over a year of a province. Measured by
 * {@code ./lianxin bench statistics}: the supervision items' statement went from about 3 s to over 3 minutes
 * after a few runs on the same connection (BENCHMARKS.md, "statistics"). With literals every run is planned for its own range and office.
 * Only typed values are written: dates, instants (UTC, microseconds, as the databases store them), a whole number,
 * and an office path checked to be digits and slashes — nothing a user typed reaches the text.
 */
final class Literals {
    private static final Pattern PATH = Pattern.compile("/([0-9]+/)*");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private Literals() {
    }

    /**
     * {@code sql} with {@code :scope} (the root's path and {@code %}), {@code :root}, {@code :start}, {@code :end},
     * {@code :from}, {@code :to} and {@code :now} replaced by literals of {@code w}.
     */
    static String inline(String sql, FigureSql.Window w) {
        if (!PATH.matcher(w.rootPath()).matches()) {
            throw new IllegalArgumentException("not an office path: " + w.rootPath());
        }
        Map<String, String> values = new TreeMap<>();
        values.put(":scope", "'" + w.rootPath() + "%'");
        values.put(":root", Long.toString(w.rootId()));
        values.put(":start", timestamp(w.start()));
        values.put(":end", timestamp(w.end()));
        values.put(":from", date(w.from()));
        values.put(":to", date(w.to()));
        values.put(":now", timestamp(w.now()));
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isLetterOrDigit(sql.charAt(end))) end++;
                String value = values.get(sql.substring(i, end));
                if (value == null) throw new IllegalArgumentException("no value for " + sql.substring(i, end));
                out.append(value);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String date(LocalDate day) {
        return "date '" + day + "'";
    }

    static String timestamp(Instant instant) {
        return "timestamp with time zone '" + TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MICROS)
                .atOffset(ZoneOffset.UTC)) + "'";
    }
}
