package org.lianxin.scheduler.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Availability;
import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.FreeSlot;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.WeeklyWindow;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Free slots: each weekly window is cut into slots of the official's length, spaced by the buffer; a slot is free
 * if it is in the future and within the horizon, outside blocks, clear (buffers included) of the official's
 * sessions, under the daily maximum, and — if a terminal is given — clear of the terminal's sessions. A whole
 * office is answered with four queries whatever the number of officials or days.
 */
final class SlotFinder implements Availability {
    static final int MAX_DAYS = 92;

    private final JdbcClient jdbc;
    private final Access access;
    private final JdbcOffices offices;
    private final JdbcOfficials officials;
    private final BusyTimes busy;
    private final Clock clock;
    private final SchedulerSettings settings;
    private final JdbcTerminals terminals;

    SlotFinder(JdbcClient jdbc, Access access, JdbcOffices offices, JdbcOfficials officials, BusyTimes busy,
               Clock clock, SchedulerSettings settings, JdbcTerminals terminals) {
        this.jdbc = jdbc;
        this.access = access;
        this.offices = offices;
        this.officials = officials;
        this.busy = busy;
        this.clock = clock;
        this.settings = settings;
        this.terminals = terminals;
    }

    @Override
    public List<FreeSlot> freeSlots(Actor actor, long officialId, LocalDate from, LocalDate to, Long terminalId) {
        Official f = officials.get(officialId);
        requireVisible(actor, f.officeId());
        checkRange(from, to);
        List<Busy> terminalBusy = List.of();
        if (terminalId != null) {
            Terminal t = terminals.get(terminalId);
            access.requireSees(actor, t.officeId(), "terminal " + terminalId);
            ZoneId zone = offices.get(f.officeId()).zone();
            terminalBusy = busy.ofTerminal(terminalId, from.atStartOfDay(zone).toInstant(),
                    to.plusDays(2).atStartOfDay(zone).toInstant(), 0);
        }
        return compute(List.of(f), from, to, terminalBusy).getOrDefault(officialId, List.of());
    }

    @Override
    public Map<Long, List<FreeSlot>> freeSlotsOfOffice(Actor actor, long officeId, LocalDate from, LocalDate to) {
        requireVisible(actor, officeId);
        checkRange(from, to);
        List<Official> list = jdbc.sql("select * from official where office_id = ? and active = true order by id")
                .param(officeId).query(JdbcOfficials.ROW).list();
        return compute(list, from, to, List.of());
    }

    /** Like {@link JdbcOfficials#list}: offices above the actor and their departments, or inside its subtree. */
    private void requireVisible(Actor actor, long officeId) {
        Office mine = offices.get(actor.officeId());
        Office office = offices.get(officeId);
        if (!mine.contains(office) && !offices.jurisdictionOf(office.id()).contains(mine)) {
            throw new OutOfJurisdiction("office " + office.code() + " lies outside the jurisdiction of "
                    + actor.username());
        }
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new RuleViolation("range-invalid", "the date range needs from ≤ to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new RuleViolation("range-too-long", "search at most " + MAX_DAYS + " days at once",
                    Facts.of("days", MAX_DAYS));
        }
    }

    private Map<Long, List<FreeSlot>> compute(List<Official> list, LocalDate from, LocalDate to,
                                              List<Busy> terminalBusy) {
        Map<Long, List<FreeSlot>> result = new LinkedHashMap<>();
        if (list.isEmpty()) return result;
        List<Long> ids = list.stream().map(Official::id).toList();
        // one zone per office: every official here shares it when asked by office; by official there is one
        ZoneId zone = offices.get(list.get(0).officeId()).zone();
        Instant rangeStart = from.atStartOfDay(zone).toInstant();
        Instant rangeEnd = to.plusDays(1).atStartOfDay(zone).toInstant();

        Map<Long, List<WeeklyWindow>> windows = new HashMap<>();
        jdbc.sql("select * from availability_window where official_id in (:ids) order by day_of_week, start_time")
                .param("ids", ids).query(rs -> {
                    windows.computeIfAbsent(rs.getLong("official_id"), k -> new ArrayList<>())
                            .add(JdbcOfficials.WINDOW.mapRow(rs, 0));
                });
        Map<Long, List<BlockedPeriod>> blocks = new HashMap<>();
        jdbc.sql("select * from blocked_period where official_id in (:ids) and starts_at < :to and ends_at > :from")
                .param("ids", ids).param("from", Sql.ts(rangeStart)).param("to", Sql.ts(rangeEnd)).query(rs -> {
                    blocks.computeIfAbsent(rs.getLong("official_id"), k -> new ArrayList<>())
                            .add(JdbcOfficials.BLOCK.mapRow(rs, 0));
                });
        Map<Long, List<Busy>> busyOf = new HashMap<>();
        for (Busy b : busy.ofOfficials(ids, rangeStart.minus(Duration.ofDays(1)), rangeEnd, 0)) {
            busyOf.computeIfAbsent(b.who(), k -> new ArrayList<>()).add(b);
        }

        Instant now = clock.instant();
        Instant horizon = now.plus(settings.horizon());
        for (Official f : list) {
            List<FreeSlot> free = new ArrayList<>();
            List<WeeklyWindow> ws = windows.getOrDefault(f.id(), List.of());
            List<BlockedPeriod> bs = blocks.getOrDefault(f.id(), List.of());
            List<Busy> taken = busyOf.getOrDefault(f.id(), List.of());
            Duration length = Duration.ofMinutes(f.slotMinutes());
            Duration buffer = Duration.ofMinutes(f.bufferMinutes());
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                DayOfWeek dow = day.getDayOfWeek();
                long sessions = DayWindow.of(day, zone).sessionsStarting(taken);
                if (sessions >= f.maxSessionsPerDay()) continue;
                for (WeeklyWindow w : ws) {
                    if (w.day() != dow) continue;
                    LocalTime t = w.start();
                    while (!t.plus(length).isAfter(w.end()) && !t.plus(length).isBefore(t)) {
                        ZonedDateTime zs = day.atTime(t).atZone(zone);
                        Instant start = zs.toInstant();
                        Instant end = start.plus(length);
                        Slot slot = new Slot(start, end, end.plus(buffer));
                        if (start.isAfter(now) && !start.isAfter(horizon)
                                && CalendarCheck.isFree(slot, bs, taken, terminalBusy)
                                && sessions < f.maxSessionsPerDay()) {
                            free.add(new FreeSlot(f.id(), start, end));
                        }
                        LocalTime next = t.plus(length).plus(buffer);
                        if (!next.isAfter(t)) break; // wrapped past midnight
                        t = next;
                    }
                }
            }
            free.sort((a, b) -> a.start().compareTo(b.start()));
            result.put(f.id(), free);
        }
        return result;
    }
}
