package org.lianxin.web.recordings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.StorageException;
import org.lianxin.recording.verify.RecordingVerifier;
import org.lianxin.scheduler.Actor;
import org.lianxin.web.problem.Problems;
import org.lianxin.web.recordings.RecordingViews.Link;
import org.lianxin.web.recordings.RecordingViews.RecordingDetails;
import org.lianxin.web.recordings.RecordingViews.RecordingView;
import org.lianxin.web.recordings.RecordingViews.SegmentView;
import org.lianxin.web.recordings.RecordingViews.TrackView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recordings for review: list, details (tracks, segments, timeline, gaps), the manifest, the media with HTTP
 * Range support, presigned links, legal hold, deletion after retention, re-composition and the access audit.
 * Who may do what: {@link RecordingAccess}. Every request that reads or changes a recording and is not refused
 * writes one access row ({@link RecordingCatalog#recordAccess}): VIEW, MANIFEST, PLAY_SEGMENT, PLAY_COMPOSED,
 * LINK, HOLD, RELEASE, DELETE, COMPOSE; media rows name the bytes sent.
 */
@RestController
@RequestMapping("/api/v1/recordings")
@Tag(name = "Recordings", description = "Recorded receptions and consultations: review, media, legal hold, audit")
class RecordingsController {
    private static final Logger log = LoggerFactory.getLogger(RecordingsController.class);
    static final MediaType MATROSKA = MediaType.parseMediaType("video/x-matroska");
    static final MediaType MP4 = MediaType.parseMediaType("video/mp4");
    static final Duration LINK_TTL = Duration.ofMinutes(5);

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final RecordingService service;
    private final RecordingAccess access;
    private final Clock clock;

    RecordingsController(RecordingCatalog catalog, ObjectStore store, RecordingService service,
                         RecordingAccess access, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.service = service;
        this.access = access;
        this.clock = clock;
    }

    record LinkRequest(@NotBlank @Size(max = 40) String item) {
    }

    record HoldRequest(@NotBlank @Size(max = 500) String reason) {
    }

    // ------------------------------------------------------------------ reading

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
    @Operation(summary = "A recording with its tracks, segments in hash-chain order, timeline and gaps (audited: VIEW)")
    RecordingDetails get(Actor actor, @PathVariable long id, HttpServletRequest request) {
        Recording r = access.visible(actor, id);
        RecordingDetails d = new RecordingDetails(RecordingView.of(r, clock.instant()),
                catalog.tracks(id).stream().map(TrackView::of).toList(),
                catalog.segments(id).stream().map(SegmentView::of).toList(), catalog.timeline(id), catalog.gaps(id));
        audit(actor, id, "VIEW", null, request);
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
        audit(actor, id, "MANIFEST", r.manifestKey(), request);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (r.manifestSha256() != null) ok.eTag("\"" + r.manifestSha256() + "\"");
        return ok.body(bytes);
    }

    @GetMapping("/{id}/segments/{chainIndex}/media")
    @Operation(summary = "A segment's bytes (Matroska), with Range support (audited: PLAY_SEGMENT, one row per request)")
    void segmentMedia(Actor actor, @PathVariable long id, @PathVariable int chainIndex,
                      @Parameter(hidden = true) HttpServletRequest request,
                      @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        Recording r = access.visible(actor, id);
        requireMedia(r);
        RecordingCatalog.Segment s = segment(r, chainIndex);
        send(actor, r, s.key(), MATROSKA, "\"" + s.sha256() + "\"", "PLAY_SEGMENT", "segment:" + chainIndex,
                "recording-" + id + "-" + s.trackId() + "-" + String.format("%06d", s.trackIndex()) + ".mkv",
                request, response);
    }

    @GetMapping("/{id}/composed/media")
    @Operation(summary = "The composed review file (MP4), with Range support (audited: PLAY_COMPOSED, one row per "
            + "request)")
    void composedMedia(Actor actor, @PathVariable long id, @Parameter(hidden = true) HttpServletRequest request,
                       @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        Recording r = access.visible(actor, id);
        requireMedia(r);
        String key = composedKey(r);
        String etag = "\"composed-" + id + "-" + (r.composedBytes() == null ? "x" : r.composedBytes()) + "\"";
        send(actor, r, key, MP4, etag, "PLAY_COMPOSED", "composed", "recording-" + id + ".mp4", request, response);
    }

    @PostMapping("/{id}/links")
    @Operation(summary = "A presigned URL valid 5 minutes for 'composed' or 'segment:<chainIndex>' (audited: LINK); "
            + "409 presign-unsupported on a local-folder store")
    Link link(Actor actor, @PathVariable long id, @Valid @RequestBody LinkRequest body, HttpServletRequest request) {
        Recording r = access.visible(actor, id);
        requireMedia(r);
        String item = body.item().trim();
        String key;
        if (item.equals("composed")) {
            key = composedKey(r);
        } else if (item.startsWith("segment:")) {
            int index;
            try {
                index = Integer.parseInt(item.substring("segment:".length()));
            } catch (NumberFormatException e) {
                throw badItem(item);
            }
            key = segment(r, index).key();
        } else {
            throw badItem(item);
        }
        Optional<java.net.URI> url = store.presignedGet(key, LINK_TTL);
        if (url.isEmpty()) {
            throw RecordingProblem.conflict("presign-unsupported",
                    "the recording store cannot make links (a local folder); play it through this server instead");
        }
        Instant now = clock.instant();
        audit(actor, id, "LINK", item, request);
        return new Link(item, url.get(), now.plus(LINK_TTL));
    }

    // ------------------------------------------------------------------ managing

    @PutMapping("/{id}/legal-hold")
    @Operation(summary = "Puts the recording under legal hold: it is not deleted, whatever its retention (ADMIN or "
            + "REVIEWER at its office or above; audited: HOLD)")
    RecordingView hold(Actor actor, @PathVariable long id, @Valid @RequestBody HoldRequest body,
                       HttpServletRequest request) {
        Recording r = access.managed(actor, id);
        requireNotDeleted(r);
        Instant now = clock.instant();
        catalog.legalHold(id, true, body.reason().trim(), actor.username(), now);
        audit(actor, id, "HOLD", null, request);
        log.info("recording {}: legal hold by {}", id, actor.username());
        return RecordingView.of(catalog.find(id).orElseThrow(), now);
    }

    @DeleteMapping("/{id}/legal-hold")
    @Operation(summary = "Releases the legal hold (ADMIN or REVIEWER at its office or above; audited: RELEASE)")
    RecordingView release(Actor actor, @PathVariable long id, HttpServletRequest request) {
        Recording r = access.managed(actor, id);
        requireNotDeleted(r);
        Instant now = clock.instant();
        catalog.legalHold(id, false, null, actor.username(), now);
        audit(actor, id, "RELEASE", null, request);
        log.info("recording {}: legal hold released by {}", id, actor.username());
        return RecordingView.of(catalog.find(id).orElseThrow(), now);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Deletes the media once retention has passed; 409 legal-hold, retention, "
            + "recording-not-ended (ADMIN or REVIEWER at its office or above; audited: DELETE)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id, HttpServletRequest request) {
        Recording r = access.managed(actor, id);
        requireNotDeleted(r);
        RecordingService.DeleteResult result = service.delete(id, actor.username());
        switch (result) {
            case DELETED -> {
                audit(actor, id, "DELETE", null, request);
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
        Recording r = access.managed(actor, id);
        requireNotDeleted(r);
        if (!r.ended()) {
            throw RecordingProblem.conflict("recording-not-ended", "a recording is composed once it has ended");
        }
        if (r.status() == Recording.Status.EMPTY) {
            throw RecordingProblem.conflict("recording-empty", "nothing was captured");
        }
        service.requestCompose(id);
        audit(actor, id, "COMPOSE", null, request);
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
        Recording r = access.managed(actor, id);
        requireNotDeleted(r);
        if (!r.ended()) {
            throw RecordingProblem.conflict("recording-not-ended", "a recording is verified once it has ended");
        }
        RecordingVerifier.Result result = new RecordingVerifier(store)
                .verify(id, new RecordingVerifier.Expected(r.manifestSha256(), r.chainHead()));
        audit(actor, id, "VERIFY", result.ok() ? "ok" : result.problems().size() + " problem(s)", request);
        if (!result.ok()) {
            log.warn("recording {}: verification by {} found {} problem(s): {}", id, actor.username(),
                    result.problems().size(), result.problems().get(0).describe());
        }
        return new Verification(id, result.ok(), result.manifest().map(m -> m.segments().size()).orElse(0),
                r.manifestSha256(), r.chainHead(), result.problems(), clock.instant());
    }

    @GetMapping("/{id}/accesses")
    @Operation(summary = "Who accessed the recording, when and what (ADMIN or REVIEWER at its office or above)")
    List<RecordingCatalog.Access> accesses(Actor actor, @PathVariable long id) {
        access.managed(actor, id);
        return catalog.accesses(id);
    }

    // ------------------------------------------------------------------ helpers

    @ExceptionHandler(StorageException.class)
    ResponseEntity<ProblemDetail> storage(StorageException e, HttpServletResponse response) {
        if (response.isCommitted()) { // failed while streaming: the client sees a short body
            log.warn("recording storage failed while sending: {} ({})", e.kind(), e.getClass().getSimpleName());
            return null;
        }
        HttpStatus status;
        String rule;
        String detail;
        if (e.unavailable()) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            rule = "storage-unavailable";
            detail = "the recording store cannot be reached; try again later";
        } else if (e.notFound()) {
            status = HttpStatus.NOT_FOUND;
            rule = "media-not-found";
            detail = "the object is missing from the recording store";
        } else {
            status = HttpStatus.BAD_GATEWAY;
            rule = "storage-refused";
            detail = "the recording store refused the request";
        }
        log.warn("recording storage: {} ({})", e.kind(), e.getMessage());
        return ResponseEntity.status(status).body(Problems.of(status, rule, detail));
    }

    private void audit(Actor actor, long id, String action, String item, HttpServletRequest request) {
        catalog.recordAccess(id, actor.username(), action, item, request.getRemoteAddr(), clock.instant());
    }

    private static RecordingProblem badItem(String item) {
        return new RecordingProblem(HttpStatus.BAD_REQUEST, "bad-item",
                "item must be 'composed' or 'segment:<chainIndex>'");
    }

    private static void requireNotDeleted(Recording r) {
        if (r.status() == Recording.Status.DELETED) {
            throw new RecordingProblem(HttpStatus.GONE, "recording-deleted",
                    "the media of recording " + r.id() + " were deleted on " + r.deletedAt());
        }
    }

    private static void requireMedia(Recording r) {
        requireNotDeleted(r);
    }

    private RecordingCatalog.Segment segment(Recording r, int chainIndex) {
        RecordingCatalog.Segment s = catalog.segments(r.id()).stream().filter(x -> x.chainIndex() == chainIndex)
                .findFirst().orElseThrow(() -> new RecordingProblem(HttpStatus.NOT_FOUND, "segment-not-found",
                        "recording " + r.id() + " has no segment " + chainIndex));
        if (!s.uploaded()) {
            throw RecordingProblem.conflict("segment-not-uploaded",
                    "segment " + chainIndex + " is not in the recording store yet");
        }
        return s;
    }

    private static String composedKey(Recording r) {
        if (r.composedState() != Recording.ComposedState.DONE) {
            throw RecordingProblem.conflict("composed-not-ready", "the composed review file is "
                    + r.composedState() + (r.composedState() == Recording.ComposedState.RUNNING
                    ? " (" + r.composedProgress() + "%)" : ""));
        }
        return r.composedKey() != null ? r.composedKey() : Recording.composedKey(r.id());
    }

    /**
     * Sends the object, whole (200) or one range (206), after writing the access row; 416 for a range past its
     * end (no row). HEAD sends the headers only.
     */
    private void send(Actor actor, Recording r, String key, MediaType type, String etag, String action, String item,
                      String filename, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ObjectStore.ObjectInfo info = store.stat(key).orElseThrow(() -> new RecordingProblem(HttpStatus.NOT_FOUND,
                "media-not-found", "the object is missing from the recording store"));
        long size = info.size();
        ByteRange.Request asked = ByteRange.parse(request.getHeader(HttpHeaders.RANGE), size);
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !(asked instanceof ByteRange.Whole) && !ifRange.trim().equals(etag)) {
            asked = new ByteRange.Whole(); // the client's copy is another version: send it whole
        }
        if (asked instanceof ByteRange.Unsatisfiable) {
            throw new RecordingProblem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range-not-satisfiable",
                    "the object has " + size + " bytes").header(HttpHeaders.CONTENT_RANGE, "bytes */" + size)
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes");
        }
        ByteRange range = asked instanceof ByteRange.Part p ? p.range() : null;
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        audit(actor, r.id(), action, item + " bytes " + (length == 0 ? "-" : first + "-" + (first + length - 1))
                + "/" + size, request);

        response.setStatus(range == null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"");
        if (range != null) response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(size));
        response.setContentLengthLong(length);
        if ("HEAD".equals(request.getMethod()) || length == 0) {
            return;
        }
        try (InputStream in = store.get(key, first, length)) {
            OutputStream out = response.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) break;
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) { // the player went away (seek, pause, closed tab): normal
                    log.debug("recording {}: client stopped reading {}", r.id(), item);
                    return;
                }
                left -= n;
            }
            if (left > 0) {
                log.warn("recording {}: {} ended {} bytes early in the store", r.id(), item, left);
            }
        }
    }
}
