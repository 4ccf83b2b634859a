package org.lianxin.web.supervision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.supervision.Instruction;
import org.lianxin.supervision.Instructions;
import org.lianxin.supervision.NewAssignment;
import org.lianxin.supervision.NewInstruction;
import org.lianxin.supervision.NextSteps;
import org.lianxin.web.input.MultiLine;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A leader's instructions (处理意见) at the end of a reception, and the kiosk's plain summary of them. */
@Tag(name = "Supervision")
@RestController
@RequestMapping({"/api/bookings", "/api/v1/bookings"})
class InstructionsController {
    private final Instructions instructions;
    private final ReplyDocuments documents;

    InstructionsController(Instructions instructions, ReplyDocuments documents) {
        this.instructions = instructions;
        this.documents = documents;
    }

    record AssignmentRequest(@NotNull Long unitOfficeId, LocalDate deadline, Boolean requiresReport) {
    }

    record InstructionRequest(@Size(max = 4000) @MultiLine String text, Instant saidAt,
                              @Size(max = 20) List<@Valid @NotNull AssignmentRequest> assignments) {
    }

    @Operation(summary = "Give a leader's instructions on a reception")
    @PostMapping("/{bookingId}/instructions")
    ResponseEntity<InstructionJson> give(Actor actor, @PathVariable long bookingId,
                                         @Valid @RequestBody InstructionRequest body) {
        List<NewAssignment> assignments = body.assignments() == null ? List.of() : body.assignments().stream()
                .map(a -> new NewAssignment(a.unitOfficeId(), a.deadline(), Boolean.TRUE.equals(a.requiresReport())))
                .toList();
        Instruction given = instructions.give(actor, bookingId, new NewInstruction(body.text(), body.saidAt(),
                assignments));
        return ResponseEntity.created(URI.create("/api/bookings/" + bookingId + "/instructions"))
                .body(InstructionJson.of(given, documents));
    }

    @Operation(summary = "List the instructions given on a reception")
    @GetMapping("/{bookingId}/instructions")
    List<InstructionJson> list(Actor actor, @PathVariable long bookingId) {
        return instructions.ofBooking(actor, bookingId).stream().map(i -> InstructionJson.of(i, documents)).toList();
    }

    @Operation(summary = "Get the kiosk's plain summary of a reception's instructions for the petitioner")
    @GetMapping("/{bookingId}/next-steps")
    NextSteps nextSteps(Actor actor, @PathVariable long bookingId) {
        return instructions.nextSteps(actor, bookingId);
    }
}
