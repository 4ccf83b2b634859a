package org.lianxin.scheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.lianxin.scheduler.WeeklyWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bookings without collisions. Every write that changes who is busy when runs in one transaction that first
 * locks, in one global order (terminal, then officials by id), the rows of every terminal and official it
 * touches, then checks, then writes. Two concurrent attempts on the same official or terminal are therefore
 * serialized by the database, on PostgreSQL and H2 alike; the loser sees the winner's row and is refused.
 */
final class JdbcBookings implements Bookings {
    private static final Logger log = LoggerFactory.getLogger(JdbcBookings.class);
    /** Check-in opens this long before the session (the room opens then too). */
    static final Duration CHECK_IN_OPENS = Duration.ofMinutes(15);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

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
    private final TransactionTemplate tx;
    private final Access access;
    private final JdbcOffices offices;
    private final JdbcOfficials officials;
    private final JdbcTerminals terminals;
    private final JdbcCases cases;
    private final BusyTimes busy;
    private final Clock clock;
    private final SchedulerSettings settings;

    JdbcBookings(JdbcClient jdbc, TransactionTemplate tx, Access access, JdbcOffices offices,
                 JdbcOfficials officials, JdbcTerminals terminals, JdbcCases cases, BusyTimes busy, Clock clock,
                 SchedulerSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
        this.offices = offices;
        this.officials = officials;
        this.terminals = terminals;
        this.cases = cases;
        this.busy = busy;
        this.clock = clock;
        this.settings = settings;
    }

    // ---------------------------------------------------------------- booking and rescheduling

    @Override
    public Booking book(Actor actor, NewBooking nb) {
        access.requireRole(actor, "book sessions", Role.ADMIN, Role.SCHEDULER);
        if (nb.start() == null) throw new RuleViolation("start-required", "a booking needs a start time");
        Context ctx = context(nb.officialId(), nb.terminalId(), nb.caseId());
        Official host = ctx.host();
        if (!host.active()) throw new RuleViolation("official-inactive", host.name() + " no longer receives");
        Terminal terminal = ctx.terminal();
        CaseFile c = ctx.caseFile();
        access.requireSees(actor, terminal.officeId(), "terminal " + terminal.id());
        access.requireSees(actor, c.officeId(), "case " + c.id());
        if (c.status() == CaseStatus.CLOSED) {
            throw new RuleViolation("case-closed", "case " + c.caseNumber() + " is closed");
        }
        checkPlacement(host, terminal, c);
        Slot slot = slotOf(host, nb.start());
        checkTiming(host, slot, ctx.windows());
        List<Official> invitees = invitees(host, c, nb.inviteeIds());
        requireActive(terminal);
        checkCalendars(host, invitees, terminal, slot, 0); // without locks: refuse the obvious losers cheaply
        return retryingOnDuplicateCode(() -> tx.execute(s -> {
            if (lock(terminal.id(), host, invitees) != TerminalStatus.ACTIVE) {
                requireActive(terminals.get(terminal.id()));
            }
            checkCalendars(host, invitees, terminal, slot, 0); // under the locks: final
            String code = Tokens.code(8);
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            Instant now = clock.instant();
            jdbc.sql("insert into booking (code, case_id, official_id, terminal_id, starts_at, ends_at, busy_until, "
                            + "state, created_by, created_at, version) values (?,?,?,?,?,?,?,'BOOKED',?,?,0)")
                    .params(code, c.id(), host.id(), terminal.id(), Sql.ts(slot.start), Sql.ts(slot.end),
                            Sql.ts(slot.busyUntil), actor.username(), Sql.ts(now))
                    .update(key, "id");
            long id = key.getKey().longValue();
            event(id, "BOOKED", actor, host.name() + " at " + terminal.name() + ", " + describe(slot, host));
            for (Official i : invitees) insertInvitation(id, i, actor);
            log.info("booking {} created: official {} terminal {} case {} at {}", id, host.id(), terminal.id(),
                    c.id(), slot.start);
            List<Invitation> invitations = invitees.stream().map(i -> new Invitation(i.id(), i.name(), i.officeId(),
                    InvitationState.PENDING)).toList();
            return new Booking(id, code, c.id(), c.caseNumber(), host.id(), host.name(), terminal.id(),
                    terminal.name(), terminal.officeId(), slot.start, slot.end, BookingState.BOOKED, null, null, null,
                    invitations, 0);
        }));
    }

