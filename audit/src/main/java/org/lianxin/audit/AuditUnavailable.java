package org.lianxin.audit;

/** The trail could not be written (the database refused or is unreachable). */
public final class AuditUnavailable extends RuntimeException {
    public AuditUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
