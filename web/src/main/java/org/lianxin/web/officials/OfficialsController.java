package org.lianxin.web.officials;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Availability;
import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.CalendarSettings;
import org.lianxin.scheduler.FreeSlot;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.Officials;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Officials and their reception calendars. */
@Tag(name = "Officials")
@RestController
@RequestMapping("/api/v1/officials")
class OfficialsController {
    private final Officials officials;
    private final Availability availability;

    OfficialsController(Officials officials, Availability availability) {
        this.officials = officials;
        this.availability = availability;
    }

    @Operation(summary = "Get an official")
    @GetMapping("/{id}")
    Official get(Actor actor, @PathVariable long id) {
        return officials.get(actor, id);
    }

    @Operation(summary = "Register an official who receives petitioners")
    @PostMapping
    ResponseEntity<Official> create(Actor actor, @Valid @RequestBody Requests.NewOfficialRequest body) {
        Official created = officials.create(actor, body.toNewOfficial());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(created.id());
        return ResponseEntity.created(location).body(created);
    }

    @Operation(summary = "Get an official's reception calendar: windows, blocks and settings")
    @GetMapping("/{id}/calendar")
    CalendarView calendar(Actor actor, @PathVariable long id) {
        return CalendarView.of(officials.calendar(actor, id));
    }

    @Operation(summary = "Replace an official's weekly reception windows")
    @PutMapping("/{id}/windows")
    CalendarView windows(Actor actor, @PathVariable long id,
                         @RequestBody @Size(max = 50) List<Requests.@Valid @NotNull WindowRequest> windows) {
        return CalendarView.of(officials.replaceWindows(actor, id,
                windows.stream().map(Requests.WindowRequest::toWindow).toList()));
    }

    @Operation(summary = "Change an official's slot length, buffer between slots and daily session limit")
    @PutMapping("/{id}/settings")
    CalendarView settings(Actor actor, @PathVariable long id, @Valid @RequestBody Requests.SettingsRequest body) {
        return CalendarView.of(officials.updateSettings(actor, id,
                new CalendarSettings(body.slotMinutes(), body.bufferMinutes(), body.maxSessionsPerDay())));
    }

    @Operation(summary = "Block a period in an official's calendar")
    @PostMapping("/{id}/blocks")
    ResponseEntity<BlockedPeriod> block(Actor actor, @PathVariable long id,
                                        @Valid @RequestBody Requests.BlockRequest body) {
        BlockedPeriod b = officials.block(actor, id, body.start(), body.end(), body.reason());
        return ResponseEntity.status(201).body(b);
    }

    @Operation(summary = "Remove a blocked period from an official's calendar")
    @DeleteMapping("/{id}/blocks/{blockId}")
    ResponseEntity<Void> unblock(Actor actor, @PathVariable long id, @PathVariable long blockId) {
        officials.unblock(actor, id, blockId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List an official's free slots between two dates")
    @GetMapping("/{id}/free-slots")
    List<FreeSlot> freeSlots(Actor actor, @PathVariable long id,
                             @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(required = false) Long terminalId) {
        return availability.freeSlots(actor, id, from, to, terminalId);
    }

    /** The absolute URL of the official's iCalendar feed (secret: whoever has it can read the sessions). */
    @Operation(summary = "Get the URL of an official's private iCalendar feed")
    @GetMapping("/{id}/calendar-feed")
    Requests.FeedUrl calendarFeed(Actor actor, @PathVariable long id) {
        String token = officials.calendarFeedToken(actor, id);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/calendar/{token}.ics")
                .buildAndExpand(token).toUriString();
        return new Requests.FeedUrl(url);
    }
}
