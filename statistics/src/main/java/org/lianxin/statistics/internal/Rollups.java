package org.lianxin.statistics.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code st_rollup} (and its sums by office, {@code st_rollup_office}) equal to the direct sums. Built for a
 * horizon of months around now (the last {@link #HISTORY} months and the next {@link #AHEAD}); before each read, the offices whose facts changed since the
 * last refresh are recomputed: a change is a new row of a fact table or of a history — every change of a booking
 * writes a {@code booking_event}, every change of a supervision item a {@code sv_history} row, an evaluation a new
 * {@code sv_evaluation} row — found by the tables' ids above the stored high-water marks. Third-party scores (no id)
 * are counted; when their number changed, the scores' sums are recomputed whole (a small table). Overdue items are
 * counted at the build's instant ({@code as_of}); the read adds those that fell due since. The whole is rebuilt when
 * the month changes the horizon, when more than {@link #MAX_OFFICES} offices changed, and after {@code maxAge}. A
 * booking moved to another office's terminal leaves nothing stale: only a BOOKED booking can be moved, and it counts
 * in no sum.
 *
 * <p>Ids are not committed in their order: a transaction that took id 100 may commit after one that took 101, so the
 * highest id seen is not a point below which every row is visible. Three sets of marks handle that: <em>settled</em>
 * (every row up to them is in the sums), <em>last</em> (seen by the last refresh) and <em>pending</em> (seen at
 * {@code pendingAt}). A refresh recomputes the offices of every row above the settled marks — rows already counted
 * are counted again, which changes nothing — so a row that committed late is found at a later refresh. Once
 * {@link #SETTLE} has passed since {@code pendingAt}, every transaction that had taken an id by then has ended, so the
 * pending marks become the settled ones. A read does not refresh while the marks are the last ones seen, unless
 * pending marks are due to settle: a row committed out of order shows at the latest one {@link #SETTLE} after it was
 * written. (A transaction still open during a whole rebuild is found only by the next rebuild, after {@code maxAge}
 * at most; a write transaction longer than {@link #SETTLE} likewise.)
 */
final class Rollups {
    static final int HISTORY = 27;
    static final int AHEAD = 3;
    static final int MAX_OFFICES = 300;
    /** Longer than any transaction that writes facts: the marks seen this long ago have every row below them committed. */
    static final Duration SETTLE = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(Rollups.class);

    /** The months covered in a zone, first and last inclusive, and the instant overdue items were counted at. */
    record Coverage(YearMonth first, YearMonth last, Instant asOf) {
        boolean covers(YearMonth m) {
            return !m.isBefore(first) && !m.isAfter(last);
        }
    }

    /** The high-water marks: the highest id of each fact table, and the number of third-party scores. */
    record Marks(long booking, long bookingEvent, long caseFile, long item, long history, long reply, long evaluation,
                 long scores) {
    }

    /** The stored state: {@code marks} are the settled marks and hold the count of scores last seen. */
    private record State(Coverage coverage, Instant builtAt, Marks marks, Marks last, Marks pending,
                         Instant pendingAt) {
        /** Nothing to refresh at {@code now} when the marks are {@code seen}. */
        boolean upToDate(Marks seen, Instant now) {
            if (!seen.equals(last)) return false;
            return sameIds(marks, last) || now.isBefore(pendingAt.plus(SETTLE));
        }
    }

    private static boolean sameIds(Marks a, Marks b) {
        return a.booking() == b.booking() && a.bookingEvent() == b.bookingEvent() && a.caseFile() == b.caseFile()
                && a.item() == b.item() && a.history() == b.history() && a.reply() == b.reply()
                && a.evaluation() == b.evaluation();
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration maxAge;

    Rollups(DataSource dataSource, Duration maxAge) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.maxAge = maxAge;
    }

    /** The coverage of {@code zone} at {@code now}, after bringing the stored sums up to date. */
    Coverage ensure(String zone, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneId.of(RollupSql.zone(zone))));
        YearMonth first = current.minusMonths(HISTORY);
        YearMonth last = current.plusMonths(AHEAD);
        Optional<State> seen = state(zone, false);
        if (seen.isPresent() && fresh(seen.get(), first, last, now) && seen.get().upToDate(marks(), now)) {
            return seen.get().coverage();
        }
        return tx.execute(s -> {
            Optional<State> locked = lock(zone, first, now);
            Marks marks = marks();
            if (locked.isPresent() && fresh(locked.get(), first, last, now)) {
                State st = locked.get();
                if (st.upToDate(marks, now)) return st.coverage();
                if (!refreshOffices(zone, st, marks)) {
                    build(zone, first, last, now, marks);
                    return new Coverage(first, last, now);
                }
                boolean settles = !now.isBefore(st.pendingAt().plus(SETTLE));
                boolean nothingPending = sameIds(st.marks(), st.pending());
                // settled: the pending marks once they are due; pending: what this refresh saw, when it starts a wait
                Marks settled = settles ? st.pending() : st.marks();
                Marks pending = settles || nothingPending ? marks : st.pending();
                Instant pendingAt = settles || nothingPending ? now : st.pendingAt();
                saveMarks(zone, settled, marks, pending, pendingAt, marks.scores());
                return st.coverage();
            }
            build(zone, first, last, now, marks);
            return new Coverage(first, last, now);
        });
    }

    private boolean fresh(State st, YearMonth first, YearMonth last, Instant now) {
        return st.coverage().first().equals(first) && st.coverage().last().equals(last)
                && !st.builtAt().plus(maxAge).isBefore(now) && !st.builtAt().isAfter(now);
    }

    /** Recomputes the offices changed since {@code st}'s marks; false when too many changed (rebuild instead). */
    private boolean refreshOffices(String zone, State st, Marks now) {
        Marks was = st.marks();
        Set<String> paths = new TreeSet<>(jdbc.sql(CHANGED_PATHS)
                .params(was.booking(), now.booking(), was.bookingEvent(), now.bookingEvent(), was.caseFile(),
                        now.caseFile(), was.item(), now.item(), was.history(), now.history(), was.reply(), now.reply(),
                        was.evaluation(), now.evaluation())
                .query(String.class).list());
        if (paths.size() > MAX_OFFICES) return false;
        Coverage c = st.coverage();
        if (!paths.isEmpty()) {
            jdbc.sql(RollupSql.delete(zone, paths, null)).update();
            for (RollupSql.Stored stored : RollupSql.Stored.values()) {
                jdbc.sql(RollupSql.insert(stored, zone, c.first(), c.last(), paths, c.asOf())).update();
            }
        }
        if (was.scores() != now.scores()) {
            jdbc.sql(RollupSql.delete(zone, null, RollupSql.Stored.S)).update();
            jdbc.sql(RollupSql.insert(RollupSql.Stored.S, zone, c.first(), c.last(), null, c.asOf())).update();
            jdbc.sql(RollupSql.deleteOffices(zone, null)).update();
            jdbc.sql(RollupSql.insertOffices(zone, null)).update();
        } else if (!paths.isEmpty()) {
            jdbc.sql(RollupSql.deleteOffices(zone, paths)).update();
            jdbc.sql(RollupSql.insertOffices(zone, paths)).update();
        }
        log.debug("statistics rollups of {}: {} offices recomputed", zone, paths.size());
        return true;
    }

    private void build(String zone, YearMonth first, YearMonth last, Instant now, Marks marks) {
        long t0 = System.nanoTime();
        jdbc.sql(RollupSql.delete(zone, null, null)).update();
        for (RollupSql.Stored stored : RollupSql.Stored.values()) {
            jdbc.sql(RollupSql.insert(stored, zone, first, last, null, now)).update();
        }
        jdbc.sql(RollupSql.deleteOffices(zone, null)).update();
        jdbc.sql(RollupSql.insertOffices(zone, null)).update();
        jdbc.sql("update st_rollup_state set first_month = ?, last_month = ?, as_of = ?, built_at = ?, w_booking = ?, "
                        + "w_booking_event = ?, w_case = ?, w_item = ?, w_history = ?, w_reply = ?, w_evaluation = ?, "
                        + "n_score = ? where zone = ?")
                .params(first.atDay(1), last.atDay(1), Timestamp.from(now), Timestamp.from(now), marks.booking(),
                        marks.bookingEvent(), marks.caseFile(), marks.item(), marks.history(), marks.reply(),
                        marks.evaluation(), marks.scores(), zone).update();
        saveMarks(zone, marks, marks, marks, now, marks.scores());
        log.info("statistics rollups of {} built for {}..{} in {} ms", zone, first, last,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** The state row locked for this transaction; a new zone gets a row that the build then fills. */
    private Optional<State> lock(String zone, YearMonth first, Instant now) {
        Optional<State> st = state(zone, true);
        if (st.isPresent()) return st;
        try {
            jdbc.sql("insert into st_rollup_state (zone, first_month, last_month, as_of, built_at, w_booking, "
                    + "w_booking_event, w_case, w_item, w_history, w_reply, w_evaluation, n_score, pending_at) "
                    + "values (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, -1, ?)").params(zone, first.minusMonths(1).atDay(1),
                    first.minusMonths(1).atDay(1), Timestamp.from(Instant.EPOCH), Timestamp.from(Instant.EPOCH),
                    Timestamp.from(Instant.EPOCH)).update();
        } catch (DuplicateKeyException raced) {
            return state(zone, true);
        }
        return Optional.empty();
    }

    private Optional<State> state(String zone, boolean forUpdate) {
        return jdbc.sql("select * from st_rollup_state where zone = ?" + (forUpdate ? " for update" : ""))
                .param(zone).query((rs, n) -> new State(new Coverage(
                        YearMonth.from(rs.getObject("first_month", LocalDate.class)),
                        YearMonth.from(rs.getObject("last_month", LocalDate.class)),
                        rs.getTimestamp("as_of").toInstant()), rs.getTimestamp("built_at").toInstant(),
                        marks(rs, "w_", rs.getLong("n_score")), marks(rs, "l_", rs.getLong("n_score")),
                        marks(rs, "p_", rs.getLong("n_score")), rs.getTimestamp("pending_at").toInstant()))
                .optional();
    }

    private static Marks marks(java.sql.ResultSet rs, String prefix, long scores) throws java.sql.SQLException {
        return new Marks(rs.getLong(prefix + "booking"), rs.getLong(prefix + "booking_event"),
                rs.getLong(prefix + "case"), rs.getLong(prefix + "item"), rs.getLong(prefix + "history"),
                rs.getLong(prefix + "reply"), rs.getLong(prefix + "evaluation"), scores);
    }

    private void saveMarks(String zone, Marks settled, Marks last, Marks pending, Instant pendingAt, long scores) {
        jdbc.sql(UPDATE_MARKS).params(settled.booking(), settled.bookingEvent(), settled.caseFile(), settled.item(),
                settled.history(), settled.reply(), settled.evaluation(), scores, last.booking(),
                last.bookingEvent(), last.caseFile(), last.item(), last.history(), last.reply(), last.evaluation(),
                pending.booking(), pending.bookingEvent(), pending.caseFile(), pending.item(), pending.history(),
                pending.reply(), pending.evaluation(), Timestamp.from(pendingAt), zone).update();
    }

    private Marks marks() {
        return jdbc.sql(MARKS).query((rs, n) -> new Marks(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8))).single();
    }

    private static final String MARKS = "select (select coalesce(max(id), 0) from booking), "
            + "(select coalesce(max(id), 0) from booking_event), (select coalesce(max(id), 0) from case_file), "
            + "(select coalesce(max(id), 0) from sv_item), (select coalesce(max(id), 0) from sv_history), "
            + "(select coalesce(max(id), 0) from sv_reply), (select coalesce(max(id), 0) from sv_evaluation), "
            + "(select count(*) from ev_score)";

    private static final String UPDATE_MARKS = "update st_rollup_state set w_booking = ?, w_booking_event = ?, "
            + "w_case = ?, w_item = ?, w_history = ?, w_reply = ?, w_evaluation = ?, n_score = ?, l_booking = ?, "
            + "l_booking_event = ?, l_case = ?, l_item = ?, l_history = ?, l_reply = ?, l_evaluation = ?, "
            + "p_booking = ?, p_booking_event = ?, p_case = ?, p_item = ?, p_history = ?, p_reply = ?, "
            + "p_evaluation = ?, pending_at = ? where zone = ?";

    /** The paths of the offices whose rows the new rows of each table (ids in (was, now]) change. */
    private static final String CHANGED_PATHS = String.join(" union ", List.of(
            "select o.path from booking b join terminal t on t.id = b.terminal_id join office o on o.id = t.office_id "
                    + "where b.id > ? and b.id <= ?",
            "select o.path from booking_event x join booking b on b.id = x.booking_id join terminal t "
                    + "on t.id = b.terminal_id join office o on o.id = t.office_id where x.id > ? and x.id <= ?",
            "select o.path from case_file c join office o on o.id = c.office_id where c.id > ? and c.id <= ?",
            "select unit_path from sv_item where id > ? and id <= ?",
            "select i.unit_path from sv_history h join sv_item i on i.id = h.item_id where h.id > ? and h.id <= ?",
            "select i.unit_path from sv_reply r join sv_item i on i.id = r.item_id where r.id > ? and r.id <= ?",
            "select i.unit_path from sv_evaluation e join sv_reply r on r.evaluation_id = e.id join sv_item i "
                    + "on i.id = r.item_id where e.id > ? and e.id <= ?"));
}
