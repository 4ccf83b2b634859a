package org.lianxin.documents;

/** An upload that is not kept: empty, too large, not an accepted type, or its name or declared type not matching its bytes. */
public final class DocumentRefused extends DocumentException {

    public enum Reason {
        /** No bytes at all. */
        EMPTY("document-empty"),
        /** More bytes than the limit: the same rule as the request size limit's, so a client sees one rule whichever check caught it. */
        TOO_LARGE("body-too-large"),
        /** The bytes are none of the accepted types (PDF, PNG, JPEG). */
        TYPE_NOT_ALLOWED("document-type-not-allowed"),
        /** The name's extension or the declared MIME type says something other than the bytes are. */
        TYPE_MISMATCH("document-type-mismatch");

        private final String rule;

        Reason(String rule) {
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    private final Reason reason;

    public DocumentRefused(Reason reason, String message) {
        super(message, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String rule() {
        return reason.rule();
    }
}
