package org.lianxin.scheduler.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.CalendarSettings;
import org.lianxin.scheduler.NewOfficial;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.ReceptionCalendar;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.WeeklyWindow;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

final class JdbcOfficials implements Officials {
    static final RowMapper<Official> ROW = (rs, n) -> new Official(rs.getLong("id"), rs.getLong("office_id"),
            rs.getString("name"), rs.getString("title"), OfficialKind.valueOf(rs.getString("kind")),
            rs.getInt("slot_minutes"), rs.getInt("buffer_minutes"), rs.getInt("max_sessions_per_day"),
            rs.getBoolean("active"));
    static final RowMapper<WeeklyWindow> WINDOW = (rs, n) -> new WeeklyWindow(DayOfWeek.of(rs.getInt("day_of_week")),
            rs.getObject("start_time", java.time.LocalTime.class), rs.getObject("end_time", java.time.LocalTime.class));
    static final RowMapper<BlockedPeriod> BLOCK = (rs, n) -> new BlockedPeriod(rs.getLong("id"),
            Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"), rs.getString("reason"));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Access access;
    private final JdbcOffices offices;

    JdbcOfficials(JdbcClient jdbc, TransactionTemplate tx, Access access, JdbcOffices offices) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
        this.offices = offices;
    }

    @Override
    public Official get(long id) {
        return jdbc.sql("select * from official where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("official", id));
    }

    @Override
    public Official get(Actor actor, long id) {
        Official f = get(id);
        access.requireLooksAt(actor, f.officeId(), "official " + id);
        return f;
    }

    @Override
    public List<Official> list(Actor actor, long officeId, boolean subtree) {
        Office office = offices.get(officeId);
        // Anyone may see the officials of an office above them, and of that office's departments (a county
        // books the city's leaders and invites the city's departments); below them only inside their subtree.
        Office mine = offices.get(actor.officeId());
        access.requireLooksAt(actor, office.id(), "office " + office.code());
        if (subtree) {
            String prefix = mine.contains(office) ? office.path() : mine.path();
            return jdbc.sql("select f.* from official f join office o on o.id = f.office_id "
                    + "where o.path like ? and f.active = true order by o.path, f.id").param(prefix + "%")
                    .query(ROW).list();
        }
        return jdbc.sql("select * from official where office_id = ? and active = true order by id").param(officeId)
                .query(ROW).list();
    }

    @Override
    public Official create(Actor actor, NewOfficial o) {
        access.requireRole(actor, "create officials", Role.ADMIN);
        access.requireSees(actor, o.officeId(), "office " + o.officeId());
        if (o.name() == null || o.name().isBlank() || o.kind() == null) {
            throw new RuleViolation("official-invalid", "an official needs a name and a kind");
        }
        int slot = o.slotMinutes() == null ? 30 : o.slotMinutes();
        int buffer = o.bufferMinutes() == null ? 10 : o.bufferMinutes();
        int max = o.maxSessionsPerDay() == null ? 8 : o.maxSessionsPerDay();
        checkSettings(new CalendarSettings(slot, buffer, max));
        if (o.kind() == OfficialKind.LEADER && offices.get(o.officeId()).level() == OfficeLevel.DEPARTMENT) {
            throw new RuleViolation("official-invalid", "leaders belong to a petition office, not a department");
        }
        return tx.execute(s -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("insert into official (office_id, name, title, kind, slot_minutes, buffer_minutes, "
                            + "max_sessions_per_day, calendar_token, active) values (?,?,?,?,?,?,?,?,true)")
                    .params(o.officeId(), o.name().trim(), o.title(), o.kind().name(), slot, buffer, max,
                            Tokens.secret())
                    .update(key, "id");
            long id = key.getKey().longValue();
            if (o.windows() != null) insertWindows(id, o.windows());
            return get(id);
        });
    }

    List<WeeklyWindow> windows(long officialId) {
        return jdbc.sql("select * from availability_window where official_id = ? order by day_of_week, start_time")
                .param(officialId).query(WINDOW).list();
    }

    @Override
    public ReceptionCalendar calendar(Actor actor, long officialId) {
        Official f = get(actor, officialId);
        ReceptionCalendar c = calendar(officialId);
        boolean own = actor.officialId() != null && actor.officialId() == officialId;
        if (own || access.sees(actor, f.officeId())) return c;
        // an office above the actor's (or its department): when the official is away, never why
        List<BlockedPeriod> times = c.blocks().stream()
                .map(b -> new BlockedPeriod(b.id(), b.start(), b.end(), null)).toList();
        return new ReceptionCalendar(c.officialId(), c.zone(), c.slotMinutes(), c.bufferMinutes(),
                c.maxSessionsPerDay(), c.windows(), times);
    }

