package org.lianxin.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.ScheduleEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox hears of an event at once, inside the change; the listener only once it committed. */
class ScheduleEventDispatchTest {
    final List<String> told = new ArrayList<>();

    @AfterEach
    void clear() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    ScheduleEventDispatch dispatch() {
        return new ScheduleEventDispatch(e -> told.add("listener " + e), e -> told.add("outbox " + e));
    }

    @Test
    void theOutboxIsToldInsideTheTransactionAndTheListenerOnlyAfterItsCommit() {
        TransactionSynchronizationManager.initSynchronization();
        ScheduleEvent created = new ScheduleEvent.BookingCreated(7);
        dispatch().tell(created);
        assertThat(told).containsExactly("outbox " + created);
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) s.afterCommit();
        assertThat(told).containsExactly("outbox " + created, "listener " + created);
    }

    @Test
    void aRolledBackChangeReachesNoListener() {
        TransactionSynchronizationManager.initSynchronization();
        dispatch().tell(new ScheduleEvent.SessionCompleted(8));
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
        }
        assertThat(told).hasSize(1).allMatch(t -> t.startsWith("outbox"));
    }

    @Test
    void anOutboxThatFailsFailsTheChangeAndTellsNoListener() {
        ScheduleEventDispatch failing = new ScheduleEventDispatch(e -> told.add("listener " + e), e -> {
            throw new IllegalStateException("outbox down");
        });
        assertThatThrownBy(() -> failing.tell(new ScheduleEvent.BookingCreated(9)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(told).isEmpty();
    }
}
