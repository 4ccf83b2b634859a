package org.lianxin.statistics.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The matters of {@link StatisticsData}: cases, their bookings with events, their items with replies and evaluations,
 * and the third-party scores of completed items ({@link ThirdPartyScores}).
 */
final class Matters {
    private static final int CHUNK = 5000;
    private final StatisticsData d;
    private final Random random;
    private final List<Object[]> cases = new ArrayList<>();
    private final List<Object[]> bookings = new ArrayList<>();
    private final List<Object[]> events = new ArrayList<>();
    private final List<Object[]> items = new ArrayList<>();
    private final List<Object[]> replies = new ArrayList<>();
    private final List<Object[]> evaluations = new ArrayList<>();
    private final ThirdPartyScores scores;

    Matters(StatisticsData d, long provinceId, String provincePath) {
        this.d = d;
        this.random = d.random();
        this.scores = new ThirdPartyScores(d, provinceId, provincePath);
    }

    /**
     * Every office's matters, written a few thousand at a time (a province's year is well over a million rows; held
     * all at once they would need gigabytes), each chunk table by table in the order the foreign keys need.
     */
    void write() {
        for (int o = 0; o < d.officeRows().size(); o++) {
            for (int m = 0; m < d.shape().mattersPerOffice(); m++) matter(o);
            if (cases.size() >= CHUNK) flush();
        }
        flush();
        scores.write(this); // after every item: the draws and scores refer to items of any chunk
    }

    private void flush() {
        insert("insert into case_file (id, case_number, petitioner_name, id_hash, id_salt, id_masked, subject, "
                + "category, office_id, status, created_at) values (?,?,?,?,?,?,?,?,?,?,?)", cases);
        insert("insert into booking (id, code, case_id, official_id, terminal_id, starts_at, ends_at, busy_until, "
                + "state, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?)", bookings);
        insert("insert into booking_event (id, booking_id, at, kind, actor) values (?,?,?,?,?)", events);
        insert("insert into sv_evaluation (id, case_id, result, channel, recorded_by, at) values (?,?,?,?,?,?)",
                evaluations);
        insert("insert into sv_item (id, number, kind, state, case_id, case_number, case_subject, category, "
                + "unit_office_id, unit_path, supervising_office_id, supervising_path, zone, accepted_on, deadline, "
                + "due_at, requires_report, title, created_by, created_at, completed_at) "
                + "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", items);
        insert("insert into sv_reply (id, item_id, text, at, by_user, evaluation_id) values (?,?,?,?,?,?)", replies);
        for (List<Object[]> written : List.of(cases, bookings, events, evaluations, items, replies)) written.clear();
    }

    void insert(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 1000) {
            List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + 1000));
            d.jdbc().batchUpdate(sql, batch, batch.size(),
                    (ps, row) -> StatisticsData.set(ps, row));
        }
    }

    private void matter(int officeIndex) {
        long[] row = d.officeRows().get(officeIndex);
        long office = row[0];
        long id = d.nextCase();
        String category = StatisticsData.CATEGORIES.get(random.nextInt(StatisticsData.CATEGORIES.size()));
        LocalDate registered = d.day();
        Instant created = d.during(registered);
        cases.add(new Object[] {id, "GEN-" + id, "王某" + id, "h" + id, "s", "5101********" + (id % 10000),
            "事项" + id, category, office, "OPEN", StatisticsData.ts(created)});
        int nBookings = random.nextInt(3);
        for (int i = 0; i < nBookings; i++) booking(id, row[2], row[3], registered.plusDays(random.nextInt(20)));
        int nItems = random.nextInt(3);
        List<Integer> units = d.subtreeOf(officeIndex);
        for (int i = 0; i < nItems; i++) {
            int unit = units.get(random.nextInt(units.size()));
            item(id, category, d.officeRows().get(unit)[0], d.path(unit), office, d.path(officeIndex),
                    registered.plusDays(random.nextInt(10)));
        }
    }

    private void booking(long caseId, long official, long terminal, LocalDate day) {
        long id = d.nextBooking();
        String state = d.bookingState();
        Instant starts = d.during(day);
        Instant ends = starts.plusSeconds(1800);
        bookings.add(new Object[] {id, "B" + id, caseId, official, terminal, StatisticsData.ts(starts),
            StatisticsData.ts(ends), StatisticsData.ts(ends.plusSeconds(600)), state, "gen",
            StatisticsData.ts(starts.minusSeconds(86_400))});
        event(id, starts.minusSeconds(86_400), "BOOKED");
        if (state.equals("BOOKED") || state.equals("CANCELLED") || state.equals("NO_SHOW")) {
            if (!state.equals("BOOKED")) event(id, starts.plusSeconds(random.nextInt(3600)), state);
            return;
        }
        Instant checkedIn = starts.minusSeconds(random.nextInt(900));
        if (random.nextInt(8) != 0) event(id, checkedIn, "CHECKED_IN"); // some check-ins were never recorded
        if (state.equals("CHECKED_IN")) return;
        Instant started = checkedIn.plusSeconds(random.nextInt(1200));
        event(id, started, "IN_SESSION");
        if (state.equals("IN_SESSION")) return;
        event(id, started.plusSeconds(300 + random.nextInt(2400)), state);
    }

    private void event(long bookingId, Instant at, String kind) {
        events.add(new Object[] {d.nextEvent(), bookingId, StatisticsData.ts(at), kind, "gen"});
    }

    private void item(long caseId, String category, long unit, String unitPath, long supervisor,
                      String supervisorPath, LocalDate accepted) {
        long id = d.nextItem();
        String state = d.itemState();
        LocalDate deadline = accepted.plusDays(15 + (random.nextInt(4) == 0 ? 15 : 0)); // a quarter extended
        Instant due = deadline.plusDays(1).atStartOfDay(StatisticsData.ZONE).toInstant().minusSeconds(1);
        Object[] row = new Object[] {id, "DB" + id, "ASSIGNMENT", state, caseId, "GEN-" + caseId, "事项" + caseId,
            category, unit, unitPath, supervisor, supervisorPath, StatisticsData.ZONE.getId(), accepted, deadline,
            StatisticsData.ts(due), false, "督办" + id, "gen", StatisticsData.ts(d.during(accepted)), null};
        items.add(row);
        if (state.equals("PENDING_SIGN") || state.equals("IN_PROGRESS")) return;
        int n = state.equals("COMPLETED") ? 1 + random.nextInt(2) : 1;
        Instant at = d.during(accepted.plusDays(random.nextInt(25)));
        Instant last = at;
        for (int i = 0; i < n; i++) {
            Long evaluation = null;
            if (random.nextInt(3) != 0) {
                evaluation = d.nextEvaluation();
                evaluations.add(new Object[] {evaluation, caseId, d.result(), random.nextBoolean() ? "KIOSK" : "PHONE",
                    "gen", StatisticsData.ts(at.plusSeconds(random.nextInt(7 * 86_400)))});
            }
            replies.add(new Object[] {d.nextReply(), id, "答复" + id, StatisticsData.ts(at), "gen", evaluation});
            last = at;
            at = at.plusSeconds(86_400L * (1 + random.nextInt(10)));
        }
        if (state.equals("COMPLETED")) {
            // the supervising office accepts the last reply within a week (its completion: 办结)
            row[row.length - 1] = StatisticsData.ts(last.plusSeconds(random.nextInt(7 * 86_400)));
            scores.completed(id, unit, unitPath, last);
        }
    }
}
