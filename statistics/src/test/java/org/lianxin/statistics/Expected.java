package org.lianxin.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The figures computed independently of the module: plain SQL over explicit office ids (not paths), per booking or item
 * rows with correlated sub-selects, the range and the rules applied here in Java from {@link Figure}'s definitions.
 */
final class Expected {
    private final JdbcTemplate jdbc;
    private final ZoneId zone;
    private final Instant now;

    Expected(DataSource ds, ZoneId zone, Instant now) {
        this.jdbc = new JdbcTemplate(ds);
        this.zone = zone;
        this.now = now;
    }

    /** {numerator, denominator} of {@code f} over offices {@code ids}, matters of {@code category} (null: all). */
    long[] of(Figure f, List<Long> ids, String category, LocalDate from, LocalDate to) {
        if (ids.isEmpty()) return f.kind() == Figure.Kind.COUNT ? new long[] {0, 1} : new long[] {0, 0};
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        String cat = category == null ? "" : " and category = '" + category + "'";
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        switch (f) {
            case RECEPTIONS_HELD:
            case NO_SHOWS:
            case LOBBY_WAIT:
            case SESSION_LENGTH:
                return bookings(f, in, cat, start, end);
            case MATTERS_ACCEPTED: {
                long n = 0;
                for (Instant at : jdbc.query("select created_at from case_file where office_id in (" + in + ")" + cat,
                        (rs, i) -> instant(rs.getObject(1, OffsetDateTime.class)))) {
                    if (!at.isBefore(start) && at.isBefore(end)) n++;
                }
                return new long[] {n, 1};
            }
            case PARTICIPATION:
            case SATISFACTION:
                return replies(f, in, cat, start, end);
            case THIRD_PARTY_SCORE:
                return scores(in, cat, start, end);
            default:
                return items(f, in, cat, from, to);
        }
    }

