package org.lianxin.statistics.internal;

import java.util.List;

/**
 * The aggregate SQL behind {@link org.lianxin.statistics.Figure}, one statement per source table, portable between
 * PostgreSQL and H2. Each source names the path of the office a row belongs to ({@code PATH}) and its category
 * ({@code CATEGORY}); {@link FigureSql} adds the scope, the grouping and the parameters {@code :start}/{@code :end}
 * (instants, end exclusive), {@code :from}/{@code :to} (dates, inclusive) and {@code :now}.
 */
final class Sources {
    private Sources() {
    }

    /**
     * A source: its FROM and WHERE (before the scope), the office path and category expressions, its sums, and the
     * join the category expression needs (added only when grouping by category).
     */
    record Source(String from, String where, String path, String category, List<String> sums, String categoryJoin) {
        Source(String from, String where, String path, String category, List<String> sums) {
            this(from, where, path, category, sums, "");
        }
    }

    private static final String HELD = "b.state in ('COMPLETED', 'INTERRUPTED')";

    private static String seconds(String later, String earlier) {
        return "extract(epoch from " + later + ") - extract(epoch from " + earlier + ")";
    }

    /**
     * A booking's first check-in ({@code ev.ci}), first start ({@code ev.si}) and first end ({@code ev.se}), read in
     * one pass over the events of the bookings starting in the range at a terminal of the subtree (a city reads its
     * own bookings' events, not the province's).
     */
    private static final String EVENTS = "left join (select booking_id, "
            + "min(case when kind = 'CHECKED_IN' then at end) as ci, "
            + "min(case when kind = 'IN_SESSION' then at end) as si, "
            + "min(case when kind in ('COMPLETED', 'INTERRUPTED') then at end) as se from booking_event "
            + "where kind in ('CHECKED_IN', 'IN_SESSION', 'COMPLETED', 'INTERRUPTED') "
            + "and booking_id in (select b2.id from booking b2 join terminal t2 on t2.id = b2.terminal_id "
            + "join office o2 on o2.id = t2.office_id where b2.starts_at >= :start and b2.starts_at < :end "
            + "and o2.path like :scope) "
            + "group by booking_id) ev on ev.booking_id = b.id ";

    /**
     * Bookings starting in the range at a terminal of the subtree: receptions, no-shows, waits, lengths. (A booking
     * always has its case: {@code case_id} is not null and a foreign key, so the case is joined only for the category.)
     */
    static final Source BOOKINGS = new Source(
            "booking b join terminal t on t.id = b.terminal_id join office o on o.id = t.office_id " + EVENTS,
            "b.starts_at >= :start and b.starts_at < :end", "o.path", "c.category",
            List.of("case when " + HELD + " then 1 else 0 end",
                    "case when b.state = 'NO_SHOW' then 1 else 0 end",
                    "case when " + HELD + " or b.state = 'NO_SHOW' then 1 else 0 end",
                    "case when " + HELD + " and ev.ci is not null and ev.si is not null then "
                            + seconds("ev.si", "ev.ci") + " else 0 end",
                    "case when " + HELD + " and ev.ci is not null and ev.si is not null then 1 else 0 end",
                    "case when " + HELD + " and ev.si is not null and ev.se is not null then "
                            + seconds("ev.se", "ev.si") + " else 0 end",
                    "case when " + HELD + " and ev.si is not null and ev.se is not null then 1 else 0 end"),
            " join case_file c on c.id = b.case_id");

    /** Matters registered in the range by an office of the subtree. */
    static final Source CASES = new Source("case_file c join office o on o.id = c.office_id",
            "c.created_at >= :start and c.created_at < :end", "o.path", "c.category", List.of("1"));

    private static final String UNREPLIED = "i.state in ('PENDING_SIGN', 'IN_PROGRESS', 'RETURNED')";
    private static final String ACCEPTED = "i.accepted_on between :from and :to";
    private static final String DUE = "i.deadline between :from and :to";
    private static final String COMPLETED_IN = "i.completed_at >= :start and i.completed_at < :end";

    /**
     * Supervision items of a unit of the subtree, due, accepted or completed in the range, with their first and last
     * reply. A completion counts in the range it happened in ({@code completed_at}, recorded by the supervision module).
     */
    static final Source ITEMS = new Source(
            "sv_item i left join (select item_id, min(at) as first_at, max(at) as last_at from sv_reply "
                    + "where item_id in (select id from sv_item where (deadline between :from and :to "
                    + "or accepted_on between :from and :to or (completed_at >= :start and completed_at < :end)) "
                    + "and unit_path like :scope) group by item_id) r on r.item_id = i.id",
            "(" + DUE + " or " + ACCEPTED + " or " + COMPLETED_IN + ")", "i.unit_path", "i.category",
            List.of("case when " + DUE + " then 1 else 0 end",
                    "case when " + DUE + " and r.first_at <= i.due_at then 1 else 0 end",
                    "case when " + ACCEPTED + " then 1 else 0 end",
                    "case when " + COMPLETED_IN + " then 1 else 0 end",
                    "case when " + ACCEPTED + " and i.state <> 'COMPLETED' then 1 else 0 end",
                    "case when " + ACCEPTED + " and " + UNREPLIED + " and i.due_at < :now then 1 else 0 end",
                    "case when " + COMPLETED_IN + " and r.last_at <= i.due_at then 1 else 0 end"));

    private static final String REPLIED = "r.at >= :start and r.at < :end";
    private static final String EVALUATED = "e.at >= :start and e.at < :end";

    /** Replies to items of a unit of the subtree, given or evaluated in the range. */
    static final Source REPLIES = new Source(
            "sv_reply r join sv_item i on i.id = r.item_id left join sv_evaluation e on e.id = r.evaluation_id",
            "(" + REPLIED + " or " + EVALUATED + ")", "i.unit_path", "i.category",
            List.of("case when " + REPLIED + " then 1 else 0 end",
                    "case when " + REPLIED + " and e.id is not null then 1 else 0 end",
                    "case when " + EVALUATED + " then 1 else 0 end",
                    "case when " + EVALUATED + " and e.result in ('SATISFIED', 'BASICALLY_SATISFIED') then 1 else 0 end"));

    private static final String SCORED = "s.at >= :start and s.at < :end";

    /**
     * Third-party scores (evaluation module, {@code ev_score}) given in the range to items of a unit of the subtree:
     * the sum of the four marks of each score, and four marks per score.
     */
    static final Source SCORES = new Source("ev_score s join sv_item i on i.id = s.item_id", SCORED, "i.unit_path",
            "i.category", List.of("s.legality + s.timeliness + s.attitude + s.outcome", "4"));
}
