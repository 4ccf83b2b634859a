package org.lianxin.scheduler.internal;

import java.time.Clock;
import java.util.List;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.BookingEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A booking's history (the audit trail): who did what when — BOOKED, RESCHEDULED, INVITED, ACCEPTED, DECLINED,
 * the states it entered, IDENTITY_MISMATCH at a check-in, EVALUATED. Written in the transaction of the change
 * (a refused check-in's mismatch on its own).
 */
final class BookingHistory {
    private static final int MAX_DETAIL = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    BookingHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param detail cut to 1000 characters; may be null */
    void record(long bookingId, String kind, Actor actor, String detail) {
        jdbc.sql("insert into booking_event (booking_id, at, kind, actor, detail) values (?,?,?,?,?)")
                .params(bookingId, Sql.ts(clock.instant()), kind, actor.username(),
                        detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail)
                .update();
    }

    /** Oldest first. */
    List<BookingEvent> of(long bookingId) {
        return jdbc.sql("select * from booking_event where booking_id = ? order by id").param(bookingId)
                .query((rs, n) -> new BookingEvent(Sql.instant(rs, "at"), rs.getString("kind"), rs.getString("actor"),
                        rs.getString("detail")))
                .list();
    }
}
