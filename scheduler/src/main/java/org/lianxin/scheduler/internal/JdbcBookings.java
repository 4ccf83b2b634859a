package org.lianxin.scheduler.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.ScheduleEvent;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bookings without collisions: each request is checked in this order — who may ask ({@link BookingAccess}), the
 * rules ({@link BookingRules}), the calendars ({@link CalendarCheck}, first without locks to refuse the obvious
 * losers cheaply) — then, in one transaction, the rows are locked ({@link BookingLocks}: terminal, then officials by
 * id, then the booking), the state and the calendars are checked again, and the change is written
 * ({@link BookingRows}) with its history ({@link BookingHistory}). Two concurrent attempts on the same official or
 * terminal are serialized by the database, on PostgreSQL and H2 alike; the loser sees the winner's row and is
 * refused. Each booking made, moved, started, completed or closed is told as a {@link ScheduleEvent} inside its
 * transaction (the outbox) and after commit (the listener), whoever changed it.
 */
final class JdbcBookings implements Bookings {
    private static final Logger log = LoggerFactory.getLogger(JdbcBookings.class);

    private final TransactionTemplate tx;
    private final BookingAccess access;
    private final BookingRules rules;
    private final BookingRows rows;
    private final BookingLocks locks;
    private final BookingHistory history;
    private final BusyTimes busy;
    private final ScheduleEventDispatch events;
    private final JdbcOffices offices;
    private final JdbcOfficials officials;
    private final JdbcTerminals terminals;
    private final JdbcCases cases;
    private final Clock clock;

