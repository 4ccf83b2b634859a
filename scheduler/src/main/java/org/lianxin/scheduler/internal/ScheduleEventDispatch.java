package org.lianxin.scheduler.internal;

import java.util.Objects;
import org.lianxin.scheduler.ScheduleEvent;
import org.lianxin.scheduler.ScheduleEventListener;
import org.lianxin.scheduler.ScheduleOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells {@link ScheduleEvent}s: to the module's outbox at once, inside the transaction that makes them (what it throws
 * rolls the change back), and to its listener once that transaction has committed (at once when called outside a
 * transaction); never to the listener for a transaction that rolls back. What the listener throws is logged: the
 * change stands.
 */
final class ScheduleEventDispatch {
    private static final Logger log = LoggerFactory.getLogger(ScheduleEventDispatch.class);

    private final ScheduleEventListener listener;
    private final ScheduleOutbox outbox;

    ScheduleEventDispatch(ScheduleEventListener listener, ScheduleOutbox outbox) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** Call inside the transaction of the change, after its rows are written. */
    void tell(ScheduleEvent event) {
        outbox.record(event);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(event);
                }
            });
        } else {
            deliver(event);
        }
    }

    private void deliver(ScheduleEvent event) {
        try {
            listener.onScheduleEvent(event);
        } catch (RuntimeException e) {
            log.warn("a listener failed on {}", event, e);
        }
    }
}
