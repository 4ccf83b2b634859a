package org.lianxin.scheduler.internal;

import java.util.Objects;
import org.lianxin.scheduler.ScheduleEvent;
import org.lianxin.scheduler.ScheduleEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands {@link ScheduleEvent}s to the module's listener once the transaction that made them has committed (at once
 * when called outside a transaction); never for a transaction that rolls back. What the listener throws is logged:
 * the change stands.
 */
final class ScheduleEventDispatch {
    private static final Logger log = LoggerFactory.getLogger(ScheduleEventDispatch.class);

    private final ScheduleEventListener listener;

    ScheduleEventDispatch(ScheduleEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void afterCommit(ScheduleEvent event) {
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
