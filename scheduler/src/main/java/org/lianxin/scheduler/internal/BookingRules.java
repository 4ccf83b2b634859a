package org.lianxin.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.lianxin.scheduler.WeeklyWindow;

/**
 * The booking rules apart from the calendar ({@link CalendarCheck}): what a booking, a move, a state change, an
 * invitation or an evaluation must satisfy. Pure: the booking, its context and the clock's instant ({@code now})
 * in, a {@link RuleViolation} or {@link Conflict} thrown out; nothing here reads the database or the clock. Who may
 * ask is decided before ({@link BookingAccess}); {@link JdbcBookings} calls these in the order the API promises.
 */
final class BookingRules {
    static final int MAX_CANCEL_REASON = 500;
    static final int MAX_COMMENT = 1000;

    private final Duration horizon;
    private final Duration checkInOpensBefore;

    /**
     * @param horizon            how far ahead a booking may start
     * @param checkInOpensBefore check-in at the terminal opens this long before the session
     */
    BookingRules(Duration horizon, Duration checkInOpensBefore) {
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        this.checkInOpensBefore = Objects.requireNonNull(checkInOpensBefore, "checkInOpensBefore");
    }

    // ---------------------------------------------------------------- a new or moved booking

    void requireStart(Instant start) {
        if (start == null) throw new RuleViolation("start-required", "a booking needs a start time");
    }

    void requireNewStart(Instant newStart) {
        if (newStart == null) throw new RuleViolation("start-required", "a new start time is required");
    }

    void requireReceives(Official official) {
        if (!official.active()) {
            throw new RuleViolation("official-inactive", official.name() + " no longer receives",
                    Facts.of("official", official.name()));
        }
    }

    void requireOpen(CaseFile c) {
        if (c.status() == CaseStatus.CLOSED) {
            throw new RuleViolation("case-closed", "case " + c.caseNumber() + " is closed",
                    Facts.of("caseNumber", c.caseNumber()));
        }
    }

    /**
     * The case must lie in the host's jurisdiction; the terminal's office must be the case's office or above it.
     *
     * @param jurisdiction the host's jurisdiction (a department's is its parent office)
     */
    void checkPlacement(Official host, Office jurisdiction, Terminal terminal, Office terminalOffice, CaseFile c,
                        Office caseOffice) {
        if (!jurisdiction.contains(caseOffice)) {
            throw new RuleViolation("case-outside-official-jurisdiction", "case " + c.caseNumber() + " of "
                    + caseOffice.name() + " lies outside the jurisdiction of " + host.name() + " ("
                    + jurisdiction.name() + ")", Facts.of("caseNumber", c.caseNumber(), "caseOffice", caseOffice.name(),
                    "caseOfficeEn", caseOffice.nameEn(), "official", host.name(), "jurisdiction", jurisdiction.name(),
                    "jurisdictionEn", jurisdiction.nameEn()));
        }
        if (!terminalOffice.contains(caseOffice)) {
            throw new RuleViolation("terminal-outside-case-office", "terminal " + terminal.name() + " of "
                    + terminalOffice.name() + " is neither at nor above the case's office " + caseOffice.name(),
                    Facts.of("terminal", terminal.name(), "terminalOffice", terminalOffice.name(),
                            "terminalOfficeEn", terminalOffice.nameEn(), "caseOffice", caseOffice.name(),
                            "caseOfficeEn", caseOffice.nameEn()));
        }
    }

    /** The host's session starting at {@code start}: the host's slot length, then the host's buffer. */
    Slot slotOf(Official host, Instant start) {
        if (start.getEpochSecond() % 60 != 0 || start.getNano() != 0) {
            throw new RuleViolation("start-not-on-minute", "a session starts on a whole minute");
        }
        return Slot.withBuffer(start, start.plus(Duration.ofMinutes(host.slotMinutes())), host.bufferMinutes());
    }

    /**
     * Not in the past, not beyond the horizon, inside one of the host's weekly windows.
     *
     * @param zone the zone of the host's office, where its windows lie
     */
    void checkTiming(Official host, ZoneId zone, List<WeeklyWindow> windows, Slot slot, Instant now) {
        if (!slot.start().isAfter(now)) throw new RuleViolation("in-past", "the start time is in the past");
        if (slot.start().isAfter(now.plus(horizon))) {
            throw new RuleViolation("beyond-horizon", "bookings are taken at most " + horizon.toDays()
                    + " days ahead", Facts.of("days", horizon.toDays()));
        }
        ZonedDateTime s = slot.start().atZone(zone);
        ZonedDateTime e = slot.end().atZone(zone);
        boolean inside = s.toLocalDate().equals(e.toLocalDate()) && windows.stream().anyMatch(w ->
                w.day() == s.getDayOfWeek() && !s.toLocalTime().isBefore(w.start())
                        && !e.toLocalTime().isAfter(w.end()));
        if (!inside) {
            throw new RuleViolation("outside-availability", host.name() + " does not receive "
                    + TimeText.span(slot.start(), slot.end(), zone) + " (reception hours: "
                    + TimeText.weeklyWindows(windows) + ")", Facts.of("official", host.name(), "start", slot.start(),
                    "end", slot.end(), "zone", zone));
        }
    }

