package org.lianxin.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lianxin.statistics.Figure;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The baseline of {@code ./lianxin bench statistics}: the dashboard's table (each child office's subtree, the office's
 * own level, the total) as a person would write it by hand for PostgreSQL, without the module: the subtree's offices
 * mapped once to their child office, one statement per table with {@code FILTER} aggregates, a booking's events
 * folded in one pass, {@code GROUP BY ROLLUP} for the total. Its figures are checked against the module's in the
 * same run, so the two count the same rows.
 */
final class StatisticsBaseline {
    /** The group key of the office's own level; the total is {@code "total"}. */
    static final String OWN = "own";
    static final String TOTAL = "total";
    /** The figures it counts: the dashboard's, of bookings, matters, supervision items and replies. */
    static final java.util.List<Figure> FIGURES = java.util.List.of(Figure.RECEPTIONS_HELD, Figure.NO_SHOWS,
            Figure.LOBBY_WAIT, Figure.SESSION_LENGTH, Figure.MATTERS_ACCEPTED, Figure.REPLIED_ON_TIME, Figure.COMPLETION,
            Figure.SATISFACTION, Figure.PARTICIPATION, Figure.ITEMS_OPEN, Figure.ITEMS_OVERDUE, Figure.CLOSED_ON_TIME);

    private static final String KIDS = "with kids as (select o.id, coalesce(g.id, -1) as grp from office o "
            + "left join office g on g.parent_id = :root and o.path like g.path || '%' where o.path like :scope) ";
    private static final String HELD = "b.state in ('COMPLETED', 'INTERRUPTED')";

    private static final String BOOKINGS = KIDS
            + ", ev as (select e.booking_id, min(e.at) filter (where e.kind = 'CHECKED_IN') as ci, "
            + "min(e.at) filter (where e.kind = 'IN_SESSION') as si, "
            + "min(e.at) filter (where e.kind in ('COMPLETED', 'INTERRUPTED')) as se "
            + "from booking_event e join booking b on b.id = e.booking_id join terminal t on t.id = b.terminal_id "
            + "join kids k on k.id = t.office_id where b.starts_at >= :start and b.starts_at < :end "
            + "group by e.booking_id) "
            + "select k.grp, count(*) filter (where " + HELD + ") as held, "
            + "count(*) filter (where b.state = 'NO_SHOW') as no_show, "
            + "count(*) filter (where " + HELD + " or b.state = 'NO_SHOW') as held_or_no_show, "
            + "sum(extract(epoch from ev.si) - extract(epoch from ev.ci)) filter (where " + HELD
            + " and ev.ci is not null and ev.si is not null) as wait_s, "
            + "count(*) filter (where " + HELD + " and ev.ci is not null and ev.si is not null) as waits, "
            + "sum(extract(epoch from ev.se) - extract(epoch from ev.si)) filter (where " + HELD
            + " and ev.si is not null and ev.se is not null) as length_s, "
            + "count(*) filter (where " + HELD + " and ev.si is not null and ev.se is not null) as lengths "
            + "from booking b join terminal t on t.id = b.terminal_id join kids k on k.id = t.office_id "
            + "left join ev on ev.booking_id = b.id where b.starts_at >= :start and b.starts_at < :end "
            + "group by rollup (k.grp)";

    private static final String CASES = KIDS + "select k.grp, count(*) as accepted from case_file c "
            + "join kids k on k.id = c.office_id where c.created_at >= :start and c.created_at < :end "
            + "group by rollup (k.grp)";

    private static final String DUE = "i.deadline between :from and :to";
    private static final String ACCEPTED = "i.accepted_on between :from and :to";
    private static final String COMPLETED_IN = "i.completed_at >= :start and i.completed_at < :end";
    private static final String ITEMS = KIDS + "select k.grp, "
            + counts(DUE, "due", DUE + " and r.first_at <= i.due_at", "due_replied", ACCEPTED, "accepted",
                    COMPLETED_IN, "completed", ACCEPTED + " and i.state <> 'COMPLETED'", "open",
                    ACCEPTED + " and i.state in ('PENDING_SIGN', 'IN_PROGRESS', 'RETURNED') and i.due_at < :now",
                    "overdue", COMPLETED_IN + " and r.last_at <= i.due_at", "closed_on_time")
            + " from sv_item i join kids k on k.id = i.unit_office_id "
            + "left join lateral (select min(x.at) as first_at, max(x.at) as last_at from sv_reply x "
            + "where x.item_id = i.id) r on true "
            + "where " + DUE + " or " + ACCEPTED + " or " + COMPLETED_IN + " group by rollup (k.grp)";

