package org.lianxin.notification;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The notification module's API. A feature that changes something staff must hear about queues a {@link Notice} in
 * the same transaction as the change: both commit, or neither. The dispatcher ({@link Dispatcher}) sends what is due,
 * retries what fails and keeps what it gave up on, for an administrator to see and retry.
 */
public interface Notifications {

    /**
     * Queues the notice in the caller's transaction (or in its own if there is none); the dispatcher is woken after
     * the commit. A notice whose dedupe key is already in the outbox (queued by anyone, sent or not) is not queued
     * again, and the caller's transaction goes on unharmed.
     *
     * @return true if queued, false if its dedupe key was there already
     */
    boolean enqueue(Notice notice);

    /**
     * Notices given up on, newest first, of the given offices and — if {@code includeUnscoped} — of no office
     * (unknown users); for administrators, who pass their subtree.
     */
    List<OutboxEntry> failed(Collection<Long> officeIds, boolean includeUnscoped, int limit);

    /** The notice, if it belongs to one of the offices (or to none and {@code includeUnscoped}). */
    Optional<OutboxEntry> find(long id, Collection<Long> officeIds, boolean includeUnscoped);

    /**
     * Sends a FAILED notice again: PENDING, attempts from zero, due now; the dispatcher is woken after commit.
     *
     * @return the notice after the change, or empty if there is no FAILED notice with that id in those offices
     */
    Optional<OutboxEntry> retry(long id, Collection<Long> officeIds, boolean includeUnscoped);
}
