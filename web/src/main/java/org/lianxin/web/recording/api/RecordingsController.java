package org.lianxin.web.recording.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.Actor;
import org.lianxin.web.recording.api.RecordingViews.AccessView;
import org.lianxin.web.recording.api.RecordingViews.RecordingDetails;
import org.lianxin.web.recording.api.RecordingViews.RecordingView;
import org.lianxin.web.recording.api.RecordingViews.SegmentView;
import org.lianxin.web.recording.api.RecordingViews.TimelineView;
import org.lianxin.web.recording.api.RecordingViews.TrackView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading recordings for review: the list of a case, a booking or a consultation; a recording's details (tracks,
 * segments, timeline, gaps); its stored manifest; and who accessed it. The media are served by
 * {@link RecordingMediaController}, what managers do by {@link RecordingManagementController}; who may do what:
 * {@link RecordingAccess}; every access is audited ({@link RecordingAudit}).
 */
@RestController
@RequestMapping("/api/v1/recordings")
@Tag(name = "Recordings", description = "Recorded receptions and consultations: review, media, legal hold, audit")
class RecordingsController {
    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final RecordingAccess access;
    private final RecordingAudit audit;
    private final RecordingPeople people;
    private final Clock clock;

    RecordingsController(RecordingCatalog catalog, ObjectStore store, RecordingAccess access, RecordingAudit audit,
                         RecordingPeople people, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.people = people;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Recordings of a case, a booking or a consultation (exactly one), those the caller may see")
    List<RecordingView> list(Actor actor, @RequestParam(required = false) Long caseId,
                             @RequestParam(required = false) Long bookingId,
                             @RequestParam(required = false) Long consultationId) {
        int given = (caseId != null ? 1 : 0) + (bookingId != null ? 1 : 0) + (consultationId != null ? 1 : 0);
        if (given != 1) {
            throw new RecordingProblem(HttpStatus.BAD_REQUEST, "recording-query",
                    "give exactly one of caseId, bookingId, consultationId");
        }
        List<Recording> all = caseId != null ? catalog.ofCase(caseId)
                : bookingId != null ? catalog.ofBooking(bookingId) : catalog.ofConsultation(consultationId);
        Instant now = clock.instant();
        return all.stream().filter(r -> access.sees(actor, r)).map(r -> RecordingView.of(r, now)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A recording with its tracks, segments in hash-chain order, timeline (with names) and gaps, "
            + "the reception and its evaluation, the names of the users it names (audited: VIEW)")
    RecordingDetails get(Actor actor, @PathVariable long id, HttpServletRequest request) {
        Recording r = access.visible(actor, id);
        List<TrackView> tracks = catalog.tracks(id).stream().map(TrackView::of).toList();
        TimelineFacts.Names names = people.names(actor, r, tracks);
        List<TimelineView> timeline = catalog.timeline(id).stream().map(e -> TimelineFacts.of(e, names)).toList();
        RecordingDetails d = new RecordingDetails(RecordingView.of(r, clock.instant()), tracks,
                catalog.segments(id).stream().map(SegmentView::of).toList(), timeline, catalog.gaps(id),
                people.session(actor, r), people.users(Arrays.asList(r.legalHoldBy(), r.deletedBy())));
        audit.record(actor, id, "VIEW", null, request);
        return d;
    }

    @GetMapping("/{id}/manifest")
    @Operation(summary = "The manifest as stored (its SHA-256 is the recording's manifestSha256); once ended "
            + "(audited: MANIFEST)")
    ResponseEntity<byte[]> manifest(Actor actor, @PathVariable long id, HttpServletRequest request) throws IOException {
        Recording r = access.visible(actor, id);
        if (!r.ended()) {
            throw RecordingProblem.conflict("recording-not-ended", "the manifest is written when the recording ends");
        }
        if (r.manifestKey() == null) {
            throw new RecordingProblem(HttpStatus.NOT_FOUND, "manifest-not-found",
                    "recording " + id + " has no manifest");
        }
        byte[] bytes;
        try (InputStream in = store.get(r.manifestKey())) {
            bytes = in.readAllBytes();
        }
        audit.record(actor, id, "MANIFEST", r.manifestKey(), request);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (r.manifestSha256() != null) ok.eTag("\"" + r.manifestSha256() + "\"");
        return ok.body(bytes);
    }

    @GetMapping("/{id}/accesses")
    @Operation(summary = "Who accessed the recording (username and name), when and what (ADMIN or REVIEWER at its "
            + "office or above)")
    List<AccessView> accesses(Actor actor, @PathVariable long id) {
        access.managed(actor, id);
        List<RecordingCatalog.Access> rows = catalog.accesses(id);
        Map<String, String> names = people.users(rows.stream().map(RecordingCatalog.Access::username).toList());
        return rows.stream().map(a -> AccessView.of(a, names.get(a.username()))).toList();
    }
}
