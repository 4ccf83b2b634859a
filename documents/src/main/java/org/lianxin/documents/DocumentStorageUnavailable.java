package org.lianxin.documents;

/** The object store could not be reached, or lost a document's bytes; try again later. Nothing was kept. */
public final class DocumentStorageUnavailable extends DocumentException {

    public DocumentStorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String rule() {
        return "document-storage-unavailable";
    }
}