    @Override
    public Booking reschedule(Actor actor, long bookingId, Instant newStart, Long newTerminalId) {
        access.requireRole(actor, "reschedule sessions", Role.ADMIN, Role.SCHEDULER);
        if (newStart == null) throw new RuleViolation("start-required", "a new start time is required");
        Booking b = visible(actor, bookingId);
        requireManagesTerminal(actor, b);
        requireState(b, "reschedule", BookingState.BOOKED);
        Official host = activeOfficial(b.officialId());
        Terminal terminal = terminals.get(newTerminalId == null ? b.terminalId() : newTerminalId);
        access.requireSees(actor, terminal.officeId(), "terminal " + terminal.id());
        CaseFile c = cases.find(b.caseId());
        checkPlacement(host, terminal, c);
        Slot slot = slotOf(host, newStart);
        checkTiming(host, slot, officials.windows(host.id()));
        List<Official> invitees = b.invitations().stream().filter(i -> i.state() != InvitationState.DECLINED)
                .map(i -> officials.get(i.officialId())).toList();
        return tx.execute(s -> {
            TerminalStatus status = lockTerminals(b.terminalId(), terminal.id()).get(terminal.id());
            lockOfficials(host, invitees);
            Booking current = lockBooking(bookingId);
            requireState(current, "reschedule", BookingState.BOOKED);
            if (status != TerminalStatus.ACTIVE) requireActive(terminals.get(terminal.id()));
            checkCalendars(host, invitees, terminal, slot, bookingId);
            jdbc.sql("update booking set starts_at = ?, ends_at = ?, busy_until = ?, terminal_id = ?, "
                            + "version = version + 1 where id = ?")
                    .params(Sql.ts(slot.start), Sql.ts(slot.end), Sql.ts(slot.busyUntil), terminal.id(), bookingId)
                    .update();
            Slot old = new Slot(current.start(), current.end(), current.end());
            event(bookingId, "RESCHEDULED", actor, "from " + describe(old, host) + " at " + current.terminalName()
                    + " to " + describe(slot, host) + " at " + terminal.name());
            return load(bookingId);
        });
    }

    // ---------------------------------------------------------------- state changes

