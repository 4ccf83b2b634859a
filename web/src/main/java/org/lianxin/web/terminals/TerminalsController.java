package org.lianxin.web.terminals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.NewTerminal;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.lianxin.scheduler.Terminals;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Reception terminals. */
@Tag(name = "Terminals")
@RestController
@RequestMapping("/api/v1/terminals")
class TerminalsController {
    private final Terminals terminals;

    TerminalsController(Terminals terminals) {
        this.terminals = terminals;
    }

    record NewTerminalRequest(@NotNull @Positive Long officeId, @NotBlank @Size(max = 100) String name,
                              @Size(max = 200) String location) {
    }

    record StatusRequest(@NotNull TerminalStatus status) {
    }

    @Operation(summary = "Get a reception terminal")
    @GetMapping("/{id}")
    Terminal get(Actor actor, @PathVariable long id) {
        Terminal t = terminals.get(id);
        terminals.list(actor, t.officeId()); // jurisdiction check
        return t;
    }

    @Operation(summary = "Register a reception terminal in an office")
    @PostMapping
    ResponseEntity<Terminal> create(Actor actor, @Valid @RequestBody NewTerminalRequest body) {
        Terminal t = terminals.create(actor, new NewTerminal(body.officeId(), body.name(), body.location()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(t.id());
        return ResponseEntity.created(location).body(t);
    }

    @Operation(summary = "Put a terminal into service or into maintenance")
    @PutMapping("/{id}/status")
    Terminal status(Actor actor, @PathVariable long id, @Valid @RequestBody StatusRequest body) {
        return terminals.setStatus(actor, id, body.status());
    }
}
