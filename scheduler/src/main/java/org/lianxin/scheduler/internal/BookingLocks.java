package org.lianxin.scheduler.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.TerminalStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The locking protocol of every write that changes who is busy when: inside its transaction, first the rows of the
 * terminals it touches, then the rows of the officials, each group in id order ({@code SELECT … FOR UPDATE}), then
 * the booking's own row; then the caller checks again and writes. One global order, so two writers never wait on
 * each other in a circle, and the loser of a race sees the winner's row when it re-checks — on PostgreSQL and H2
 * alike. {@code *ConcurrencyIT} fails when these locks are taken away.
 */
final class BookingLocks {
    private final JdbcClient jdbc;
    private final BookingRows rows;

    BookingLocks(JdbcClient jdbc, BookingRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** A new booking: the terminal, then the officials by id; the terminal's status as locked. */
    TerminalStatus forBooking(long terminalId, Official host, List<Official> invitees) {
        TerminalStatus status = terminals(terminalId).get(terminalId);
        officials(host, invitees);
        return status;
    }

    /** The terminals in id order; their status as locked. */
    Map<Long, TerminalStatus> terminals(long... ids) {
        TreeSet<Long> sorted = new TreeSet<>();
        for (long id : ids) sorted.add(id);
        Map<Long, TerminalStatus> status = new HashMap<>();
        for (long id : sorted) {
            status.put(id, TerminalStatus.valueOf(jdbc.sql("select status from terminal where id = ? for update")
                    .param(id).query(String.class).single()));
        }
        return status;
    }

    /** The host and the others, in id order. */
    void officials(Official host, List<Official> others) {
        TreeSet<Long> sorted = new TreeSet<>();
        sorted.add(host.id());
        others.forEach(o -> sorted.add(o.id()));
        for (long id : sorted) {
            jdbc.sql("select id from official where id = ? for update").param(id).query(Long.class).single();
        }
    }

    /** The booking's row, last; the booking as it is now. */
    Booking booking(long bookingId) {
        jdbc.sql("select id from booking where id = ? for update").param(bookingId).query(Long.class).optional()
                .orElseThrow(() -> new NotFound("booking", bookingId));
        return rows.load(bookingId);
    }
}