    @Override
    public Booking cancel(Actor actor, long bookingId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("cancel-reason-required", "a cancellation needs a reason");
        }
        if (reason.length() > 500) throw new RuleViolation("cancel-reason-too-long", "reason over 500 characters");
        Booking b = visible(actor, bookingId);
        if (!isHost(actor, b)) {
            access.requireRole(actor, "cancel sessions", Role.ADMIN, Role.SCHEDULER);
            requireManagesTerminal(actor, b);
        }
        return transition(actor, bookingId, "cancel", BookingState.CANCELLED, reason.trim(),
                BookingState.BOOKED, BookingState.CHECKED_IN);
    }

    @Override
    public Booking noShow(Actor actor, long bookingId) {
        Booking b = visible(actor, bookingId);
        access.requireRole(actor, "mark a no-show", Role.ADMIN, Role.SCHEDULER);
        requireManagesTerminal(actor, b);
        if (clock.instant().isBefore(b.start())) {
            throw new RuleViolation("too-early-for-no-show", "the session has not started yet");
        }
        return transition(actor, bookingId, "mark as no-show", BookingState.NO_SHOW, null, BookingState.BOOKED);
    }

    @Override
    public Booking checkIn(Actor actor, long bookingId, String idNumber) {
        Booking b = visible(actor, bookingId);
        access.requireRole(actor, "check petitioners in", Role.ADMIN, Role.SCHEDULER);
        requireManagesTerminal(actor, b);
        requireState(b, "check in", BookingState.BOOKED);
        Instant now = clock.instant();
        if (now.isBefore(b.start().minus(CHECK_IN_OPENS))) {
            throw new RuleViolation("too-early-to-check-in", "check-in opens " + CHECK_IN_OPENS.toMinutes()
                    + " minutes before the session");
        }
        if (!now.isBefore(b.end())) throw new RuleViolation("session-over", "the session's time is over");
        if (!cases.identityMatches(b.caseId(), idNumber)) {
            event(bookingId, "IDENTITY_MISMATCH", actor, null);
            throw new RuleViolation("identity-mismatch", "the ID-card number does not match the case file");
        }
        return transition(actor, bookingId, "check in", BookingState.CHECKED_IN, null, BookingState.BOOKED);
    }

    @Override
    public Booking startSession(Actor actor, long bookingId) {
        Booking b = visible(actor, bookingId);
        if (!isHost(actor, b)) access.requireRole(actor, "start sessions", Role.ADMIN, Role.SCHEDULER);
        return transition(actor, bookingId, "start", BookingState.IN_SESSION, null, BookingState.CHECKED_IN);
    }

    @Override
    public Booking complete(Actor actor, long bookingId) {
        Booking b = visible(actor, bookingId);
        if (!isHost(actor, b)) access.requireRole(actor, "end sessions", Role.ADMIN, Role.SCHEDULER);
        return transition(actor, bookingId, "complete", BookingState.COMPLETED, null, BookingState.IN_SESSION);
    }

    @Override
    public Booking evaluate(Actor actor, long bookingId, int score, String comment) {
        Booking b = visible(actor, bookingId);
        access.requireRole(actor, "record an evaluation", Role.ADMIN, Role.SCHEDULER);
        requireManagesTerminal(actor, b);
        if (score < 1 || score > 5) throw new RuleViolation("score-invalid", "the score is 1 to 5");
        if (comment != null && comment.length() > 1000) {
            throw new RuleViolation("comment-too-long", "the comment is over 1000 characters");
        }
        return tx.execute(s -> {
            Booking current = lockBooking(bookingId);
            requireState(current, "evaluate", BookingState.COMPLETED);
            if (current.satisfactionScore() != null) {
                throw new Conflict("already-evaluated", "the session was evaluated already");
            }
            jdbc.sql("update booking set satisfaction_score = ?, satisfaction_comment = ?, version = version + 1 "
                    + "where id = ?").params(score, comment == null ? null : comment.trim(), bookingId).update();
            event(bookingId, "EVALUATED", actor, "score " + score);
            return load(bookingId);
        });
    }

    // ---------------------------------------------------------------- joint reception

    @Override
    public Booking invite(Actor actor, long bookingId, long officialId) {
        Booking b = visible(actor, bookingId);
        if (!isHost(actor, b)) {
            access.requireRole(actor, "invite officials", Role.ADMIN, Role.SCHEDULER);
            requireManagesTerminal(actor, b);
        }
        if (!b.state().active()) {
            throw new RuleViolation("booking-not-active", "the session is " + b.state());
        }
        Official host = officials.get(b.officialId());
        Official invitee = invitees(host, cases.find(b.caseId()), List.of(officialId)).get(0);
        Slot slot = new Slot(b.start(), b.end(), b.end().plus(Duration.ofMinutes(host.bufferMinutes())));
        return tx.execute(s -> {
            lockOfficials(host, List.of(invitee));
            Booking current = lockBooking(bookingId);
            if (!current.state().active()) {
                throw new RuleViolation("booking-not-active", "the session is " + current.state());
            }
            Invitation existing = current.invitations().stream().filter(i -> i.officialId() == officialId)
                    .findFirst().orElse(null);
            if (existing != null && existing.state() != InvitationState.DECLINED) {
                throw new Conflict("already-invited", invitee.name() + " is invited already");
            }
            checkCalendarsOfInvitee(invitee, slot, bookingId);
            if (existing != null) {
                jdbc.sql("update booking_invitation set state = 'PENDING', invited_by = ?, invited_at = ?, "
                                + "responded_at = null where booking_id = ? and official_id = ?")
                        .params(actor.username(), Sql.ts(clock.instant()), bookingId, officialId).update();
                event(bookingId, "INVITED", actor, invitee.name());
            } else {
                insertInvitation(bookingId, invitee, actor);
            }
            jdbc.sql("update booking set version = version + 1 where id = ?").param(bookingId).update();
            return load(bookingId);
        });
    }

    @Override
    public Booking respond(Actor actor, long bookingId, long officialId, boolean accept) {
        Booking b = visible(actor, bookingId);
        boolean self = actor.officialId() != null && actor.officialId() == officialId;
        if (!self) {
            access.requireRole(actor, "answer for another official", Role.ADMIN, Role.SCHEDULER);
            requireManagesTerminal(actor, b);
        }
        return tx.execute(s -> {
            Booking current = lockBooking(bookingId);
            Invitation inv = current.invitations().stream().filter(i -> i.officialId() == officialId).findFirst()
                    .orElseThrow(() -> new NotFound("invitation", bookingId + "/" + officialId));
            if (inv.state() != InvitationState.PENDING) {
                throw new Conflict("invitation-answered", "the invitation was " + inv.state() + " already");
            }
            if (!current.state().active()) {
                throw new RuleViolation("booking-not-active", "the session is " + current.state());
            }
            String state = accept ? "ACCEPTED" : "DECLINED";
            jdbc.sql("update booking_invitation set state = ?, responded_at = ? where booking_id = ? "
                    + "and official_id = ?").params(state, Sql.ts(clock.instant()), bookingId, officialId).update();
            jdbc.sql("update booking set version = version + 1 where id = ?").param(bookingId).update();
            event(bookingId, state, actor, inv.officialName());
            return load(bookingId);
        });
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Booking get(Actor actor, long bookingId) {
        return visible(actor, bookingId);
    }

    @Override
    public Booking byCode(Actor actor, String code) {
        Long id = jdbc.sql("select id from booking where code = ?").param(code == null ? "" : code.trim().toUpperCase())
                .query(Long.class).optional().orElseThrow(() -> new NotFound("booking", code));
        return visible(actor, id);
    }

    @Override
    public List<Booking> list(Actor actor, BookingQuery q) {
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

    @Override
    public List<BookingEvent> history(Actor actor, long bookingId) {
        visible(actor, bookingId);
        return jdbc.sql("select * from booking_event where booking_id = ? order by id").param(bookingId)
                .query((rs, n) -> new BookingEvent(Sql.instant(rs, "at"), rs.getString("kind"), rs.getString("actor"),
                        rs.getString("detail")))
                .list();
    }

    // ---------------------------------------------------------------- rules

    /** A proposed session: [start, end) plus the host's buffer up to busyUntil. */
    record Slot(Instant start, Instant end, Instant busyUntil) {
    }

    /** What a new booking is about, read in one query (the host's windows ride along as extra rows). */
    record Context(Official host, Terminal terminal, CaseFile caseFile, List<WeeklyWindow> windows) {
    }

    private Context context(long officialId, long terminalId, long caseId) {
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
                        windows.add(new WeeklyWindow(java.time.DayOfWeek.of(day),
                                rs.getObject("start_time", java.time.LocalTime.class),
                                rs.getObject("end_time", java.time.LocalTime.class)));
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

    private Slot slotOf(Official host, Instant start) {
        if (start.getEpochSecond() % 60 != 0 || start.getNano() != 0) {
            throw new RuleViolation("start-not-on-minute", "a session starts on a whole minute");
        }
        Instant end = start.plus(Duration.ofMinutes(host.slotMinutes()));
        return new Slot(start, end, end.plus(Duration.ofMinutes(host.bufferMinutes())));
    }

    private Official activeOfficial(long id) {
        Official f = officials.get(id);
        if (!f.active()) throw new RuleViolation("official-inactive", f.name() + " no longer receives");
        return f;
    }

    /** The case must be in the host's jurisdiction; the terminal's office must be the case's office or above it. */
    private void checkPlacement(Official host, Terminal terminal, CaseFile c) {
        Office jurisdiction = offices.jurisdictionOf(host.officeId());
        Office caseOffice = offices.get(c.officeId());
        if (!jurisdiction.contains(caseOffice)) {
            throw new RuleViolation("case-outside-official-jurisdiction", "case " + c.caseNumber() + " of "
                    + caseOffice.name() + " lies outside the jurisdiction of " + host.name() + " ("
                    + jurisdiction.name() + ")");
        }
        Office terminalOffice = offices.get(terminal.officeId());
        if (!terminalOffice.contains(caseOffice)) {
            throw new RuleViolation("terminal-outside-case-office", "terminal " + terminal.name() + " of "
                    + terminalOffice.name() + " is neither at nor above the case's office " + caseOffice.name());
        }
    }

    /** Not in the past, not beyond the horizon, inside one of the host's weekly windows. */
    private void checkTiming(Official host, Slot slot, List<WeeklyWindow> windows) {
        Instant now = clock.instant();
        if (!slot.start.isAfter(now)) throw new RuleViolation("in-past", "the start time is in the past");
        if (slot.start.isAfter(now.plus(settings.horizon()))) {
            throw new RuleViolation("beyond-horizon", "bookings are taken at most " + settings.horizon().toDays()
                    + " days ahead");
        }
        ZoneId zone = offices.get(host.officeId()).zone();
        ZonedDateTime s = slot.start.atZone(zone);
        ZonedDateTime e = slot.end.atZone(zone);
        boolean inside = s.toLocalDate().equals(e.toLocalDate()) && windows.stream().anyMatch(w ->
                w.day() == s.getDayOfWeek() && !s.toLocalTime().isBefore(w.start())
                        && !e.toLocalTime().isAfter(w.end()));
        if (!inside) {
            throw new RuleViolation("outside-availability", host.name() + " does not receive " + describe(slot, host)
                    + " (reception hours: " + describeWindows(windows) + ")");
        }
    }

    private List<Official> invitees(Official host, CaseFile c, List<Long> ids) {
        Set<Long> unique = new LinkedHashSet<>(ids);
        if (unique.size() != ids.size()) throw new RuleViolation("invitee-duplicate", "an official is invited twice");
        List<Official> result = new ArrayList<>();
        Office caseOffice = offices.get(c.officeId());
        for (long id : unique) {
            if (id == host.id()) throw new RuleViolation("invitee-is-host", "the host cannot be invited");
            Official f = activeOfficial(id);
            if (!offices.jurisdictionOf(f.officeId()).contains(caseOffice)) {
                throw new RuleViolation("invitee-outside-jurisdiction", f.name() + " has no jurisdiction over case "
                        + c.caseNumber());
            }
            result.add(f);
        }
        return result;
    }

    /**
     * Blocks, overlaps (buffers included) and daily limits of everyone, and the terminal: three queries whatever
     * the number of invitees. Run once without locks to refuse the obvious losers cheaply, then again under the
     * locks, where its answer is final.
     */
    private void checkCalendars(Official host, List<Official> invitees, Terminal terminal, Slot slot, long ignore) {
        List<Official> people = new ArrayList<>(invitees.size() + 1);
        people.add(host);
        people.addAll(invitees);
        List<Long> ids = people.stream().map(Official::id).toList();
        // the day of the slot in the zone of the host's office; one round trip covers the terminal's sessions,
        // everyone's sessions of that day (overlaps and daily counts) and everyone's blocks
        ZoneId zone = offices.get(host.officeId()).zone();
        LocalDate day = slot.start.atZone(zone).toLocalDate();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant from = dayStart.isBefore(slot.start) ? dayStart : slot.start;
        Instant to = dayEnd.isAfter(slot.busyUntil) ? dayEnd : slot.busyUntil;
        BusyTimes.Calendars cal = busy.calendars(terminal.id(), slot.start, slot.busyUntil, ids, from, to,
                slot.start, slot.end, ignore);
        for (BusyTimes.Busy other : cal.terminal()) {
            throw new Conflict("terminal-busy", "terminal " + terminal.name() + " busy "
                    + describe(new Slot(other.start(), other.end(), other.busyUntil()), host));
        }
        Map<Long, List<BlockedPeriod>> blocks = cal.blocks();
        Map<Long, List<BusyTimes.Busy>> engaged = cal.officials();
        for (Official f : people) {
            boolean isHost = f == host;
            for (BlockedPeriod b : blocks.getOrDefault(f.id(), List.of())) {
                throw new Conflict(isHost ? "official-blocked" : "invitee-blocked", f.name() + " is not available "
                        + describe(new Slot(b.start(), b.end(), b.end()), f)
                        + (b.reason() == null ? "" : " (" + b.reason() + ")"));
            }
            List<BusyTimes.Busy> mine = engaged.getOrDefault(f.id(), List.of());
            for (BusyTimes.Busy other : mine) {
                if (other.overlaps(slot.start, slot.busyUntil)) {
                    throw new Conflict(isHost ? "official-busy" : "invitee-busy", f.name() + " busy "
                            + describe(new Slot(other.start(), other.end(), other.busyUntil()), f) + " (with a "
                            + host.bufferMinutes() + " min buffer)");
                }
            }
            long sessions = mine.stream().filter(x -> !x.start().isBefore(dayStart) && x.start().isBefore(dayEnd))
                    .count();
            if (sessions >= f.maxSessionsPerDay()) {
                throw new Conflict("daily-limit", f.name() + " has " + f.maxSessionsPerDay() + " sessions on " + day
                        + " already (the daily maximum)");
            }
        }
    }

    /** An invitee joining an existing booking: its own blocks, overlaps and daily limit (no terminal). */
    private void checkCalendarsOfInvitee(Official f, Slot slot, long ignore) {
        for (var b : officials.calendar(f.id()).blocks()) {
            if (b.start().isBefore(slot.end) && b.end().isAfter(slot.start)) {
                throw new Conflict("invitee-blocked", f.name() + " is not available "
                        + describe(new Slot(b.start(), b.end(), b.end()), f)
                        + (b.reason() == null ? "" : " (" + b.reason() + ")"));
            }
        }
        List<BusyTimes.Busy> overlapping = busy.ofOfficials(List.of(f.id()), slot.start, slot.busyUntil, ignore);
        if (!overlapping.isEmpty()) {
            BusyTimes.Busy other = overlapping.get(0);
            throw new Conflict("invitee-busy", f.name() + " busy " + describe(new Slot(other.start(), other.end(),
                    other.busyUntil()), f));
        }
        ZoneId zone = offices.get(f.officeId()).zone();
        LocalDate day = slot.start.atZone(zone).toLocalDate();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        long sessions = busy.ofOfficials(List.of(f.id()), dayStart, dayEnd, ignore).stream()
                .filter(x -> !x.start().isBefore(dayStart)).count();
        if (sessions >= f.maxSessionsPerDay()) {
            throw new Conflict("daily-limit", f.name() + " has " + f.maxSessionsPerDay() + " sessions on " + day
                    + " already (the daily maximum)");
        }
    }

    private static void requireActive(Terminal t) {
        if (t.status() != TerminalStatus.ACTIVE) {
            throw new RuleViolation("terminal-maintenance", "terminal " + t.name() + " is under maintenance");
        }
    }

    // ---------------------------------------------------------------- locking

    /** Locks the terminal, then the officials by id; returns the terminal's status as locked. */
    private TerminalStatus lock(long terminalId, Official host, List<Official> invitees) {
        TerminalStatus status = lockTerminals(terminalId).get(terminalId);
        lockOfficials(host, invitees);
        return status;
    }

    private Map<Long, TerminalStatus> lockTerminals(long... ids) {
        TreeSet<Long> sorted = new TreeSet<>();
        for (long id : ids) sorted.add(id);
        Map<Long, TerminalStatus> status = new HashMap<>();
        for (long id : sorted) {
            status.put(id, TerminalStatus.valueOf(jdbc.sql("select status from terminal where id = ? for update")
                    .param(id).query(String.class).single()));
        }
        return status;
    }

    private void lockOfficials(Official host, List<Official> others) {
        TreeSet<Long> sorted = new TreeSet<>();
        sorted.add(host.id());
        others.forEach(o -> sorted.add(o.id()));
        for (long id : sorted) {
            jdbc.sql("select id from official where id = ? for update").param(id).query(Long.class).single();
        }
    }

    private Booking lockBooking(long bookingId) {
        jdbc.sql("select id from booking where id = ? for update").param(bookingId).query(Long.class).optional()
                .orElseThrow(() -> new NotFound("booking", bookingId));
        return load(bookingId);
    }

    // ---------------------------------------------------------------- helpers

    private Booking transition(Actor actor, long bookingId, String action, BookingState to, String reason,
                               BookingState... from) {
        return tx.execute(s -> {
            Booking current = lockBooking(bookingId);
            requireState(current, action, from);
            jdbc.sql("update booking set state = ?, cancel_reason = coalesce(?, cancel_reason), version = version + 1 "
                    + "where id = ?").params(to.name(), reason, bookingId).update();
            event(bookingId, to.name(), actor, reason);
            return load(bookingId);
        });
    }

    private static void requireState(Booking b, String action, BookingState... allowed) {
        for (BookingState s : allowed) if (b.state() == s) return;
        throw new Conflict("state-" + b.state().name().toLowerCase().replace('_', '-'),
                "cannot " + action + " a session that is " + b.state());
    }

    private boolean isHost(Actor actor, Booking b) {
        return actor.officialId() != null && actor.officialId() == b.officialId()
                && actor.may(Role.LEADER, Role.OFFICIAL);
    }

    private void requireManagesTerminal(Actor actor, Booking b) {
        access.requireSees(actor, b.terminalOfficeId(), "terminal " + b.terminalId());
    }

    /** The booking if the actor may see it: its terminal is in the actor's subtree, or the actor takes part. */
    private Booking visible(Actor actor, long bookingId) {
        Booking b = load(bookingId);
        if (access.sees(actor, b.terminalOfficeId())) return b;
        if (actor.officialId() != null && (actor.officialId() == b.officialId()
                || b.invitations().stream().anyMatch(i -> i.officialId() == actor.officialId()))) {
            return b;
        }
        throw new NotFound("booking", bookingId); // do not confirm that it exists
    }

    Booking load(long bookingId) {
        Booking b = jdbc.sql(SELECT + "where b.id = ?").param(bookingId).query(ROW).optional()
                .orElseThrow(() -> new NotFound("booking", bookingId));
        return withInvitations(List.of(b)).get(0);
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

    private void insertInvitation(long bookingId, Official invitee, Actor actor) {
        jdbc.sql("insert into booking_invitation (booking_id, official_id, state, invited_by, invited_at) "
                + "values (?,?,'PENDING',?,?)").params(bookingId, invitee.id(), actor.username(),
                Sql.ts(clock.instant())).update();
        event(bookingId, "INVITED", actor, invitee.name());
    }

    private void event(long bookingId, String kind, Actor actor, String detail) {
        jdbc.sql("insert into booking_event (booking_id, at, kind, actor, detail) values (?,?,?,?,?)")
                .params(bookingId, Sql.ts(clock.instant()), kind, actor.username(),
                        detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail)
                .update();
    }

    private Booking retryingOnDuplicateCode(Supplier<Booking> attempt) {
        for (int i = 0; ; i++) {
            try {
                return attempt.get();
            } catch (DuplicateKeyException e) {
                if (i >= 3) throw e; // 31^8 codes: a fourth collision in a row means something else is wrong
            }
        }
    }

    private String describe(Slot slot, Official inZoneOf) {
        ZoneId zone = offices.get(inZoneOf.officeId()).zone();
        ZonedDateTime s = slot.start.atZone(zone);
        ZonedDateTime e = slot.end.atZone(zone);
        String end = s.toLocalDate().equals(e.toLocalDate()) ? HM.format(e) : DAY.format(e) + " " + HM.format(e);
        return DAY.format(s) + " " + HM.format(s) + "–" + end;
    }

    private static String describeWindows(List<WeeklyWindow> windows) {
        if (windows.isEmpty()) return "none";
        StringBuilder sb = new StringBuilder();
        for (WeeklyWindow w : windows) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(w.day().toString(), 0, 3).append(' ').append(HM.format(w.start())).append('–')
                    .append(HM.format(w.end()));
        }
        return sb.toString();
    }
}
