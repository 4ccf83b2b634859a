package org.lianxin.scheduler.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.lianxin.scheduler.WeeklyWindow;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The SQL of bookings and their invitations, and their mapping to {@link Booking}: no rules, no locks (see
 * {@link BookingLocks}), no history (see {@link BookingHistory}). Every write bumps the booking's version.
 */
final class BookingRows {
    private static final String SELECT = "select b.*, c.case_number, f.name as official_name, t.name as terminal_name, "
            + "t.office_id as terminal_office_id from booking b join case_file c on c.id = b.case_id "
            + "join official f on f.id = b.official_id join terminal t on t.id = b.terminal_id ";
    private static final RowMapper<Booking> ROW = (rs, n) -> new Booking(rs.getLong("id"), rs.getString("code"),
            rs.getLong("case_id"), rs.getString("case_number"), rs.getLong("official_id"),
            rs.getString("official_name"), rs.getLong("terminal_id"), rs.getString("terminal_name"),
            rs.getLong("terminal_office_id"), Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"),
            BookingState.valueOf(rs.getString("state")), rs.getString("cancel_reason"),
            Sql.nullableInt(rs, "satisfaction_score"), rs.getString("satisfaction_comment"), List.of(),
            rs.getInt("version"));

    private final JdbcClient jdbc;
    private final JdbcOffices offices;
    private final JdbcOfficials officials;
    private final JdbcTerminals terminals;
    private final JdbcCases cases;

    BookingRows(JdbcClient jdbc, JdbcOffices offices, JdbcOfficials officials, JdbcTerminals terminals,
                JdbcCases cases) {
        this.jdbc = jdbc;
        this.offices = offices;
        this.officials = officials;
        this.terminals = terminals;
        this.cases = cases;
    }

    // ---------------------------------------------------------------- reading

    Booking load(long bookingId) {
        Booking b = jdbc.sql(SELECT + "where b.id = ?").param(bookingId).query(ROW).optional()
                .orElseThrow(() -> new NotFound("booking", bookingId));
        return withInvitations(List.of(b)).get(0);
    }

    long idByCode(String code) {
        return jdbc.sql("select id from booking where code = ?").param(code == null ? "" : code.trim().toUpperCase())
                .query(Long.class).optional().orElseThrow(() -> new NotFound("booking", code));
    }

