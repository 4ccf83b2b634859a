package org.lianxin.web.recording.api;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.lianxin.recording.RecordingService;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.ConsultationState;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.recording.RecordingSubjects;
import org.lianxin.web.recording.RecordingSwitches;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the rooms' people tell the recorder: the kiosk showed the petitioner the recording notice; a
 * consultation's host turns recording on or off.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Recordings")
class RecordingControlsController {
    private final Bookings bookings;
    private final Consultations consultations;
    private final RecordingService service;
    private final RecordingSwitches switches;
    private final RecordingAccess access;
    private final Clock clock;

    RecordingControlsController(Bookings bookings, Consultations consultations, RecordingService service,
                                RecordingSwitches switches, RecordingAccess access, Clock clock) {
        this.bookings = bookings;
        this.consultations = consultations;
        this.service = service;
        this.switches = switches;
        this.access = access;
        this.clock = clock;
    }

    record RecordingSwitch(@NotNull Boolean on) {
    }

    record RecordingState(long consultationId, boolean recording) {
    }

    @PostMapping("/bookings/{id}/recording-notice")
    @Operation(summary = "The kiosk showed the petitioner the recording notice (the terminal's staff, SCHEDULER, "
            + "once the petitioner is checked in); 409 not-checked-in otherwise")
    ResponseEntity<Void> noticeShown(Actor actor, @PathVariable long id) {
        Booking b = bookings.get(actor, id); // 404 when the caller may not see it
        // as LiveSessions.roleOf: the staff who sees the terminal's office joins for the terminal
        if (actor.role() != Role.SCHEDULER || !access.inSubtree(actor, b.terminalOfficeId())) {
            throw new OutOfJurisdiction("not-terminal-staff",
                    "only the staff of the booking's terminal show the petitioner the recording notice");
        }
        if (b.state() != BookingState.CHECKED_IN && b.state() != BookingState.IN_SESSION) {
            throw RecordingProblem.conflict("not-checked-in", "the booking is " + b.state()
                    + "; the notice is shown after the petitioner is checked in");
        }
        service.noticeShown(RecordingSubjects.reception(RoomSubject.reception(id), b), actor.username(),
                clock.instant());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/consultations/{id}/recording")
    @Operation(summary = "The host turns the consultation's recording on or off; returns the new state (carried out "
            + "by the node owning the consultation's room at once, told by NOTIFY when the call reached another node;"
            + " lianxin.recording.switch-check is the safety net)")
    RecordingState setRecording(Actor actor, @PathVariable long id, @Valid @RequestBody RecordingSwitch body) {
        Consultation c = consultations.get(actor, id); // 404 when the caller may not see it
        if (actor.officialId() == null || !actor.may(Role.LEADER, Role.OFFICIAL)
                || actor.officialId() != c.hostOfficialId()) {
            throw new OutOfJurisdiction("not-consultation-host", "only the consultation's host turns recording on or off");
        }
        if (c.state() != ConsultationState.OPEN) {
            throw RecordingProblem.conflict("consultation-ended", "consultation " + id + " has ended");
        }
        // the switch is the consultation's row (what later joins and lists show, what the room's owner follows); the
        // recorder of the instance owning the room carries it out, whichever instance this is (issue 14)
        boolean on = consultations.setRecording(actor, id, body.on()).recording();
        switches.switched(RoomSubject.consultation(id), actor.username());
        return new RecordingState(id, on);
    }
}
