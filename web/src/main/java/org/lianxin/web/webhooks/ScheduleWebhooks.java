package org.lianxin.web.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.ScheduleEvent;
import org.lianxin.scheduler.ScheduleOutbox;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.WebhookEvent;
import org.lianxin.webhooks.Webhooks;

/**
 * The scheduler's events out, queued inside the transaction of the change (the scheduler's {@link ScheduleOutbox}):
 * a booking made, moved, cancelled or marked no-show, a session started, completed or ended early (interrupted). A
 * change that rolls back queues nothing; one that commits always has its event. The booking is read in that same
 * transaction, so the payload shows the state just written.
 */
final class ScheduleWebhooks implements ScheduleOutbox {
    private final Webhooks webhooks;
    private final Supplier<Bookings> bookings;
    private final Supplier<Optional<Actor>> system;
    private final OfficeLineage lineage;
    private final Clock clock;

    ScheduleWebhooks(Webhooks webhooks, Supplier<Bookings> bookings, Supplier<Optional<Actor>> system,
                     OfficeLineage lineage, Clock clock) {
        this.webhooks = webhooks;
        this.bookings = bookings;
        this.system = system;
        this.lineage = lineage;
        this.clock = clock;
    }

    @Override
    public void record(ScheduleEvent event) {
        if (event instanceof ScheduleEvent.BookingCreated c) {
            emit(EventType.BOOKING_CREATED, c.bookingId(), null);
        } else if (event instanceof ScheduleEvent.BookingRescheduled r) {
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("previousStart", r.previousStart().toString());
            before.put("previousTerminalId", r.previousTerminalId());
            emit(EventType.BOOKING_RESCHEDULED, r.bookingId(), before);
        } else if (event instanceof ScheduleEvent.BookingClosed closed) {
            emit(typeOf(closed.state()), closed.bookingId(), null);
        } else if (event instanceof ScheduleEvent.SessionStarted s) {
            emit(EventType.SESSION_STARTED, s.bookingId(), null);
        } else if (event instanceof ScheduleEvent.SessionCompleted s) {
            emit(EventType.SESSION_ENDED, s.bookingId(), null);
        }
        // a consultation ending is internal to the offices: not sent out
    }

    static EventType typeOf(BookingState closedAs) {
        return closedAs == BookingState.CANCELLED ? EventType.BOOKING_CANCELLED
                : closedAs == BookingState.NO_SHOW ? EventType.BOOKING_NO_SHOW : EventType.SESSION_ENDED;
    }

    private void emit(EventType type, long bookingId, Map<String, Object> extra) {
        Actor actor = system.get().orElseThrow(() -> new IllegalStateException("booking " + bookingId + ": "
                + type.wireName() + " cannot be queued, there is no root office"));
        Booking b = bookings.get().get(actor, bookingId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bookingId", b.id());
        data.put("bookingCode", b.code());
        data.put("caseNumber", b.caseNumber());
        data.put("officeId", b.terminalOfficeId());
        data.put("terminalId", b.terminalId());
        data.put("officialId", b.officialId());
        data.put("state", b.state().name());
        data.put("start", b.start().toString());
        data.put("end", b.end().toString());
        if (extra != null) data.putAll(extra);
        // a booking is made, started and closed once; it may be moved several times, each move its own event
        String key = type.wireName() + ":" + b.id()
                + (type == EventType.BOOKING_RESCHEDULED ? ":" + b.start().toEpochMilli() + ":" + clock.millis() : "");
        webhooks.emit(new WebhookEvent(type, "case:" + b.caseNumber(), lineage.of(b.terminalOfficeId()),
                clock.instant(), key, data));
    }
}
