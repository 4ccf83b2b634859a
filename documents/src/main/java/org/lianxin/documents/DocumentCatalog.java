package org.lianxin.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.lianxin.documents.internal.JdbcDocumentCatalog;

/** The documents' rows and their download audit in the application's database (table {@code document}, {@code document_download}). */
public interface DocumentCatalog {

    /** A document whose bytes are in the object store, to be recorded. */
    record NewDocument(String name, DocumentType type, long size, String sha256, String objectKey, String uploadedBy,
                       long officeId, Instant uploadedAt) {
    }

    /** One download: who fetched which document's bytes, when, from where. */
    record Download(long documentId, String username, Instant at, String remoteAddr) {
    }

    /** Writes the row (one statement) and returns it with its id. */
    DocumentInfo add(NewDocument document);

    Optional<DocumentInfo> find(long id);

    /** Whether a row refers to this object key (objects without one are a failed upload's leftovers). */
    boolean holds(String objectKey);

    /** Appends a row to the download audit. */
    void recordDownload(Download download);

    /** The downloads of a document, oldest first. */
    List<Download> downloads(long documentId);

    /** The catalog in the application's database (PostgreSQL or H2). */
    static DocumentCatalog jdbc(DataSource dataSource) {
        return new JdbcDocumentCatalog(dataSource);
    }
}
