package org.lianxin.scheduler.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.lianxin.scheduler.BlockedPeriod;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who is busy when: active bookings as host or (not declined) invitee, and terminals' active bookings. */
final class BusyTimes {
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

    /** The terminal's sessions overlapping a slot, officials' engagements over a range, and their blocks. */
    record Calendars(List<Busy> terminal, Map<Long, List<Busy>> officials, Map<Long, List<BlockedPeriod>> blocks) {
    }

    /**
     * Everything {@link CalendarCheck} needs for {@code slot}, in one round trip: the terminal's sessions overlapping
     * the slot with its buffer (none if {@code terminalId} is null), the officials' engagements overlapping the day
     * or the slot with its buffer, and their blocks overlapping the session; ignoring one booking (0: none).
     */
    Calendars calendars(Long terminalId, Slot slot, DayWindow day, Collection<Long> officialIds, long ignore) {
        Instant from = day.start().isBefore(slot.start()) ? day.start() : slot.start();
        Instant to = day.end().isAfter(slot.busyUntil()) ? day.end() : slot.busyUntil();
        List<Busy> terminal = new ArrayList<>();
        Map<Long, List<Busy>> officials = new HashMap<>();
        Map<Long, List<BlockedPeriod>> blocks = new HashMap<>();
        String terminalPart = terminalId == null ? "" : "select 'T' as kind, b.id, b.terminal_id as who, b.starts_at, "
                + "b.ends_at, b.busy_until, cast(null as varchar(200)) as reason from booking b "
                + "where b.terminal_id = :t and " + ACTIVE
                + " and b.starts_at < :slotUntil and b.busy_until > :slotFrom and b.id <> :ignore union all ";
        var query = jdbc.sql(terminalPart
                        + "select 'O' as kind, b.id, b.official_id as who, b.starts_at, b.ends_at, b.busy_until, "
                        + "cast(null as varchar(200)) as reason "
                        + "from booking b where b.official_id in (:ids) and " + ACTIVE
                        + " and b.starts_at < :to and b.busy_until > :from and b.id <> :ignore "
                        + "union all select 'O', b.id, i.official_id, b.starts_at, b.ends_at, b.busy_until, null "
                        + "from booking_invitation i join booking b on b.id = i.booking_id "
                        + "where i.official_id in (:ids) and i.state <> 'DECLINED' and " + ACTIVE
                        + " and b.starts_at < :to and b.busy_until > :from and b.id <> :ignore "
                        + "union all select 'B', p.id, p.official_id, p.starts_at, p.ends_at, p.ends_at, p.reason "
                        + "from blocked_period p where p.official_id in (:ids) "
                        + "and p.starts_at < :blockTo and p.ends_at > :blockFrom "
                        + "order by 4")
                .param("ids", officialIds).param("from", Sql.ts(from)).param("to", Sql.ts(to))
                .param("blockFrom", Sql.ts(slot.start())).param("blockTo", Sql.ts(slot.end())).param("ignore", ignore);
        if (terminalId != null) {
            query = query.param("t", terminalId).param("slotFrom", Sql.ts(slot.start()))
                    .param("slotUntil", Sql.ts(slot.busyUntil()));
        }
        query.query(rs -> {
            String kind = rs.getString("kind");
            long who = rs.getLong("who");
            Instant start = Sql.instant(rs, "starts_at");
            Instant end = Sql.instant(rs, "ends_at");
            if (kind.equals("B")) {
                blocks.computeIfAbsent(who, k -> new ArrayList<>())
                        .add(new BlockedPeriod(rs.getLong("id"), start, end, rs.getString("reason")));
                return;
            }
            Busy b = new Busy(rs.getLong("id"), who, start, end, Sql.instant(rs, "busy_until"));
            if (kind.equals("T")) terminal.add(b);
            else officials.computeIfAbsent(who, k -> new ArrayList<>()).add(b);
        });
        return new Calendars(terminal, officials, blocks);
    }

    List<Busy> ofTerminal(long terminalId, Instant from, Instant to, long ignoreBookingId) {
        return jdbc.sql("select b.id, b.terminal_id as who, b.starts_at, b.ends_at, b.busy_until from booking b "
                        + "where b.terminal_id = :t and " + ACTIVE
                        + " and b.starts_at < :to and b.busy_until > :from and b.id <> :ignore order by b.starts_at")
                .param("t", terminalId).param("from", Sql.ts(from)).param("to", Sql.ts(to))
                .param("ignore", ignoreBookingId).query(ROW).list();
    }
}
