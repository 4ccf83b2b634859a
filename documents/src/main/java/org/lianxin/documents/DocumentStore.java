package org.lianxin.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.lianxin.documents.DocumentRefused.Reason;
import org.lianxin.documents.internal.Intake;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps documents: the bytes in the object store under {@code documents/}, a row in the {@link DocumentCatalog}.
 * Nothing half-written: an upload is read to a scratch file and checked (size, type by its bytes, name and declared
 * type against them) before anything is stored; then the object is written, then the row; if the row cannot be
 * written the object is deleted, and an object a crash left without its row is removed by {@link #sweepOrphans()}
 * once it is older than {@link Settings#orphanAge()} (younger ones may be an upload whose row is being written).
 * Thread-safe.
 */
public final class DocumentStore {
    private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);

    /** Where documents are in the object store. */
    public static final String PREFIX = "documents/";

    /**
     * @param maxBytes  the largest document accepted
     * @param orphanAge how old an object without a row must be before {@link #sweepOrphans()} removes it
     * @param scratch   the folder uploads are read into before they are stored
     */
    public record Settings(long maxBytes, Duration orphanAge, Path scratch) {
        public Settings {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
            }
            Objects.requireNonNull(orphanAge, "orphanAge");
            Objects.requireNonNull(scratch, "scratch");
        }
    }

    /** Who uploads: the username and the office whose subtree may read the document. */
    public record Uploader(String username, long officeId) {
        public Uploader {
            Objects.requireNonNull(username, "username");
        }
    }

    private final ObjectStore objects;
    private final DocumentCatalog catalog;
    private final Settings settings;
    private final Clock clock;

    public DocumentStore(ObjectStore objects, DocumentCatalog catalog, Settings settings, Clock clock) {
        this.objects = objects;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Checks and keeps a document.
     *
     * @param content      its bytes (read at most to one byte past the limit; the caller closes it)
     * @param declaredName the name the client gave (cleaned before it is kept)
     * @param declaredType the MIME type the client declared, or null
     * @throws DocumentRefused            empty, too large, not PDF/PNG/JPEG, or name or declared type contradicting the bytes
     * @throws DocumentStorageUnavailable the object store is down; nothing was kept
     */
    public DocumentInfo store(InputStream content, String declaredName, String declaredType, Uploader by) {
        try (Intake in = Intake.read(content, settings.maxBytes(), settings.scratch())) {
            DocumentType type = check(in, declaredName, declaredType);
            String name = DocumentName.withExtension(DocumentName.clean(declaredName), type);
            String key = PREFIX + UUID.randomUUID() + "." + type.extensions().get(0);
            put(key, in.file(), type);
            try {
                DocumentInfo info = catalog.add(new DocumentCatalog.NewDocument(name, type, in.size(), in.sha256(), key,
                        by.username(), by.officeId(), clock.instant()));
                log.info("document {} stored: {} bytes, {}, by {} (office {})", info.id(), info.size(), type,
                        by.username(), by.officeId());
                return info;
            } catch (RuntimeException rowFailed) {
                deleteQuietly(key, rowFailed);
                throw rowFailed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload into " + settings.scratch(), e);
        }
    }

    private DocumentType check(Intake in, String declaredName, String declaredType) {
        if (in.size() == 0) {
            throw new DocumentRefused(Reason.EMPTY, "the file is empty");
        }
        if (in.size() > settings.maxBytes()) {
            throw new DocumentRefused(Reason.TOO_LARGE, "the file is larger than " + settings.maxBytes() + " bytes");
        }
        DocumentType type = in.sniffed().orElseThrow(() -> new DocumentRefused(Reason.TYPE_NOT_ALLOWED,
                "only PDF, PNG and JPEG files are accepted; the content of this file is none of them"));
        Optional<String> ext = DocumentName.extension(DocumentName.clean(declaredName));
        if (ext.isPresent() && !type.hasExtension(ext.get())) {
            throw new DocumentRefused(Reason.TYPE_MISMATCH, "the name ends in ." + ext.get() + " but the content is "
                    + type + "; only PDF, PNG and JPEG files are accepted, under their own extension");
        }
        if (!type.agreesWith(declaredType)) {
            throw new DocumentRefused(Reason.TYPE_MISMATCH, "the file was declared as " + declaredType
                    + " but its content is " + type);
        }
        return type;
    }

    private void put(String key, Path file, DocumentType type) {
        try {
            objects.put(key, file, type.mimeType());
        } catch (StorageException e) {
            deleteQuietly(key, e); // a store that failed midway may have kept part of it
            throw new DocumentStorageUnavailable("document storage is not available now; try again later", e);
        }
    }

    private void deleteQuietly(String key, Exception why) {
        try {
            objects.delete(key);
        } catch (RuntimeException e) {
            log.warn("could not delete {} after a failed upload ({}); the orphan sweep will: {}", key, why.toString(),
                    e.toString());
        }
    }

    /** The document's row, if there is one. */
    public Optional<DocumentInfo> find(long id) {
        return catalog.find(id);
    }

    /**
     * The document's bytes; the caller closes the stream.
     *
     * @throws DocumentStorageUnavailable the store is down, or lost the object (logged as an error: rows and objects
     *                                    are written so that this does not happen)
     */
    public InputStream open(DocumentInfo document) {
        try {
            return objects.get(document.objectKey());
        } catch (StorageException e) {
            if (e.notFound()) {
                log.error("document {} has a row but no object {}", document.id(), document.objectKey());
            }
            throw new DocumentStorageUnavailable("the document's bytes cannot be read now; try again later", e);
        }
    }

    /** Appends the download of {@code document} by {@code username} now to the audit. */
    public void recordDownload(DocumentInfo document, String username, String remoteAddr) {
        catalog.recordDownload(new DocumentCatalog.Download(document.id(), username, clock.instant(), remoteAddr));
    }

    /**
     * Deletes the objects under {@link #PREFIX} that no row refers to and that are older than
     * {@link Settings#orphanAge()}: what a crash between object and row, or a failed delete, left.
     *
     * @return how many were deleted
     */
    public int sweepOrphans() {
        Instant before = clock.instant().minus(settings.orphanAge());
        int deleted = 0;
        for (ObjectStore.ObjectInfo o : objects.list(PREFIX)) {
            if (o.lastModified().isBefore(before) && !catalog.holds(o.key())) {
                objects.delete(o.key());
                deleted++;
                log.info("orphan sweep: deleted {} ({} bytes, from {}), which no document refers to", o.key(),
                        o.size(), o.lastModified());
            }
        }
        return deleted;
    }
}