    private long[] bookings(Figure f, String in, String cat, Instant start, Instant end) {
        long num = 0;
        long den = 0;
        List<Object[]> rows = jdbc.query("select b.state, b.starts_at, "
                + "(select min(e.at) from booking_event e where e.booking_id = b.id and e.kind = 'CHECKED_IN'), "
                + "(select min(e.at) from booking_event e where e.booking_id = b.id and e.kind = 'IN_SESSION'), "
                + "(select min(e.at) from booking_event e where e.booking_id = b.id "
                + "  and e.kind in ('COMPLETED', 'INTERRUPTED')) "
                + "from booking b, terminal t, case_file c where t.id = b.terminal_id and c.id = b.case_id "
                + "and t.office_id in (" + in + ")" + cat.replace("category", "c.category"),
                (rs, i) -> new Object[] {rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)),
                    instant(rs.getObject(3, OffsetDateTime.class)), instant(rs.getObject(4, OffsetDateTime.class)),
                    instant(rs.getObject(5, OffsetDateTime.class))});
        for (Object[] r : rows) {
            Instant starts = (Instant) r[1];
            if (starts.isBefore(start) || !starts.isBefore(end)) continue;
            String state = (String) r[0];
            boolean held = state.equals("COMPLETED") || state.equals("INTERRUPTED");
            Instant checkedIn = (Instant) r[2];
            Instant started = (Instant) r[3];
            Instant ended = (Instant) r[4];
            if (f == Figure.RECEPTIONS_HELD && held) num++;
            if (f == Figure.NO_SHOWS && (held || state.equals("NO_SHOW"))) {
                den++;
                if (state.equals("NO_SHOW")) num++;
            }
            if (f == Figure.LOBBY_WAIT && held && checkedIn != null && started != null) {
                den++;
                num += Duration.between(checkedIn, started).getSeconds();
            }
            if (f == Figure.SESSION_LENGTH && held && started != null && ended != null) {
                den++;
                num += Duration.between(started, ended).getSeconds();
            }
        }
        return new long[] {num, f.kind() == Figure.Kind.COUNT ? 1 : den};
    }

    private long[] items(Figure f, String in, String cat, LocalDate from, LocalDate to) {
        long num = 0;
        long den = 0;
        List<Object[]> rows = jdbc.query("select i.state, i.accepted_on, i.deadline, i.due_at, "
                + "(select min(r.at) from sv_reply r where r.item_id = i.id), "
                + "(select max(r.at) from sv_reply r where r.item_id = i.id), i.completed_at "
                + "from sv_item i where i.unit_office_id in (" + in + ")" + cat,
                (rs, i) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class),
                    rs.getObject(3, LocalDate.class), instant(rs.getObject(4, OffsetDateTime.class)),
                    instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                    instant(rs.getObject(7, OffsetDateTime.class))});
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        for (Object[] r : rows) {
            String state = (String) r[0];
            boolean accepted = within((LocalDate) r[1], from, to);
            boolean due = within((LocalDate) r[2], from, to);
            Instant dueAt = (Instant) r[3];
            Instant first = (Instant) r[4];
            Instant last = (Instant) r[5];
            boolean completed = state.equals("COMPLETED");
            Instant completedAt = (Instant) r[6];
            boolean completedIn = completedAt != null && !completedAt.isBefore(start) && completedAt.isBefore(end);
            if (f == Figure.REPLIED_ON_TIME && due) {
                den++;
                if (first != null && !first.isAfter(dueAt)) num++;
            }
            // a completion counts in the range it happened in; the rate's base is the items accepted in the range
            if (f == Figure.COMPLETION && accepted) den++;
            if (f == Figure.COMPLETION && completedIn) num++;
            if (f == Figure.CLOSED_ON_TIME && completedIn) {
                den++;
                if (last != null && !last.isAfter(dueAt)) num++;
            }
            if (!accepted) continue;
            if (f == Figure.ITEMS_OPEN && !completed) num++;
            if (f == Figure.ITEMS_OVERDUE && List.of("PENDING_SIGN", "IN_PROGRESS", "RETURNED").contains(state)
                    && dueAt.isBefore(now)) {
                num++;
            }
        }
        return new long[] {num, f.kind() == Figure.Kind.COUNT ? 1 : den};
    }

    private long[] replies(Figure f, String in, String cat, Instant start, Instant end) {
        long num = 0;
        long den = 0;
        List<Object[]> rows = jdbc.query("select r.at, e.at, e.result from sv_reply r "
                + "join sv_item i on i.id = r.item_id left join sv_evaluation e on e.id = r.evaluation_id "
                + "where i.unit_office_id in (" + in + ")" + cat.replace("category", "i.category"),
                (rs, i) -> new Object[] {instant(rs.getObject(1, OffsetDateTime.class)),
                    instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3)});
        for (Object[] r : rows) {
            Instant replied = (Instant) r[0];
            Instant evaluated = (Instant) r[1];
            if (f == Figure.PARTICIPATION && !replied.isBefore(start) && replied.isBefore(end)) {
                den++;
                if (evaluated != null) num++;
            }
            if (f == Figure.SATISFACTION && evaluated != null && !evaluated.isBefore(start) && evaluated.isBefore(end)) {
                den++;
                if (!"UNSATISFIED".equals(r[2])) num++;
            }
        }
        return new long[] {num, den};
    }

    /** Each score of an item of the offices given in the range: its four marks; the mean of all marks. */
    private long[] scores(String in, String cat, Instant start, Instant end) {
        long num = 0;
        long den = 0;
        List<Object[]> rows = jdbc.query("select s.at, s.legality, s.timeliness, s.attitude, s.outcome "
                + "from ev_score s, sv_item i where i.id = s.item_id and i.unit_office_id in (" + in + ")"
                + cat.replace("category", "i.category"),
                (rs, i) -> new Object[] {instant(rs.getObject(1, OffsetDateTime.class)),
                    new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)}});
        for (Object[] r : rows) {
            Instant at = (Instant) r[0];
            if (at.isBefore(start) || !at.isBefore(end)) continue;
            for (int mark : (int[]) r[1]) {
                num += mark;
                den++;
            }
        }
        return new long[] {num, den};
    }

    private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

}
