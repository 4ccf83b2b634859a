package org.lianxin.scheduler.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.NewOffice;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerSettings;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

final class JdbcOffices implements Offices {
    private static final RowMapper<Office> ROW = (rs, n) -> new Office(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), rs.getString("name_en"), OfficeLevel.valueOf(rs.getString("level")),
            Sql.nullableLong(rs, "parent_id"), rs.getString("path"), ZoneId.of(rs.getString("zone")));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SchedulerSettings settings;
    /** Offices never change once created (no rename or move), so a cache by id is always right. */
    private final Map<Long, Office> byId = new ConcurrentHashMap<>();

    JdbcOffices(JdbcClient jdbc, TransactionTemplate tx, SchedulerSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
    }

    @Override
    public Office get(long id) {
        Office cached = byId.get(id);
        if (cached != null) return cached;
        Office office = jdbc.sql("select * from office where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("office", id));
        byId.put(id, office);
        return office;
    }

    @Override
    public Office byCode(String code) {
        return jdbc.sql("select * from office where code = ?").param(code).query(ROW).optional()
                .orElseThrow(() -> new NotFound("office", code));
    }

    @Override
    public List<Office> all() {
        return jdbc.sql("select * from office order by path").query(ROW).list();
    }

    @Override
    public List<Office> subtree(long officeId) {
        Office root = get(officeId);
        return jdbc.sql("select * from office where path like ? order by path").param(root.path() + "%")
                .query(ROW).list();
    }

    @Override
    public Office jurisdictionOf(long officeId) {
        Office office = get(officeId);
        return office.level() == OfficeLevel.DEPARTMENT && office.parentId() != null ? get(office.parentId()) : office;
    }

    @Override
    public Office create(Actor actor, NewOffice office) {
        requireAdmin(actor);
        return tx.execute(status -> insert(actor, office));
    }

    @Override
    public int importCsv(Actor actor, Reader csv) {
        requireAdmin(actor);
        List<NewOffice> rows = parse(csv);
        return tx.execute(status -> {
            for (NewOffice row : rows) insert(actor, row);
            return rows.size();
        });
    }

    private void requireAdmin(Actor actor) {
        if (!actor.may(Role.ADMIN)) throw new OutOfJurisdiction("role " + actor.role() + " may not create offices");
    }

    private Office insert(Actor actor, NewOffice o) {
        if (o.code() == null || o.code().isBlank() || o.name() == null || o.name().isBlank() || o.level() == null) {
            throw new RuleViolation("office-invalid", "an office needs a code, a name and a level");
        }
        ZoneId zone;
        try {
            zone = o.zone() == null || o.zone().isBlank() ? settings.defaultZone() : ZoneId.of(o.zone());
        } catch (DateTimeException e) {
            throw new RuleViolation("zone-invalid", "unknown time zone " + o.zone());
        }
        Office parent = null;
        if (o.parentCode() != null && !o.parentCode().isBlank()) {
            parent = byCode(o.parentCode());
            if (!get(actor.officeId()).contains(parent)) {
                throw new OutOfJurisdiction("office " + parent.code() + " lies outside the jurisdiction of "
                        + actor.username());
            }
            if (parent.level() == OfficeLevel.DEPARTMENT) {
                throw new RuleViolation("office-parent-invalid", "a department cannot have offices under it");
            }
        } else if (o.level() != OfficeLevel.PROVINCE) {
            throw new RuleViolation("office-parent-missing", "only the province has no parent office");
        } else if (jdbc.sql("select count(*) from office where parent_id is null").query(Long.class).single() > 0) {
            throw new Conflict("province-exists", "the province office already exists");
        }
        if (jdbc.sql("select count(*) from office where code = ?").param(o.code()).query(Long.class).single() > 0) {
            throw new Conflict("office-code-taken", "office code " + o.code() + " is already used");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into office (code, name, name_en, level, parent_id, path, zone) values (?,?,?,?,?,?,?)")
                .params(o.code(), o.name(), o.nameEn(), o.level().name(), parent == null ? null : parent.id(),
                        "new:" + o.code(), zone.getId())
                .update(key, "id");
        long id = key.getKey().longValue();
        String path = (parent == null ? "/" : parent.path()) + id + "/";
        jdbc.sql("update office set path = ? where id = ?").params(path, id).update();
        return new Office(id, o.code(), o.name(), o.nameEn(), o.level(), parent == null ? null : parent.id(), path,
                zone);
    }

    /** code,name,name_en,level,parent_code,zone — a header line first; no quoting (names hold no commas). */
    static List<NewOffice> parse(Reader csv) {
        List<NewOffice> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(csv)) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equals("code,name,name_en,level,parent_code,zone")) {
                throw new RuleViolation("csv-header", "expected the header code,name,name_en,level,parent_code,zone");
            }
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(",", -1);
                if (f.length != 6) {
                    throw new RuleViolation("csv-row", "line " + n + ": expected 6 fields, found " + f.length);
                }
                OfficeLevel level;
                try {
                    level = OfficeLevel.valueOf(f[3].trim());
                } catch (IllegalArgumentException e) {
                    throw new RuleViolation("csv-row", "line " + n + ": unknown level " + f[3]);
                }
                rows.add(new NewOffice(f[0].trim(), f[1].trim(), blankToNull(f[2]), level, blankToNull(f[4]),
                        blankToNull(f[5])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
