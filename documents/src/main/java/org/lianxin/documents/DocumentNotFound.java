package org.lianxin.documents;

/** No such document, or (to callers who may not read it) one whose existence is not revealed. */
public final class DocumentNotFound extends DocumentException {

    public DocumentNotFound(long id) {
        super("no document " + id, null);
    }

    @Override
    public String rule() {
        return "document-not-found";
    }
}
