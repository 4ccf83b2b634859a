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

    /** A source: its FROM and WHERE (before the scope), the office path and category expressions, its sums. */
    record Source(String from, String where, String path, String category, List<String> sums) {
    }

    private static final String HELD = "b.state in ('COMPLETED', 'INTERRUPTED')";

    private static String seconds(String later, String earlier) {
        return "extract(epoch from " + later + ") - extract(epoch from " + earlier + ")";
    }

    private static String firstEvent(String alias, String kinds) {
        return "left join (select booking_id, min(at) as at from booking_event where kind in (" + kinds + ") "
                + "and booking_id in (select id from booking where starts_at >= :start and starts_at < :end) "
                + "group by booking_id) " + alias + " on " + alias + ".booking_id = b.id ";
    }

    /** Bookings starting in the range at a terminal of the subtree: receptions, no-shows, waits, lengths. */
    static final Source BOOKINGS = new Source(
            "booking b join terminal t on t.id = b.terminal_id join office o on o.id = t.office_id "
                    + "join case_file c on c.id = b.case_id "
                    + firstEvent("ci", "'CHECKED_IN'") + firstEvent("si", "'IN_SESSION'")
                    + firstEvent("se", "'COMPLETED', 'INTERRUPTED'"),
            "b.starts_at >= :start and b.starts_at < :end", "o.path", "c.category",
            List.of("case when " + HELD + " then 1 else 0 end",
                    "case when b.state = 'NO_SHOW' then 1 else 0 end",
                    "case when " + HELD + " or b.state = 'NO_SHOW' then 1 else 0 end",
                    "case when " + HELD + " and ci.at is not null and si.at is not null then "
                            + seconds("si.at", "ci.at") + " else 0 end",
                    "case when " + HELD + " and ci.at is not null and si.at is not null then 1 else 0 end",
                    "case when " + HELD + " and si.at is not null and se.at is not null then "
                            + seconds("se.at", "si.at") + " else 0 end",
                    "case when " + HELD + " and si.at is not null and se.at is not null then 1 else 0 end"));

    /** Matters registered in the range by an office of the subtree. */
    static final Source CASES = new Source("case_file c join office o on o.id = c.office_id",
            "c.created_at >= :start and c.created_at < :end", "o.path", "c.category", List.of("1"));

    private static final String UNREPLIED = "i.state in ('PENDING_SIGN', 'IN_PROGRESS', 'RETURNED')";
    private static final String ACCEPTED = "i.accepted_on between :from and :to";
    private static final String DUE = "i.deadline between :from and :to";

    /** Supervision items of a unit of the subtree, due or accepted in the range, with their first and last reply. */
    static final Source ITEMS = new Source(
            "sv_item i left join (select item_id, min(at) as first_at, max(at) as last_at from sv_reply "
                    + "where item_id in (select id from sv_item where deadline between :from and :to "
                    + "or accepted_on between :from and :to) group by item_id) r on r.item_id = i.id",
            "(" + DUE + " or " + ACCEPTED + ")", "i.unit_path", "i.category",
            List.of("case when " + DUE + " then 1 else 0 end",
                    "case when " + DUE + " and r.first_at <= i.due_at then 1 else 0 end",
                    "case when " + ACCEPTED + " then 1 else 0 end",
                    "case when " + ACCEPTED + " and i.state = 'COMPLETED' then 1 else 0 end",
                    "case when " + ACCEPTED + " and i.state <> 'COMPLETED' then 1 else 0 end",
                    "case when " + ACCEPTED + " and " + UNREPLIED + " and i.due_at < :now then 1 else 0 end",
                    "case when " + ACCEPTED + " and i.state = 'COMPLETED' and r.last_at <= i.due_at then 1 else 0 end"));

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