    /** Bookings of terminals in the actor's subtree, or that the actor's official hosts or is invited to. */
    List<Booking> list(Actor actor, BookingQuery q) {
        Office mine = offices.get(actor.officeId());
        StringBuilder sql = new StringBuilder(SELECT).append("join office o on o.id = t.office_id where (o.path like :mine");
        Map<String, Object> p = new HashMap<>();
        p.put("mine", mine.path() + "%");
        if (actor.officialId() != null) {
            sql.append(" or b.official_id = :me or exists (select 1 from booking_invitation i where i.booking_id = b.id"
                    + " and i.official_id = :me)");
            p.put("me", actor.officialId());
        }
        sql.append(")");
        if (q.officeId() != null) {
            sql.append(" and o.path like :office");
            p.put("office", offices.get(q.officeId()).path() + "%");
        }
        if (q.officialId() != null) {
            sql.append(" and (b.official_id = :official or exists (select 1 from booking_invitation i2 "
                    + "where i2.booking_id = b.id and i2.official_id = :official))");
            p.put("official", q.officialId());
        }
        if (q.terminalId() != null) {
            sql.append(" and b.terminal_id = :terminal");
            p.put("terminal", q.terminalId());
        }
        if (q.caseId() != null) {
            sql.append(" and b.case_id = :case");
            p.put("case", q.caseId());
        }
        if (q.state() != null) {
            sql.append(" and b.state = :state");
            p.put("state", q.state().name());
        }
        if (q.from() != null) {
            sql.append(" and b.ends_at > :from");
            p.put("from", Sql.ts(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and b.starts_at < :to");
            p.put("to", Sql.ts(q.to()));
        }
        sql.append(" order by b.starts_at, b.id fetch first 1000 rows only");
        List<Booking> rows = jdbc.sql(sql.toString()).params(p).query(ROW).list();
        return withInvitations(rows);
    }

    private List<Booking> withInvitations(List<Booking> rows) {
        if (rows.isEmpty()) return rows;
        Map<Long, List<Invitation>> byBooking = new HashMap<>();
        List<Long> ids = rows.stream().map(Booking::id).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("select i.booking_id, i.official_id, i.state, f.name, f.office_id from booking_invitation i "
                            + "join official f on f.id = i.official_id where i.booking_id in (:ids) order by i.id")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query(rs -> {
                        byBooking.computeIfAbsent(rs.getLong("booking_id"), k -> new ArrayList<>())
                                .add(new Invitation(rs.getLong("official_id"), rs.getString("name"),
                                        rs.getLong("office_id"), InvitationState.valueOf(rs.getString("state"))));
                    });
        }
        return rows.stream().map(b -> new Booking(b.id(), b.code(), b.caseId(), b.caseNumber(), b.officialId(),
                b.officialName(), b.terminalId(), b.terminalName(), b.terminalOfficeId(), b.start(), b.end(),
                b.state(), b.cancelReason(), b.satisfactionScore(), b.satisfactionComment(),
                List.copyOf(byBooking.getOrDefault(b.id(), List.of())), b.version())).toList();
    }

    /** What a new booking is about, read in one query (the host's windows ride along as extra rows). */
    record Context(Official host, Terminal terminal, CaseFile caseFile, List<WeeklyWindow> windows) {
    }

    Context context(long officialId, long terminalId, long caseId) {
        Official[] host = {null};
        Terminal[] terminal = {null};
        CaseFile[] caseFile = {null};
        List<WeeklyWindow> windows = new ArrayList<>();
        jdbc.sql("select f.*, t.office_id as t_office_id, t.name as t_name, t.location as t_location, "
                        + "t.status as t_status, c.case_number, c.petitioner_name, c.id_masked, c.phone_masked, "
                        + "c.subject, c.category, c.office_id as c_office_id, c.status as c_status, c.created_at, "
                        + "w.day_of_week, w.start_time, w.end_time "
                        + "from official f cross join terminal t cross join case_file c "
                        + "left join availability_window w on w.official_id = f.id "
                        + "where f.id = ? and t.id = ? and c.id = ? order by w.day_of_week, w.start_time")
                .params(officialId, terminalId, caseId)
                .query(rs -> {
                    if (host[0] == null) {
                        host[0] = JdbcOfficials.ROW.mapRow(rs, 0);
                        terminal[0] = new Terminal(terminalId, rs.getLong("t_office_id"), rs.getString("t_name"),
                                rs.getString("t_location"), TerminalStatus.valueOf(rs.getString("t_status")));
                        caseFile[0] = new CaseFile(caseId, rs.getString("case_number"),
                                rs.getString("petitioner_name"), rs.getString("id_masked"),
                                rs.getString("phone_masked"), rs.getString("subject"), rs.getString("category"),
                                rs.getLong("c_office_id"), CaseStatus.valueOf(rs.getString("c_status")),
                                Sql.instant(rs, "created_at"));
                    }
                    int day = rs.getInt("day_of_week");
                    if (!rs.wasNull()) {
                        windows.add(new WeeklyWindow(DayOfWeek.of(day), rs.getObject("start_time", LocalTime.class),
                                rs.getObject("end_time", LocalTime.class)));
                    }
                });
        if (host[0] == null) { // one of them does not exist: say which
            officials.get(officialId);
            terminals.get(terminalId);
            cases.find(caseId);
            throw new IllegalStateException("booking context not found");
        }
        return new Context(host[0], terminal[0], caseFile[0], List.copyOf(windows));
    }

    // ---------------------------------------------------------------- writing

    /** A new BOOKED booking; its id. */
    long insert(String code, long caseId, long officialId, long terminalId, Slot slot, String createdBy,
                Instant createdAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into booking (code, case_id, official_id, terminal_id, starts_at, ends_at, busy_until, "
                        + "state, created_by, created_at, version) values (?,?,?,?,?,?,?,'BOOKED',?,?,0)")
                .params(code, caseId, officialId, terminalId, Sql.ts(slot.start()), Sql.ts(slot.end()),
                        Sql.ts(slot.busyUntil()), createdBy, Sql.ts(createdAt))
                .update(key, "id");
        return key.getKey().longValue();
    }

    void move(long bookingId, Slot slot, long terminalId) {
        jdbc.sql("update booking set starts_at = ?, ends_at = ?, busy_until = ?, terminal_id = ?, "
                        + "version = version + 1 where id = ?")
                .params(Sql.ts(slot.start()), Sql.ts(slot.end()), Sql.ts(slot.busyUntil()), terminalId, bookingId)
                .update();
    }

    /** @param reason kept if null */
    void changeState(long bookingId, BookingState to, String reason) {
        jdbc.sql("update booking set state = ?, cancel_reason = coalesce(?, cancel_reason), version = version + 1 "
                + "where id = ?").params(to.name(), reason, bookingId).update();
    }

    void evaluate(long bookingId, int score, String comment) {
        jdbc.sql("update booking set satisfaction_score = ?, satisfaction_comment = ?, version = version + 1 "
                + "where id = ?").params(score, comment, bookingId).update();
    }

    void insertInvitation(long bookingId, long officialId, String invitedBy, Instant invitedAt) {
        jdbc.sql("insert into booking_invitation (booking_id, official_id, state, invited_by, invited_at) "
                + "values (?,?,'PENDING',?,?)").params(bookingId, officialId, invitedBy, Sql.ts(invitedAt)).update();
    }

    /** A declined invitation made PENDING again. */
    void reinvite(long bookingId, long officialId, String invitedBy, Instant invitedAt) {
        jdbc.sql("update booking_invitation set state = 'PENDING', invited_by = ?, invited_at = ?, "
                        + "responded_at = null where booking_id = ? and official_id = ?")
                .params(invitedBy, Sql.ts(invitedAt), bookingId, officialId).update();
    }

    void answerInvitation(long bookingId, long officialId, InvitationState state, Instant respondedAt) {
        jdbc.sql("update booking_invitation set state = ?, responded_at = ? where booking_id = ? "
                + "and official_id = ?").params(state.name(), Sql.ts(respondedAt), bookingId, officialId).update();
    }

    /** The booking changed through its invitations. */
    void bumpVersion(long bookingId) {
        jdbc.sql("update booking set version = version + 1 where id = ?").param(bookingId).update();
    }
}