    void requireActive(Terminal t) {
        if (t.status() != TerminalStatus.ACTIVE) {
            throw new RuleViolation("terminal-maintenance", "terminal " + t.name() + " is under maintenance",
                    Facts.of("terminal", t.name()));
        }
    }

    // ---------------------------------------------------------------- invitees

    /** The ids to invite, each once. */
    List<Long> distinctInvitees(List<Long> ids) {
        LinkedHashSet<Long> unique = new LinkedHashSet<>(ids);
        if (unique.size() != ids.size()) throw new RuleViolation("invitee-duplicate", "an official is invited twice");
        return List.copyOf(unique);
    }

    void requireNotHost(Official host, long inviteeId) {
        if (inviteeId == host.id()) throw new RuleViolation("invitee-is-host", "the host cannot be invited");
    }

    /** @param jurisdiction the invitee's jurisdiction (a department's is its parent office) */
    void checkInviteeJurisdiction(Official invitee, Office jurisdiction, CaseFile c, Office caseOffice) {
        if (!jurisdiction.contains(caseOffice)) {
            throw new RuleViolation("invitee-outside-jurisdiction", invitee.name() + " has no jurisdiction over case "
                    + c.caseNumber(), Facts.of("official", invitee.name(), "caseNumber", c.caseNumber()));
        }
    }

    /** An invitation may be added while the booking holds its time. */
    void requireActiveBooking(Booking b) {
        if (!b.state().active()) {
            throw new RuleViolation("booking-not-active", "the session is " + b.state());
        }
    }

    /** The official's earlier invitation to {@code b} if it was declined (invited again), else null. */
    Invitation declinedInvitation(Booking b, Official invitee) {
        Invitation existing = b.invitations().stream().filter(i -> i.officialId() == invitee.id())
                .findFirst().orElse(null);
        if (existing != null && existing.state() != InvitationState.DECLINED) {
            throw new Conflict("already-invited", invitee.name() + " is invited already",
                    Facts.of("official", invitee.name()));
        }
        return existing;
    }

    /** The official's invitation to {@code b}, still to be answered. */
    Invitation pendingInvitation(Booking b, long officialId) {
        Invitation inv = b.invitations().stream().filter(i -> i.officialId() == officialId).findFirst()
                .orElseThrow(() -> new NotFound("invitation", b.id() + "/" + officialId));
        if (inv.state() != InvitationState.PENDING) {
            throw new Conflict("invitation-answered", "the invitation was " + inv.state() + " already");
        }
        return inv;
    }

    // ---------------------------------------------------------------- the session's life

    /** {@code action} ("cancel", "check in", …) is allowed only from these states. */
    void requireState(Booking b, String action, BookingState... allowed) {
        for (BookingState s : allowed) if (b.state() == s) return;
        throw new Conflict("state-" + b.state().name().toLowerCase().replace('_', '-'),
                "cannot " + action + " a session that is " + b.state());
    }

    /** The reason, trimmed. */
    String cancelReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("cancel-reason-required", "a cancellation needs a reason");
        }
        if (reason.length() > MAX_CANCEL_REASON) {
            throw new RuleViolation("cancel-reason-too-long", "reason over 500 characters",
                    Facts.of("max", MAX_CANCEL_REASON));
        }
        return reason.trim();
    }

    void checkNoShowTime(Booking b, Instant now) {
        if (now.isBefore(b.start())) {
            throw new RuleViolation("too-early-for-no-show", "the session has not started yet");
        }
    }

    /** A session is ended as interrupted only once its time is over. */
    void checkInterruptTime(Booking b, Instant now) {
        if (now.isBefore(b.end())) {
            throw new RuleViolation("session-not-over", "the session's time is not over yet");
        }
    }

    /** Check-in opens {@code checkInOpensBefore} the start and closes at the session's end. */
    void checkCheckInTime(Booking b, Instant now) {
        if (now.isBefore(b.start().minus(checkInOpensBefore))) {
            throw new RuleViolation("too-early-to-check-in", "check-in opens " + checkInOpensBefore.toMinutes()
                    + " minutes before the session", Facts.of("minutes", checkInOpensBefore.toMinutes(), "opensAt",
                    b.start().minus(checkInOpensBefore)));
        }
        if (!now.isBefore(b.end())) throw new RuleViolation("session-over", "the session's time is over");
    }

    /** @param matches whether the ID number given at the terminal matches the case file's */
    void requireIdentity(boolean matches) {
        if (!matches) {
            throw new RuleViolation("identity-mismatch", "the ID-card number does not match the case file");
        }
    }

    void checkEvaluation(int score, String comment) {
        if (score < 1 || score > 5) throw new RuleViolation("score-invalid", "the score is 1 to 5");
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new RuleViolation("comment-too-long", "the comment is over 1000 characters",
                    Facts.of("max", MAX_COMMENT));
        }
    }

    void requireNotEvaluated(Booking b) {
        if (b.satisfactionScore() != null) {
            throw new Conflict("already-evaluated", "the session was evaluated already");
        }
    }
}
