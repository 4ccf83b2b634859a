package org.lianxin.web.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.lianxin.documents.DocumentCatalog;
import org.lianxin.documents.DocumentInfo;
import org.lianxin.documents.DocumentStore;
import org.lianxin.scheduler.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Documents (attachments of replies): upload, read the record, download. Any staff user may upload; the document
 * belongs to the uploader's office, and who may read it is decided by {@link DocumentAccess}. Every download is
 * written to the audit ({@code document_download}) before its first byte is sent.
 */
@Tag(name = "Documents")
@RestController
class DocumentsController {
    private static final Logger log = LoggerFactory.getLogger(DocumentsController.class);

    static final String PATH = "/api/documents";

    /** A document as clients see it (never its object key). */
    record DocumentView(long id, String name, String contentType, long size, String sha256, String uploadedBy,
                        long officeId, Instant uploadedAt) {
        static DocumentView of(DocumentInfo d) {
            return new DocumentView(d.id(), d.name(), d.contentType(), d.size(), d.sha256(), d.uploadedBy(),
                    d.officeId(), d.uploadedAt());
        }
    }

    /** One download of a document: who, when, from where. */
    record DownloadView(String username, Instant at, String remoteAddr) {
    }

    private final DocumentStore store;
    private final DocumentCatalog catalog;
    private final DocumentAccess access;

    DocumentsController(DocumentStore store, DocumentCatalog catalog, DocumentAccess access) {
        this.store = store;
        this.catalog = catalog;
        this.access = access;
    }

    /** Multipart field {@code file}: PDF, PNG or JPEG, decided from its bytes; 201 with the record. */
    @Operation(summary = "Upload a PDF, PNG or JPEG document (multipart field file)")
    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentView> upload(Actor actor, @RequestPart("file") MultipartFile file) throws IOException {
        DocumentInfo d;
        try (InputStream in = file.getInputStream()) {
            d = store.store(in, file.getOriginalFilename(), file.getContentType(),
                    new DocumentStore.Uploader(actor.username(), actor.officeId()));
        }
        return ResponseEntity.created(URI.create(PATH + "/" + d.id())).body(DocumentView.of(d));
    }

    @Operation(summary = "Get a document's metadata")
    @GetMapping(PATH + "/{id}/meta")
    DocumentView meta(Actor actor, @PathVariable long id) {
        return DocumentView.of(access.readable(actor, id));
    }

    /** Who downloaded the document, oldest first: administrators and reviewers among its readers. */
    @Operation(summary = "List who downloaded a document and when")
    @GetMapping(PATH + "/{id}/downloads")
    List<DownloadView> downloads(Actor actor, @PathVariable long id) {
        DocumentInfo d = access.audited(actor, id);
        return catalog.downloads(d.id()).stream().map(x -> new DownloadView(x.username(), x.at(), x.remoteAddr()))
                .toList();
    }

    /**
     * The bytes, as an attachment (never shown inline), under the document's name ({@code filename*} in UTF-8 for
     * Chinese names, RFC 5987/6266, with an ASCII {@code filename} for old clients), with {@code nosniff} and a
     * sandboxing content security policy, so that a browser never runs what it is given.
     */
    @Operation(summary = "Download a document's bytes")
    @GetMapping(PATH + "/{id}")
    void download(Actor actor, @PathVariable long id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        DocumentInfo d = access.readable(actor, id);
        try (InputStream in = store.open(d)) {
            store.recordDownload(d, actor.username(), request.getRemoteAddr());
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(d.contentType());
            response.setContentLengthLong(d.size());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, DownloadName.contentDisposition(d.name()));
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "sandbox");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            OutputStream out = response.getOutputStream();
            long sent = in.transferTo(out);
            if (sent != d.size()) {
                log.error("document {}: sent {} bytes, the record says {}", d.id(), sent, d.size());
            }
        }
    }
}
