package org.lianxin.web.recording.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.verify.RecordingVerifier;
import org.lianxin.scheduler.Actor;
import org.lianxin.web.recording.api.RecordingViews.RecordingView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What administrators and reviewers at a recording's office or above do with it ({@link RecordingAccess#managed}):
 * legal hold and its release, deletion once retention has passed, composing the review file again, and verifying
 * the stored media against the hash chain and the catalog. Each is audited ({@link RecordingAudit}: HOLD, RELEASE,
 * DELETE, COMPOSE, VERIFY).
 */
@RestController
@RequestMapping("/api/v1/recordings")
@Tag(name = "Recordings")
class RecordingManagementController {
    private static final Logger log = LoggerFactory.getLogger(RecordingManagementController.class);

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final RecordingService service;
    private final RecordingAccess access;
    private final RecordingAudit audit;
    private final Clock clock;

    RecordingManagementController(RecordingCatalog catalog, ObjectStore store, RecordingService service,
                                  RecordingAccess access, RecordingAudit audit, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.service = service;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    record HoldRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PutMapping("/{id}/legal-hold")
    @Operation(summary = "Puts the recording under legal hold: it is not deleted, whatever its retention (ADMIN or "
            + "REVIEWER at its office or above; audited: HOLD)")
    RecordingView hold(Actor actor, @PathVariable long id, @Valid @RequestBody HoldRequest body,
                       HttpServletRequest request) {
        RecordingProblem.requireNotDeleted(access.managed(actor, id));
        Instant now = clock.instant();
        catalog.legalHold(id, true, body.reason().trim(), actor.username(), now);
        audit.record(actor, id, "HOLD", null, request);
        log.info("recording {}: legal hold by {}", id, actor.username());
        return RecordingView.of(catalog.find(id).orElseThrow(), now);
    }

    @DeleteMapping("/{id}/legal-hold")
    @Operation(summary = "Releases the legal hold (ADMIN or REVIEWER at its office or above; audited: RELEASE)")
    RecordingView release(Actor actor, @PathVariable long id, HttpServletRequest request) {
        RecordingProblem.requireNotDeleted(access.managed(actor, id));
        Instant now = clock.instant();
        catalog.legalHold(id, false, null, actor.username(), now);
        audit.record(actor, id, "RELEASE", null, request);
        log.info("recording {}: legal hold released by {}", id, actor.username());
        return RecordingView.of(catalog.find(id).orElseThrow(), now);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Deletes the media once retention has passed; 409 legal-hold, retention, "
            + "recording-not-ended (ADMIN or REVIEWER at its office or above; audited: DELETE)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id, HttpServletRequest request) {
        Recording r = RecordingProblem.requireNotDeleted(access.managed(actor, id));
        RecordingService.DeleteResult result = service.delete(id, actor.username());
        switch (result) {
            case DELETED -> {
                audit.record(actor, id, "DELETE", null, request);
                log.info("recording {}: media deleted by {}", id, actor.username());
                return ResponseEntity.noContent().build();
            }
            case LEGAL_HOLD -> throw RecordingProblem.conflict("legal-hold",
                    "the recording is under legal hold; release the hold first");
            case RETENTION_NOT_REACHED -> throw RecordingProblem.conflict("retention",
                    "the recording is kept until " + r.retentionUntil());
            case NOT_ENDED -> throw RecordingProblem.conflict("recording-not-ended", "the recording has not ended");
            case NOT_FOUND -> throw new RecordingProblem(HttpStatus.GONE, "recording-deleted",
                    "the media of recording " + id + " were deleted meanwhile");
            default -> throw new IllegalStateException("unknown delete result " + result);
        }
    }

    @PostMapping("/{id}/compose")
    @Operation(summary = "Makes the composed review file again (ADMIN or REVIEWER at its office or above; "
            + "audited: COMPOSE)")
    ResponseEntity<RecordingView> compose(Actor actor, @PathVariable long id, HttpServletRequest request) {
        Recording r = RecordingProblem.requireNotDeleted(access.managed(actor, id));
        if (!r.ended()) {
            throw RecordingProblem.conflict("recording-not-ended", "a recording is composed once it has ended");
        }
        if (r.status() == Recording.Status.EMPTY) {
            throw RecordingProblem.conflict("recording-empty", "nothing was captured");
        }
        service.requestCompose(id);
        audit.record(actor, id, "COMPOSE", null, request);
        return ResponseEntity.accepted().body(RecordingView.of(catalog.find(id).orElseThrow(), clock.instant()));
    }

    /** The outcome of a verification: {@code ok}, or one entry per problem found. */
    record Verification(long recordingId, boolean ok, int segments, String manifestSha256, String chainHead,
                        List<RecordingVerifier.Problem> problems, Instant at) {
    }

    @PostMapping("/{id}/verification")
    @Operation(summary = "Recomputes every stored segment's SHA-256 and the hash chain, and checks the stored manifest "
            + "against the SHA-256 and chain head the catalog recorded at the end (so a consistent rewrite of storage "
            + "is found too). Reads all the recording's media: seconds for an hour. ADMIN or REVIEWER at its office "
            + "or above; once ended; audited: VERIFY with the outcome")
    Verification verify(Actor actor, @PathVariable long id, HttpServletRequest request) {
        Recording r = RecordingProblem.requireNotDeleted(access.managed(actor, id));
        if (!r.ended()) {
            throw RecordingProblem.conflict("recording-not-ended", "a recording is verified once it has ended");
        }
        RecordingVerifier.Result result = new RecordingVerifier(store)
                .verify(id, new RecordingVerifier.Expected(r.manifestSha256(), r.chainHead()));
        audit.record(actor, id, "VERIFY", result.ok() ? "ok" : result.problems().size() + " problem(s)", request);
        if (!result.ok()) {
            log.warn("recording {}: verification by {} found {} problem(s): {}", id, actor.username(),
                    result.problems().size(), result.problems().get(0).describe());
        }
        return new Verification(id, result.ok(), result.manifest().map(m -> m.segments().size()).orElse(0),
                r.manifestSha256(), r.chainHead(), result.problems(), clock.instant());
    }
}