    JdbcBookings(TransactionTemplate tx, BookingAccess access, BookingRules rules, BookingRows rows,
                 BookingLocks locks, BookingHistory history, BusyTimes busy, ScheduleEventDispatch events,
                 JdbcOffices offices, JdbcOfficials officials, JdbcTerminals terminals, JdbcCases cases, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.rules = rules;
        this.rows = rows;
        this.locks = locks;
        this.history = history;
        this.busy = busy;
        this.events = events;
        this.offices = offices;
        this.officials = officials;
        this.terminals = terminals;
        this.cases = cases;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- booking and rescheduling

    @Override
    public Booking book(Actor actor, NewBooking nb) {
        access.requireRole(actor, "book sessions", Role.ADMIN, Role.SCHEDULER);
        rules.requireStart(nb.start());
        BookingRows.Context ctx = rows.context(nb.officialId(), nb.terminalId(), nb.caseId());
        Official host = ctx.host();
        rules.requireReceives(host);
        Terminal terminal = ctx.terminal();
        CaseFile c = ctx.caseFile();
        access.requireSees(actor, terminal.officeId(), "terminal " + terminal.id());
        access.requireSees(actor, c.officeId(), "case " + c.id());
        rules.requireOpen(c);
        checkPlacement(host, terminal, c);
        Slot slot = rules.slotOf(host, nb.start());
        rules.checkTiming(host, zoneOf(host), ctx.windows(), slot, clock.instant());
        List<Official> invitees = invitees(host, c, nb.inviteeIds());
        rules.requireActive(terminal);
        checkCalendars(host, invitees, terminal, slot, 0); // without locks: refuse the obvious losers cheaply
        return retryingOnDuplicateCode(() -> tx.execute(s -> {
            if (locks.forBooking(terminal.id(), host, invitees) != TerminalStatus.ACTIVE) {
                rules.requireActive(terminals.get(terminal.id()));
            }
            checkCalendars(host, invitees, terminal, slot, 0); // under the locks: final
            String code = Tokens.code(8);
            long id = rows.insert(code, c.id(), host.id(), terminal.id(), slot, actor.username(), clock.instant());
            history.record(id, "BOOKED", actor, host.name() + " at " + terminal.name() + ", "
                    + TimeText.span(slot.start(), slot.end(), zoneOf(host)));
            for (Official i : invitees) invite(id, i, actor);
            events.tell(new ScheduleEvent.BookingCreated(id));
            log.info("booking {} created: official {} terminal {} case {} at {}", id, host.id(), terminal.id(),
                    c.id(), slot.start());
            List<Invitation> invitations = invitees.stream().map(i -> new Invitation(i.id(), i.name(), i.officeId(),
                    InvitationState.PENDING)).toList();
            return new Booking(id, code, c.id(), c.caseNumber(), host.id(), host.name(), terminal.id(),
                    terminal.name(), terminal.officeId(), slot.start(), slot.end(), BookingState.BOOKED, null, null,
                    null, invitations, 0);
        }));
    }

    @Override
    public Booking reschedule(Actor actor, long bookingId, Instant newStart, Long newTerminalId) {
        access.requireRole(actor, "reschedule sessions", Role.ADMIN, Role.SCHEDULER);
        rules.requireNewStart(newStart);
        Booking b = access.visible(actor, bookingId);
        access.requireManagesTerminal(actor, b);
        rules.requireState(b, "reschedule", BookingState.BOOKED);
        Official host = activeOfficial(b.officialId());
        Terminal terminal = terminals.get(newTerminalId == null ? b.terminalId() : newTerminalId);
        access.requireSees(actor, terminal.officeId(), "terminal " + terminal.id());
        CaseFile c = cases.find(b.caseId());
        checkPlacement(host, terminal, c);
        Slot slot = rules.slotOf(host, newStart);
        rules.checkTiming(host, zoneOf(host), officials.windows(host.id()), slot, clock.instant());
        List<Official> invitees = b.invitations().stream().filter(i -> i.state() != InvitationState.DECLINED)
                .map(i -> officials.get(i.officialId())).toList();
        return tx.execute(s -> {
            TerminalStatus status = locks.terminals(b.terminalId(), terminal.id()).get(terminal.id());
            locks.officials(host, invitees);
            Booking current = locks.booking(bookingId);
            rules.requireState(current, "reschedule", BookingState.BOOKED);
            if (status != TerminalStatus.ACTIVE) rules.requireActive(terminals.get(terminal.id()));
            checkCalendars(host, invitees, terminal, slot, bookingId);
            rows.move(bookingId, slot, terminal.id());
            ZoneId zone = zoneOf(host);
            history.record(bookingId, "RESCHEDULED", actor, "from "
                    + TimeText.span(current.start(), current.end(), zone) + " at " + current.terminalName() + " to "
                    + TimeText.span(slot.start(), slot.end(), zone) + " at " + terminal.name());
            events.tell(new ScheduleEvent.BookingRescheduled(bookingId, current.start(), current.terminalId()));
            return rows.load(bookingId);
        });
    }

    // ---------------------------------------------------------------- state changes

    @Override
    public Booking cancel(Actor actor, long bookingId, String reason) {
        String why = rules.cancelReason(reason);
        Booking b = access.visible(actor, bookingId);
        if (!access.isHost(actor, b)) {
            access.requireRole(actor, "cancel sessions", Role.ADMIN, Role.SCHEDULER);
            access.requireManagesTerminal(actor, b);
        }
        return transition(actor, bookingId, "cancel", BookingState.CANCELLED, why,
                BookingState.BOOKED, BookingState.CHECKED_IN);
    }

    @Override
    public Booking noShow(Actor actor, long bookingId) {
        Booking b = access.visible(actor, bookingId);
        access.requireRole(actor, "mark a no-show", Role.ADMIN, Role.SCHEDULER);
        access.requireManagesTerminal(actor, b);
        rules.checkNoShowTime(b, clock.instant());
        return transition(actor, bookingId, "mark as no-show", BookingState.NO_SHOW, null, BookingState.BOOKED);
    }

    @Override
    public Booking checkIn(Actor actor, long bookingId, String idNumber) {
        Booking b = access.visible(actor, bookingId);
        access.requireRole(actor, "check petitioners in", Role.ADMIN, Role.SCHEDULER);
        access.requireManagesTerminal(actor, b);
        rules.requireState(b, "check in", BookingState.BOOKED);
        rules.checkCheckInTime(b, clock.instant());
        boolean matches = cases.identityMatches(b.caseId(), idNumber);
        if (!matches) history.record(bookingId, "IDENTITY_MISMATCH", actor, null);
        rules.requireIdentity(matches);
        return transition(actor, bookingId, "check in", BookingState.CHECKED_IN, null, BookingState.BOOKED);
    }

    @Override
    public Booking startSession(Actor actor, long bookingId) {
        Booking b = access.visible(actor, bookingId);
        if (!access.isHost(actor, b)) access.requireRole(actor, "start sessions", Role.ADMIN, Role.SCHEDULER);
        return transition(actor, bookingId, "start", BookingState.IN_SESSION, null, BookingState.CHECKED_IN);
    }

    @Override
    public Booking complete(Actor actor, long bookingId) {
        Booking b = access.visible(actor, bookingId);
        if (!access.isHost(actor, b)) access.requireRole(actor, "end sessions", Role.ADMIN, Role.SCHEDULER);
        return transition(actor, bookingId, "complete", BookingState.COMPLETED, null, BookingState.IN_SESSION);
    }

    @Override
    public Booking interrupt(Actor actor, long bookingId, String reason) {
        Booking b = access.visible(actor, bookingId);
        if (!access.isHost(actor, b)) {
            access.requireRole(actor, "end sessions", Role.ADMIN, Role.SCHEDULER);
            access.requireManagesTerminal(actor, b);
        }
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        return tx.execute(s -> {
            Booking current = locks.booking(bookingId);
            rules.requireState(current, "end as interrupted", BookingState.IN_SESSION);
            rules.checkInterruptTime(current, clock.instant());
            rows.changeState(bookingId, BookingState.INTERRUPTED, null);
            history.record(bookingId, BookingState.INTERRUPTED.name(), actor, why);
            events.tell(new ScheduleEvent.BookingClosed(bookingId, BookingState.INTERRUPTED));
            return rows.load(bookingId);
        });
    }

    @Override
    public Booking evaluate(Actor actor, long bookingId, int score, String comment) {
        Booking b = access.visible(actor, bookingId);
        access.requireRole(actor, "record an evaluation", Role.ADMIN, Role.SCHEDULER);
        access.requireManagesTerminal(actor, b);
        rules.checkEvaluation(score, comment);
        return tx.execute(s -> {
            Booking current = locks.booking(bookingId);
            rules.requireState(current, "evaluate", BookingState.COMPLETED);
            rules.requireNotEvaluated(current);
            rows.evaluate(bookingId, score, comment == null ? null : comment.trim());
            history.record(bookingId, "EVALUATED", actor, "score " + score);
            return rows.load(bookingId);
        });
    }

    // ---------------------------------------------------------------- joint reception

    @Override
    public Booking invite(Actor actor, long bookingId, long officialId) {
        Booking b = access.visible(actor, bookingId);
        if (!access.isHost(actor, b)) {
            access.requireRole(actor, "invite officials", Role.ADMIN, Role.SCHEDULER);
            access.requireManagesTerminal(actor, b);
        }
        rules.requireActiveBooking(b);
        Official host = officials.get(b.officialId());
        Official invitee = invitees(host, cases.find(b.caseId()), List.of(officialId)).get(0);
        Slot slot = Slot.withBuffer(b.start(), b.end(), host.bufferMinutes());
        return tx.execute(s -> {
            locks.officials(host, List.of(invitee));
            Booking current = locks.booking(bookingId);
            rules.requireActiveBooking(current);
            Invitation declined = rules.declinedInvitation(current, invitee);
            checkCalendarOfInvitee(host, invitee, slot, bookingId);
            if (declined != null) {
                rows.reinvite(bookingId, officialId, actor.username(), clock.instant());
                history.record(bookingId, "INVITED", actor, invitee.name());
            } else {
                invite(bookingId, invitee, actor);
            }
            rows.bumpVersion(bookingId);
            return rows.load(bookingId);
        });
    }

    @Override
    public Booking respond(Actor actor, long bookingId, long officialId, boolean accept) {
        Booking b = access.visible(actor, bookingId);
        if (!access.isSelf(actor, officialId)) {
            access.requireRole(actor, "answer for another official", Role.ADMIN, Role.SCHEDULER);
            access.requireManagesTerminal(actor, b);
        }
        return tx.execute(s -> {
            Booking current = locks.booking(bookingId);
            Invitation inv = rules.pendingInvitation(current, officialId);
            rules.requireActiveBooking(current);
            InvitationState state = accept ? InvitationState.ACCEPTED : InvitationState.DECLINED;
            rows.answerInvitation(bookingId, officialId, state, clock.instant());
            rows.bumpVersion(bookingId);
            history.record(bookingId, state.name(), actor, inv.officialName());
            return rows.load(bookingId);
        });
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Booking get(Actor actor, long bookingId) {
        return access.visible(actor, bookingId);
    }

    @Override
    public Booking byCode(Actor actor, String code) {
        return access.visible(actor, rows.idByCode(code));
    }

    @Override
    public List<Booking> list(Actor actor, BookingQuery q) {
        return rows.list(actor, q);
    }

    @Override
    public List<BookingEvent> history(Actor actor, long bookingId) {
        access.visible(actor, bookingId);
        return history.of(bookingId);
    }

    // ---------------------------------------------------------------- steps

    /** Locks the booking, checks its state, writes the new one with its history, and tells it. */
    private Booking transition(Actor actor, long bookingId, String action, BookingState to, String reason,
                               BookingState... from) {
        return tx.execute(s -> {
            Booking current = locks.booking(bookingId);
            rules.requireState(current, action, from);
            rows.changeState(bookingId, to, reason);
            history.record(bookingId, to.name(), actor, reason);
            if (to == BookingState.CANCELLED || to == BookingState.NO_SHOW) {
                events.tell(new ScheduleEvent.BookingClosed(bookingId, to));
            } else if (to == BookingState.IN_SESSION) {
                events.tell(new ScheduleEvent.SessionStarted(bookingId));
            } else if (to == BookingState.COMPLETED) {
                events.tell(new ScheduleEvent.SessionCompleted(bookingId));
            }
            return rows.load(bookingId);
        });
    }

    /** The officials to invite, each active and with jurisdiction over the case. */
    private List<Official> invitees(Official host, CaseFile c, List<Long> ids) {
        List<Long> unique = rules.distinctInvitees(ids);
        List<Official> result = new ArrayList<>();
        Office caseOffice = offices.get(c.officeId());
        for (long id : unique) {
            rules.requireNotHost(host, id);
            Official f = activeOfficial(id);
            rules.checkInviteeJurisdiction(f, offices.jurisdictionOf(f.officeId()), c, caseOffice);
            result.add(f);
        }
        return result;
    }

    private void invite(long bookingId, Official invitee, Actor actor) {
        rows.insertInvitation(bookingId, invitee.id(), actor.username(), clock.instant());
        history.record(bookingId, "INVITED", actor, invitee.name());
    }

    private Official activeOfficial(long id) {
        Official f = officials.get(id);
        rules.requireReceives(f);
        return f;
    }

    private void checkPlacement(Official host, Terminal terminal, CaseFile c) {
        rules.checkPlacement(host, offices.jurisdictionOf(host.officeId()), terminal, offices.get(terminal.officeId()),
                c, offices.get(c.officeId()));
    }

    /**
     * The terminal, the host and the invitees: their calendars in one round trip, the daily maximum counted on the
     * slot's day in the zone of the host's office.
     */
    private void checkCalendars(Official host, List<Official> invitees, Terminal terminal, Slot slot, long ignore) {
        List<Official> people = new ArrayList<>(invitees.size() + 1);
        people.add(host);
        people.addAll(invitees);
        ZoneId hostZone = zoneOf(host);
        DayWindow day = DayWindow.containing(slot.start(), hostZone);
        BusyTimes.Calendars cal = busy.calendars(terminal.id(), slot, day, people.stream().map(Official::id).toList(),
                ignore);
        List<CalendarCheck.OfficialCalendar> calendars = new ArrayList<>(people.size());
        for (Official f : people) {
            calendars.add(new CalendarCheck.OfficialCalendar(f, f == host, zoneOf(f),
                    cal.blocks().getOrDefault(f.id(), List.of()), cal.officials().getOrDefault(f.id(), List.of())));
        }
        CalendarCheck.check(slot, day, host.bufferMinutes(),
                new CalendarCheck.TerminalCalendar(terminal, hostZone, cal.terminal()), calendars);
    }

    /** An official invited into an existing booking: the daily maximum counted on the slot's day in its own zone. */
    private void checkCalendarOfInvitee(Official host, Official invitee, Slot slot, long bookingId) {
        ZoneId zone = zoneOf(invitee);
        DayWindow day = DayWindow.containing(slot.start(), zone);
        BusyTimes.Calendars cal = busy.calendars(null, slot, day, List.of(invitee.id()), bookingId);
        CalendarCheck.check(slot, day, host.bufferMinutes(), null, List.of(new CalendarCheck.OfficialCalendar(invitee,
                false, zone, cal.blocks().getOrDefault(invitee.id(), List.of()),
                cal.officials().getOrDefault(invitee.id(), List.of()))));
    }

    private ZoneId zoneOf(Official official) {
        return offices.get(official.officeId()).zone();
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
}
