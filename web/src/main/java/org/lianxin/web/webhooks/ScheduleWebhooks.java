package org.lianxin.web.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.ScheduleEvent;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.WebhookEvent;
import org.lianxin.webhooks.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler's events out: a booking cancelled or marked no-show, a session started or ended early (interrupted).
 * The scheduler tells these after its commit, so the event is queued in a new transaction of its own right after it
 * (REQUIRES_NEW: code run from an after-commit callback would otherwise join the finished transaction and its write
 * would never commit); dedupe key per booking and type: told twice, queued once.
 */
final class ScheduleWebhooks {
    private static final Logger log = LoggerFactory.getLogger(ScheduleWebhooks.class);

    private final Webhooks webhooks;
    private final Bookings bookings;
    private final java.util.function.Supplier<Optional<Actor>> system;
    private final OfficeLineage lineage;
    private final java.time.Clock clock;
    private final TransactionTemplate ownTransaction;

    ScheduleWebhooks(Webhooks webhooks, Bookings bookings, java.util.function.Supplier<Optional<Actor>> system,
                     OfficeLineage lineage, java.time.Clock clock, PlatformTransactionManager transactions) {
        this.webhooks = webhooks;
        this.bookings = bookings;
        this.system = system;
        this.lineage = lineage;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void bookingClosed(ScheduleEvent.BookingClosed closed) {
        EventType type = closed.state() == BookingState.CANCELLED ? EventType.BOOKING_CANCELLED
                : closed.state() == BookingState.NO_SHOW ? EventType.BOOKING_NO_SHOW : EventType.SESSION_ENDED;
        emit(type, closed.bookingId());
    }

    @EventListener
    void sessionStarted(ScheduleEvent.SessionStarted started) {
        emit(EventType.SESSION_STARTED, started.bookingId());
    }

    private void emit(EventType type, long bookingId) {
        Optional<Actor> actor = system.get();
        if (actor.isEmpty()) {
            log.warn("booking {}: {} not sent out, the system actor is not ready", bookingId, type.wireName());
            return;
        }
        Booking b = bookings.get(actor.get(), bookingId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bookingId", b.id());
        data.put("bookingCode", b.code());
        data.put("caseNumber", b.caseNumber());
        data.put("officeId", b.terminalOfficeId());
        data.put("state", b.state().name());
        data.put("start", b.start().toString());
        data.put("end", b.end().toString());
        WebhookEvent event = new WebhookEvent(type, "case:" + b.caseNumber(), lineage.of(b.terminalOfficeId()),
                clock.instant(), type.wireName() + ":" + b.id(), data);
        ownTransaction.executeWithoutResult(s -> webhooks.emit(event));
    }
}
