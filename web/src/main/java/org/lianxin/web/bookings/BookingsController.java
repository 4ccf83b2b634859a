package org.lianxin.web.bookings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.web.input.DateWindow;
import org.lianxin.web.input.InputRefused;
import org.lianxin.web.input.MultiLine;
import org.lianxin.web.security.LianxinUser;
import org.lianxin.web.security.UserAccounts;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Reception bookings: book, list, reschedule, cancel, check in, invite, evaluate. A cancel or no-show is told by the
 * scheduler itself ({@code ScheduleEvent.BookingClosed}, whatever the path; the booking's live room ends).
 */
@Tag(name = "Bookings")
@RestController
@RequestMapping("/api/v1/bookings")
class BookingsController {
    private final Bookings bookings;
    private final Officials officials;
    private final Offices offices;
    private final UserAccounts users;
    private final ZoneId defaultZone;

    BookingsController(Bookings bookings, Officials officials, Offices offices, UserAccounts users,
                       SchedulerSettings settings) {
        this.bookings = bookings;
        this.officials = officials;
        this.offices = offices;
        this.users = users;
        this.defaultZone = settings.defaultZone();
    }

    record NewBookingRequest(@NotNull @Positive Long officialId, @NotNull @Positive Long terminalId,
                             @NotNull @Positive Long caseId, @NotNull Instant start,
                             @Size(max = 20) List<@NotNull @Positive Long> inviteeIds) {
    }

    record RescheduleRequest(@NotNull Instant start, @Positive Long terminalId) {
    }

    record CancelRequest(@NotBlank @Size(max = 500) @MultiLine String reason) {
    }

    record CheckInRequest(@NotBlank @Size(max = 18) String idNumber) {
        @Override
        public String toString() { // never print the ID number
            return "CheckInRequest[***]";
        }
    }

    record InviteRequest(@NotNull @Positive Long officialId) {
    }

    record InvitationResponse(@NotNull Boolean accept) {
    }

    record EvaluationRequest(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 1000) @MultiLine String comment) {
    }

    /**
     * Bookings in the caller's subtree. {@code from}/{@code to} are ISO-8601 instants, or dates (taken in the
     * default zone: from the start of {@code from} to the end of {@code to}).
     */
    @Operation(summary = "Search bookings by office, official, terminal, case or period")
    @GetMapping
    List<Booking> list(Actor actor, @RequestParam(required = false) Long officeId,
                       @RequestParam(required = false) Long officialId,
                       @RequestParam(required = false) Long terminalId, @RequestParam(required = false) Long caseId,
                       @RequestParam(required = false) BookingState state,
                       @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return bookings.list(actor, new BookingQuery(officeId, officialId, terminalId, caseId, state,
                instant(from, false), instant(to, true)));
    }

    private Instant instant(String value, boolean endOfDay) {
        if (value == null || value.isBlank()) return null;
        try {
            if (value.indexOf('T') < 0) { // a date (also one of a far year, refused below)
                LocalDate d = DateWindow.check(LocalDate.parse(value));
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(defaultZone).toInstant();
            }
            return DateWindow.check(Instant.parse(value));
        } catch (InputRefused e) {
            throw e.of(endOfDay ? "to" : "from");
        } catch (DateTimeParseException e) {
            throw new BadParameter("'" + value + "' is neither an ISO-8601 instant nor a date");
        }
    }

    @Operation(summary = "Book a reception with an official at a terminal")
    @PostMapping
    ResponseEntity<Booking> book(Actor actor, @Valid @RequestBody NewBookingRequest body) {
        Booking b = bookings.book(actor, new NewBooking(body.officialId(), body.terminalId(), body.caseId(),
                body.start(), body.inviteeIds()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(b.id());
        return ResponseEntity.created(location).body(b);
    }

    @Operation(summary = "Get a booking")
    @GetMapping("/{id}")
    Booking get(Actor actor, @PathVariable long id) {
        return bookings.get(actor, id);
    }

    @Operation(summary = "Find a booking by the code given to the petitioner")
    @GetMapping("/by-code/{code}")
    Booking byCode(Actor actor, @PathVariable String code) {
        return bookings.byCode(actor, code);
    }

    /** The booking's history, oldest first, each entry with its facts and names for the page's sentences. */
    @Operation(summary = "Get a booking's history of changes")
    @GetMapping("/{id}/history")
    List<BookingHistoryEntries.Entry> history(Actor actor, @PathVariable long id) {
        Booking b = bookings.get(actor, id);
        List<BookingEvent> events = bookings.history(actor, id);
        ZoneId zone = zoneOf(b);
        return BookingHistoryEntries.of(b, events, u -> users.find(u).map(this::user).orElse(null), zone);
    }

    private BookingHistoryEntries.User user(LianxinUser u) {
        String official = null;
        if (u.officialId() != null) {
            try {
                official = officials.get(u.officialId()).name();
            } catch (SchedulerException e) {
                // an official no longer on record: the user's name only
            }
        }
        return new BookingHistoryEntries.User(u.displayName() == null || u.displayName().isBlank() ? null
                : u.displayName(), official);
    }

        /** The zone the scheduler writes the booking's times in: its official's office's. */
    private ZoneId zoneOf(Booking b) {
        try {
            return offices.get(officials.get(b.officialId()).officeId()).zone();
        } catch (SchedulerException e) {
            return defaultZone;
        }
    }

    @Operation(summary = "Move a booking to another time or terminal")
    @PostMapping("/{id}/reschedule")
    Booking reschedule(Actor actor, @PathVariable long id, @Valid @RequestBody RescheduleRequest body) {
        return bookings.reschedule(actor, id, body.start(), body.terminalId());
    }

    @Operation(summary = "Cancel a booking with the reason")
    @PostMapping("/{id}/cancel")
    Booking cancel(Actor actor, @PathVariable long id, @Valid @RequestBody CancelRequest body) {
        return bookings.cancel(actor, id, body.reason());
    }

    @Operation(summary = "Mark that the petitioner did not come")
    @PostMapping("/{id}/no-show")
    Booking noShow(Actor actor, @PathVariable long id) {
        return bookings.noShow(actor, id);
    }

    @Operation(summary = "Check the petitioner in at the terminal by ID number")
    @PostMapping("/{id}/check-in")
    Booking checkIn(Actor actor, @PathVariable long id, @Valid @RequestBody CheckInRequest body) {
        return bookings.checkIn(actor, id, body.idNumber());
    }

    @Operation(summary = "Invite another official to join the reception")
    @PostMapping("/{id}/invitations")
    Booking invite(Actor actor, @PathVariable long id, @Valid @RequestBody InviteRequest body) {
        return bookings.invite(actor, id, body.officialId());
    }

    @Operation(summary = "Accept or decline an invitation to a reception")
    @PostMapping("/{id}/invitations/{officialId}/response")
    Booking respond(Actor actor, @PathVariable long id, @PathVariable long officialId,
                    @Valid @RequestBody InvitationResponse body) {
        return bookings.respond(actor, id, officialId, body.accept());
    }

    @Operation(summary = "Record the petitioner's evaluation of the reception")
    @PostMapping("/{id}/evaluation")
    Booking evaluate(Actor actor, @PathVariable long id, @Valid @RequestBody EvaluationRequest body) {
        return bookings.evaluate(actor, id, body.score(), body.comment());
    }
}
