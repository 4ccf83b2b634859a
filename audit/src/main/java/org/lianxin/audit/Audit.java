package org.lianxin.audit;

/**
 * The one audit port. {@link #record} appends an entry to the chain in its own transaction and returns once it is
 * committed; it is safe from any number of threads (and application instances on one database): the entries form
 * one linear chain.
 */
public interface Audit {

    /**
     * Appends {@code entry} at the chain's head.
     *
     * @return the entry as stored: its sequence number, time and hashes
     * @throws AuditUnavailable if it could not be written (the caller should not carry out, or not report as done,
     *                          what it could not audit)
     */
    AuditRecord record(AuditEntry entry);
}
