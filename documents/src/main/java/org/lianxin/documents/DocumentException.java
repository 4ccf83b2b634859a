package org.lianxin.documents;

/**
 * Why a document operation was refused or failed; {@link #rule()} is stable, for clients and for the problem
 * details the web module makes of it.
 */
public abstract sealed class DocumentException extends RuntimeException
        permits DocumentRefused, DocumentNotFound, DocumentStorageUnavailable {

    DocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable name of the rule, e.g. {@code document-type-not-allowed}. */
    public abstract String rule();
}