    ReceptionCalendar calendar(long officialId) {
        Official f = get(officialId);
        List<WeeklyWindow> windows = jdbc.sql("select * from availability_window where official_id = ? "
                + "order by day_of_week, start_time").param(officialId).query(WINDOW).list();
        List<BlockedPeriod> blocks = jdbc.sql("select * from blocked_period where official_id = ? order by starts_at")
                .param(officialId).query(BLOCK).list();
        return new ReceptionCalendar(f.id(), offices.get(f.officeId()).zone().getId(), f.slotMinutes(),
                f.bufferMinutes(), f.maxSessionsPerDay(), windows, blocks);
    }

    @Override
    public ReceptionCalendar replaceWindows(Actor actor, long officialId, List<WeeklyWindow> windows) {
        requireManages(actor, officialId);
        for (int i = 0; i < windows.size(); i++) {
            for (int j = i + 1; j < windows.size(); j++) {
                WeeklyWindow a = windows.get(i), b = windows.get(j);
                if (a.day() == b.day() && a.start().isBefore(b.end()) && b.start().isBefore(a.end())) {
                    throw new RuleViolation("window-overlap", "availability windows overlap on " + a.day());
                }
            }
        }
        tx.executeWithoutResult(s -> {
            jdbc.sql("delete from availability_window where official_id = ?").param(officialId).update();
            insertWindows(officialId, windows);
        });
        return calendar(officialId);
    }

    @Override
    public ReceptionCalendar updateSettings(Actor actor, long officialId, CalendarSettings settings) {
        requireManages(actor, officialId);
        checkSettings(settings);
        jdbc.sql("update official set slot_minutes = ?, buffer_minutes = ?, max_sessions_per_day = ? where id = ?")
                .params(settings.slotMinutes(), settings.bufferMinutes(), settings.maxSessionsPerDay(), officialId)
                .update();
        return calendar(officialId);
    }

    @Override
    public BlockedPeriod block(Actor actor, long officialId, Instant start, Instant end, String reason) {
        requireManages(actor, officialId);
        if (start == null || end == null || !start.isBefore(end)) {
            throw new RuleViolation("block-invalid", "a blocked period must start before it ends");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into blocked_period (official_id, starts_at, ends_at, reason) values (?,?,?,?)")
                .params(officialId, Sql.ts(start), Sql.ts(end), reason).update(key, "id");
        return new BlockedPeriod(key.getKey().longValue(), start, end, reason);
    }

    @Override
    public void unblock(Actor actor, long officialId, long blockId) {
        requireManages(actor, officialId);
        int n = jdbc.sql("delete from blocked_period where id = ? and official_id = ?").params(blockId, officialId)
                .update();
        if (n == 0) throw new NotFound("blocked-period", blockId);
    }

    @Override
    public String calendarFeedToken(Actor actor, long officialId) {
        requireSelfOrAdmin(actor, officialId);
        return jdbc.sql("select calendar_token from official where id = ?").param(officialId).query(String.class)
                .single();
    }

    @Override
    public String rotateCalendarFeedToken(Actor actor, long officialId) {
        requireSelfOrAdmin(actor, officialId);
        String token = Tokens.secret();
        jdbc.sql("update official set calendar_token = ? where id = ?").params(token, officialId).update();
        return token;
    }

    /** The official, or staff (admin, scheduler) of an office above or at the official's. */
    private void requireManages(Actor actor, long officialId) {
        Official f = get(officialId);
        if (actor.officialId() != null && actor.officialId() == officialId) return;
        access.requireRole(actor, "change another official's calendar", Role.ADMIN, Role.SCHEDULER);
        access.requireSees(actor, f.officeId(), "official " + officialId);
    }

    private void requireSelfOrAdmin(Actor actor, long officialId) {
        Official f = get(officialId);
        if (actor.officialId() != null && actor.officialId() == officialId) return;
        access.requireRole(actor, "read another official's calendar feed", Role.ADMIN);
        access.requireSees(actor, f.officeId(), "official " + officialId);
    }

    private void insertWindows(long officialId, List<WeeklyWindow> windows) {
        for (WeeklyWindow w : windows) {
            jdbc.sql("insert into availability_window (official_id, day_of_week, start_time, end_time) "
                            + "values (?,?,?,?)")
                    .params(officialId, w.day().getValue(), w.start(), w.end()).update();
        }
    }

    private static void checkSettings(CalendarSettings s) {
        if (s.slotMinutes() < 5 || s.slotMinutes() > 480) {
            throw new RuleViolation("slot-invalid", "slot length must be 5 to 480 minutes");
        }
        if (s.bufferMinutes() < 0 || s.bufferMinutes() > 240) {
            throw new RuleViolation("buffer-invalid", "buffer must be 0 to 240 minutes");
        }
        if (s.maxSessionsPerDay() < 1 || s.maxSessionsPerDay() > 48) {
            throw new RuleViolation("daily-limit-invalid", "maximum sessions a day must be 1 to 48");
        }
    }
}