    private static final String REPLIED = "r.at >= :start and r.at < :end";
    private static final String EVALUATED = "e.at >= :start and e.at < :end";
    private static final String REPLIES = KIDS + "select k.grp, "
            + counts(REPLIED, "replied", REPLIED + " and e.id is not null", "replied_evaluated", EVALUATED, "evaluated",
                    EVALUATED + " and e.result in ('SATISFIED', 'BASICALLY_SATISFIED')", "satisfied")
            + " from sv_reply r join sv_item i on i.id = r.item_id join kids k on k.id = i.unit_office_id "
            + "left join sv_evaluation e on e.id = r.evaluation_id "
            + "where (" + REPLIED + ") or (" + EVALUATED + ") group by rollup (k.grp)";

    /** {@code count(*) filter (where condition) as name, …} of condition, name pairs. */
    private static String counts(String... conditionsAndNames) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < conditionsAndNames.length; i += 2) {
            if (i > 0) out.append(", ");
            out.append("count(*) filter (where ").append(conditionsAndNames[i]).append(") as ")
                    .append(conditionsAndNames[i + 1]);
        }
        return out.toString();
    }

    private final JdbcClient jdbc;

    StatisticsBaseline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Each group's figures as {numerator, denominator} in {@link Figure}'s order: keyed by child office id,
     * {@link #OWN} and {@link #TOTAL}.
     */
    Map<String, long[][]> table(long rootId, String rootPath, Instant start, Instant end, LocalDate from,
                                LocalDate to, Instant now) {
        Map<String, long[][]> out = new LinkedHashMap<>();
        query(BOOKINGS, rootId, rootPath, start, end, from, to, now, (k, rs) -> {
            put(out, k, Figure.RECEPTIONS_HELD, rs.getLong("held"), 1);
            put(out, k, Figure.NO_SHOWS, rs.getLong("no_show"), rs.getLong("held_or_no_show"));
            put(out, k, Figure.LOBBY_WAIT, whole(rs, "wait_s"), rs.getLong("waits"));
            put(out, k, Figure.SESSION_LENGTH, whole(rs, "length_s"), rs.getLong("lengths"));
        });
        query(CASES, rootId, rootPath, start, end, from, to, now,
                (k, rs) -> put(out, k, Figure.MATTERS_ACCEPTED, rs.getLong("accepted"), 1));
        query(ITEMS, rootId, rootPath, start, end, from, to, now, (k, rs) -> {
            put(out, k, Figure.REPLIED_ON_TIME, rs.getLong("due_replied"), rs.getLong("due"));
            put(out, k, Figure.COMPLETION, rs.getLong("completed"), rs.getLong("accepted"));
            put(out, k, Figure.ITEMS_OPEN, rs.getLong("open"), 1);
            put(out, k, Figure.ITEMS_OVERDUE, rs.getLong("overdue"), 1);
            put(out, k, Figure.CLOSED_ON_TIME, rs.getLong("closed_on_time"), rs.getLong("completed"));
        });
        query(REPLIES, rootId, rootPath, start, end, from, to, now, (k, rs) -> {
            put(out, k, Figure.PARTICIPATION, rs.getLong("replied_evaluated"), rs.getLong("replied"));
            put(out, k, Figure.SATISFACTION, rs.getLong("satisfied"), rs.getLong("evaluated"));
        });
        return out;
    }

    private interface Row {
        void accept(String key, ResultSet rs) throws SQLException;
    }

    private void query(String sql, long rootId, String rootPath, Instant start, Instant end, LocalDate from,
                       LocalDate to, Instant now, Row row) {
        if (!rootPath.matches("/([0-9]+/)*")) throw new IllegalArgumentException("not an office path: " + rootPath);
        // plain SQL: the values written in as literals, so that PostgreSQL plans every run for its own range and
        // office (bound parameters let it settle on a generic plan after five runs; see BENCHMARKS.md)
        String text = sql.replace(":root", Long.toString(rootId)).replace(":scope", "'" + rootPath + "%'")
                .replace(":start", ts(start)).replace(":end", ts(end)).replace(":from", "date '" + from + "'")
                .replace(":to", "date '" + to + "'").replace(":now", ts(now));
        jdbc.sql(text).query((RowCallbackHandler) rs -> {
            long grp = rs.getLong("grp");
            String key = rs.wasNull() ? TOTAL : grp == -1 ? OWN : Long.toString(grp);
            row.accept(key, rs);
        });
    }

    private static void put(Map<String, long[][]> out, String key, Figure f, long numerator, long denominator) {
        out.computeIfAbsent(key, k -> emptyRow())[f.ordinal()] = new long[] {numerator, denominator};
    }

    /** A group with no rows: counts 0, rates and averages without data. */
    static long[][] emptyRow() {
        long[][] row = new long[Figure.values().length][];
        for (Figure f : Figure.values()) row[f.ordinal()] = new long[] {0, f.kind() == Figure.Kind.COUNT ? 1 : 0};
        return row;
    }

    private static long whole(ResultSet rs, String column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? 0 : v.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String ts(Instant instant) {
        return "timestamp with time zone '" + instant.atOffset(ZoneOffset.UTC) + "'";
    }
}
