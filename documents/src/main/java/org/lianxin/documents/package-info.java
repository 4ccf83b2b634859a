/**
 * Documents: the files a reply carries (PDF, PNG, JPEG), kept in the recordings' object store
 * ({@link org.lianxin.recording.storage.ObjectStore}) under {@code documents/}, with a row per document in the
 * application's database. The API is this package: {@link DocumentStore} (upload, read, download audit, the sweep of
 * objects a failed upload left), {@link DocumentCatalog} (the rows), {@link DocumentType} (what the bytes are),
 * {@link DocumentName} (the name kept), {@link DocumentReaders} (who else may read a document) and the refusals
 * ({@link DocumentException}, each with a stable {@code rule()}). The implementation is in {@code internal}.
 * Knows nothing of HTTP: the web module maps the refusals to problem details.
 */
package org.lianxin.documents;
