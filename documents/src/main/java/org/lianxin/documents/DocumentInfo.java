package org.lianxin.documents;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored document.
 *
 * @param id          the catalog's id
 * @param name        the name shown and offered for download (cleaned by {@link DocumentName#clean})
 * @param type        what the bytes are (decided from the bytes themselves)
 * @param size        bytes
 * @param sha256      lower-case hex SHA-256 of the bytes
 * @param objectKey   where the bytes are in the object store ({@code documents/...}); never shown to clients
 * @param uploadedBy  the uploader's username
 * @param officeId    the uploader's office: who may read it follows from it
 * @param uploadedAt  when the row was written
 */
public record DocumentInfo(long id, String name, DocumentType type, long size, String sha256, String objectKey,
                           String uploadedBy, long officeId, Instant uploadedAt) {
    public DocumentInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    /** The MIME type of the bytes. */
    public String contentType() {
        return type.mimeType();
    }
}
