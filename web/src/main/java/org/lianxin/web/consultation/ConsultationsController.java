package org.lianxin.web.consultation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.NewConsultation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Remote consultations (远程会商): an official opens one and hosts it, invites officials of any
 * office, ends it. The join token of its live room is at {@code POST /{id}/join-token}
 * ({@link ConsultationJoinTokenController}); its room follows it ({@link ConsultationSessions},
 * {@link ConsultationRoomEnds}).
 */
@Tag(name = "Consultations")
@RestController
@RequestMapping("/api/v1/consultations")
class ConsultationsController {
    private final Consultations consultations;
    private final ConsultationInvitations invitations;

    ConsultationsController(Consultations consultations, ConsultationInvitations invitations) {
        this.consultations = consultations;
        this.invitations = invitations;
    }

    record OpenRequest(@NotBlank @Size(max = 200) String title, @Positive Long caseId, Boolean recording) {
    }

    record InviteRequest(@NotNull @Positive Long officialId) {
    }

    @Operation(summary = "Open a consultation (a video meeting of officials about a case)")
    @PostMapping
    ResponseEntity<Consultation> open(Actor actor, @Valid @RequestBody OpenRequest body) {
        Consultation c = consultations.open(actor, new NewConsultation(body.title(), body.caseId(),
                Boolean.TRUE.equals(body.recording())));
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(c.id());
        return ResponseEntity.created(location).body(c);
    }

    /** The consultations the caller hosts or is invited to, newest first. */
    @Operation(summary = "List the consultations the caller hosts or is invited to")
    @GetMapping
    List<Consultation> mine(Actor actor) {
        return consultations.listMine(actor);
    }

    @Operation(summary = "Get a consultation")
    @GetMapping("/{id}")
    Consultation get(Actor actor, @PathVariable long id) {
        return consultations.get(actor, id);
    }

    @Operation(summary = "Invite an official to a consultation")
    @PostMapping("/{id}/invitations")
    Consultation invite(Actor actor, @PathVariable long id, @Valid @RequestBody InviteRequest body) {
        return invitations.invite(actor, id, body.officialId()); // with the notice to the invitee
    }

    @Operation(summary = "End a consultation")
    @PostMapping("/{id}/end")
    Consultation end(Actor actor, @PathVariable long id) {
        return consultations.end(actor, id); // the scheduler tells ScheduleEvent.ConsultationEnded
    }
}
