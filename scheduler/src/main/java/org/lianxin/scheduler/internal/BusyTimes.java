package org.lianxin.scheduler.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who is busy when: active bookings as host or (not declined) invitee, and terminals' active bookings. */
final class BusyTimes {
    /** {@code who} is the official or terminal id; busy on [start, busyUntil) — the session plus the host's buffer. */
    record Busy(long bookingId, long who, Instant start, Instant end, Instant busyUntil) {
        boolean overlaps(Instant from, Instant until) {
            return start.isBefore(until) && busyUntil.isAfter(from);
        }
    }

    private static final String ACTIVE = "b.state in ('BOOKED', 'CHECKED_IN', 'IN_SESSION')";
    private static final RowMapper<Busy> ROW = (rs, n) -> new Busy(rs.getLong("id"), rs.getLong("who"),
            Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"), Sql.instant(rs, "busy_until"));

    private final JdbcClient jdbc;

    BusyTimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Busy times of these officials overlapping [from, to), ordered by start, ignoring one booking (0: none). */
    List<Busy> ofOfficials(Collection<Long> officialIds, Instant from, Instant to, long ignoreBookingId) {
        if (officialIds.isEmpty()) return List.of();
        return jdbc.sql("select b.id, b.official_id as who, b.starts_at, b.ends_at, b.busy_until from booking b "
                        + "where b.official_id in (:ids) and " + ACTIVE
                        + " and b.starts_at < :to and b.busy_until > :from and b.id <> :ignore "
                        + "union all "
                        + "select b.id, i.official_id as who, b.starts_at, b.ends_at, b.busy_until "
                        + "from booking_invitation i join booking b on b.id = i.booking_id "
                        + "where i.official_id in (:ids) and i.state <> 'DECLINED' and " + ACTIVE
                        + " and b.starts_at < :to and b.busy_until > :from and b.id <> :ignore "
                        + "order by 3")
                .param("ids", officialIds).param("from", Sql.ts(from)).param("to", Sql.ts(to))
                .param("ignore", ignoreBookingId).query(ROW).list();
    }

    List<Busy> ofTerminal(long terminalId, Instant from, Instant to, long ignoreBookingId) {
        return jdbc.sql("select b.id, b.terminal_id as who, b.starts_at, b.ends_at, b.busy_until from booking b "
                        + "where b.terminal_id = :t and " + ACTIVE
                        + " and b.starts_at < :to and b.busy_until > :from and b.id <> :ignore order by b.starts_at")
                .param("t", terminalId).param("from", Sql.ts(from)).param("to", Sql.ts(to))
                .param("ignore", ignoreBookingId).query(ROW).list();
    }
}
