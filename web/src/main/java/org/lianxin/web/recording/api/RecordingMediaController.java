package org.lianxin.web.recording.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.Actor;
import org.lianxin.web.recording.api.RecordingViews.Link;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A recording's media for those who may see it ({@link RecordingAccess}): each segment (Matroska) and the composed
 * review file (MP4), streamed with HTTP Range support ({@link ByteRange}), or as a short-lived presigned link where
 * the store makes them (S3). Every viewing or download is audited before its first bytes go out
 * ({@link RecordingAudit}: PLAY_SEGMENT, PLAY_COMPOSED, DOWNLOAD_SEGMENT, DOWNLOAD_COMPOSED — one row per viewing,
 * not per range request: {@link RecordingViewings}), and every link (LINK).
 */
@RestController
@RequestMapping("/api/v1/recordings")
@Tag(name = "Recordings")
class RecordingMediaController {
    private static final Logger log = LoggerFactory.getLogger(RecordingMediaController.class);
    static final MediaType MATROSKA = MediaType.parseMediaType("video/x-matroska");
    static final MediaType MP4 = MediaType.parseMediaType("video/mp4");
    static final Duration LINK_TTL = Duration.ofMinutes(5);

    private final RecordingCatalog catalog;
    private final ObjectStore store;
    private final RecordingAccess access;
    private final RecordingAudit audit;
    private final RecordingViewings viewings;
    private final Clock clock;

    RecordingMediaController(RecordingCatalog catalog, ObjectStore store, RecordingAccess access,
                             RecordingAudit audit, RecordingViewings viewings, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.viewings = viewings;
        this.clock = clock;
    }

    record LinkRequest(@NotBlank @Size(max = 40) String item) {
    }

    @GetMapping("/{id}/segments/{chainIndex}/media")
    @Operation(summary = "A segment's bytes (Matroska), with Range support; download=true sends it as an attachment "
            + "(audited: PLAY_SEGMENT or DOWNLOAD_SEGMENT, one row per viewing or download, not per range request)")
    void segmentMedia(Actor actor, @PathVariable long id, @PathVariable int chainIndex,
                      @RequestParam(defaultValue = "false") boolean download,
                      @Parameter(hidden = true) HttpServletRequest request,
                      @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        Recording r = RecordingProblem.requireNotDeleted(access.visible(actor, id));
        RecordingCatalog.Segment s = segment(r, chainIndex);
        send(actor, r, s.key(), MATROSKA, "\"" + s.sha256() + "\"", download ? "DOWNLOAD_SEGMENT" : "PLAY_SEGMENT",
                "segment:" + chainIndex, "recording-" + id + "-" + s.trackId() + "-"
                        + String.format("%06d", s.trackIndex()) + ".mkv", download, request, response);
    }

    @GetMapping("/{id}/composed/media")
    @Operation(summary = "The composed review file (MP4), with Range support; download=true sends it as an "
            + "attachment (audited: PLAY_COMPOSED or DOWNLOAD_COMPOSED, one row per viewing or download, not per "
            + "range request)")
    void composedMedia(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "false") boolean download,
                       @Parameter(hidden = true) HttpServletRequest request,
                       @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        Recording r = RecordingProblem.requireNotDeleted(access.visible(actor, id));
        String key = composedKey(r);
        String etag = "\"composed-" + id + "-" + (r.composedBytes() == null ? "x" : r.composedBytes()) + "\"";
        send(actor, r, key, MP4, etag, download ? "DOWNLOAD_COMPOSED" : "PLAY_COMPOSED", "composed",
                "recording-" + id + ".mp4", download, request, response);
    }

    @PostMapping("/{id}/links")
    @Operation(summary = "A presigned URL valid 5 minutes for 'composed' or 'segment:<chainIndex>' (audited: LINK); "
            + "409 presign-unsupported on a local-folder store")
    Link link(Actor actor, @PathVariable long id, @Valid @RequestBody LinkRequest body, HttpServletRequest request) {
        Recording r = RecordingProblem.requireNotDeleted(access.visible(actor, id));
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
        Optional<URI> url = store.presignedGet(key, LINK_TTL);
        if (url.isEmpty()) {
            throw RecordingProblem.conflict("presign-unsupported",
                    "the recording store cannot make links (a local folder); play it through this server instead");
        }
        Instant now = clock.instant();
        audit.record(actor, id, "LINK", item, request);
        return new Link(item, url.get(), now.plus(LINK_TTL));
    }

    private static RecordingProblem badItem(String item) {
        return new RecordingProblem(HttpStatus.BAD_REQUEST, "bad-item",
                "item must be 'composed' or 'segment:<chainIndex>'");
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
     * Sends the object, whole (200) or one range (206), after writing the access row if the request starts a
     * viewing or download ({@link RecordingViewings}); 416 for a range past its end (no row). HEAD sends the headers
     * only.
     */
    private void send(Actor actor, Recording r, String key, MediaType type, String etag, String action, String item,
                      String filename, boolean download, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
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
        if (viewings.starts(actor.username(), r.id(), action + " " + item)) {
            audit.record(actor, r.id(), action, item, request);
        }

        response.setStatus(range == null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                (download ? "attachment" : "inline") + "; filename=\"" + filename + "\"");
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
