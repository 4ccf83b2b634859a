package org.lianxin.web.offices;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Availability;
import org.lianxin.scheduler.FreeSlot;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.Terminals;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The office tree and what lies at an office: officials, terminals, free slots. */
@Tag(name = "Offices")
@RestController
@RequestMapping("/api/v1/offices")
class OfficesController {
    private final Offices offices;
    private final Officials officials;
    private final Terminals terminals;
    private final Availability availability;

    OfficesController(Offices offices, Officials officials, Terminals terminals, Availability availability) {
        this.offices = offices;
        this.officials = officials;
        this.terminals = terminals;
        this.availability = availability;
    }

    /** The whole tree in path order. */
    @Operation(summary = "List all petition offices")
    @GetMapping
    List<Office> all() {
        return offices.all();
    }

    @Operation(summary = "Get a petition office")
    @GetMapping("/{id}")
    Office get(@PathVariable long id) {
        return offices.get(id);
    }

    @Operation(summary = "List an office's officials, optionally with its sub-offices")
    @GetMapping("/{id}/officials")
    List<Official> officials(Actor actor, @PathVariable long id,
                             @RequestParam(defaultValue = "false") boolean subtree) {
        return officials.list(actor, id, subtree);
    }

    @Operation(summary = "List an office's reception terminals")
    @GetMapping("/{id}/terminals")
    List<Terminal> terminals(Actor actor, @PathVariable long id) {
        return terminals.list(actor, id);
    }

    /** Free slots of every active official of the office, keyed by official id; dates in the office's zone. */
    @Operation(summary = "List the free slots of all of an office's officials between two dates")
    @GetMapping("/{id}/free-slots")
    Map<Long, List<FreeSlot>> freeSlots(Actor actor, @PathVariable long id,
                                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return availability.freeSlotsOfOffice(actor, id, from, to);
    }
}
