package org.lianxin.notification.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.lianxin.notification.Directory;
import org.lianxin.notification.Notice;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox: an enqueue inserts one row in the caller's transaction, inside a savepoint (a nested transaction), so
 * that a dedupe key already there — even one another node is committing at the same moment — rolls back only the
 * insert and never the caller's change.
 */
final class JdbcOutbox implements Notifications {
    private static final Logger log = LoggerFactory.getLogger(JdbcOutbox.class);

    private final OutboxRows rows;
    private final TransactionTemplate nested;
    private final TransactionTemplate tx;
    private final Directory directory;
    private final Clock clock;
    private final WakeSignal wake;

    JdbcOutbox(OutboxRows rows, PlatformTransactionManager transactions, Directory directory, Clock clock,
               WakeSignal wake) {
        this.rows = rows;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.tx = new TransactionTemplate(transactions);
        this.directory = directory;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public boolean enqueue(Notice notice) {
        Objects.requireNonNull(notice, "notice");
        boolean queued;
        try {
            queued = Boolean.TRUE.equals(nested.execute(s -> {
                if (rows.keyExists(notice.dedupeKey())) {
                    return false; // the common repeat: no failed statement at all
                }
                OptionalLong office = directory.officeOf(notice.recipient());
                rows.insert(notice, office.isPresent() ? office.getAsLong() : null, clock.instant());
                return true;
            }));
        } catch (DuplicateKeyException e) { // queued by another transaction meanwhile: only the savepoint is undone
            queued = false;
        }
        if (!queued) {
            log.debug("{}: already queued", notice);
            return false;
        }
        log.debug("{}: queued", notice);
        wakeAfterCommit();
        return true;
    }

    @Override
    public List<OutboxEntry> failed(Collection<Long> officeIds, boolean includeUnscoped, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return rows.failed(officeIds, includeUnscoped, limit);
    }

    @Override
    public Optional<OutboxEntry> find(long id, Collection<Long> officeIds, boolean includeUnscoped) {
        return rows.find(id, officeIds, includeUnscoped);
    }

    @Override
    public Optional<OutboxEntry> retry(long id, Collection<Long> officeIds, boolean includeUnscoped) {
        Optional<OutboxEntry> after = tx.execute(s -> rows.requeue(id, officeIds, includeUnscoped, clock.instant())
                ? rows.find(id, officeIds, includeUnscoped) : Optional.<OutboxEntry>empty());
        if (after != null && after.isPresent()) {
            log.info("notice {}: queued again by an administrator", id);
            wakeAfterCommit();
            return after;
        }
        return Optional.empty();
    }

    /** Wakes the dispatcher once the caller's transaction committed (at once if there is none); never on rollback. */
    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.raise();
                }
            });
        } else {
            wake.raise();
        }
    }
}
