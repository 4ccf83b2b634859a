package org.lianxin.audit.internal;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.audit.AuditPage;
import org.lianxin.audit.AuditQuery;
import org.lianxin.audit.AuditRecord;
import org.lianxin.audit.AuditSearch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/** The search over {@code audit_entry} in plain SQL (PostgreSQL and H2), every value a bound parameter. */
public final class JdbcAuditSearch implements AuditSearch {
    private final JdbcTemplate jdbc;

    public JdbcAuditSearch(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public AuditPage search(AuditQuery q) {
        if (q.officeIds().isEmpty() && !q.unattributed()) {
            return new AuditPage(List.of(), q.page(), q.size(), 0);
        }
        StringBuilder where = new StringBuilder(" where ");
        List<Object> args = new ArrayList<>();
        where.append('(');
        if (!q.officeIds().isEmpty()) {
            where.append("office_id in (").append("?,".repeat(q.officeIds().size() - 1)).append("?)");
            args.addAll(q.officeIds());
        } else {
            where.append("1 = 0");
        }
        if (q.unattributed()) where.append(" or office_id is null");
        where.append(')');
        if (q.from() != null) {
            where.append(" and at >= ?");
            args.add(time(q.from()));
        }
        if (q.to() != null) {
            where.append(" and at < ?");
            args.add(time(q.to()));
        }
        equal(where, args, "username", q.username());
        equal(where, args, "action", q.action());
        equal(where, args, "outcome", q.outcome() == null ? null : q.outcome().name());
        equal(where, args, "object_type", q.objectType());
        equal(where, args, "object_id", q.objectId());
        Long total = jdbc.queryForObject("select count(*) from audit_entry" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add((long) q.page() * q.size());
        pageArgs.add(q.size());
        List<AuditRecord> entries = jdbc.query("select " + AuditRows.COLUMNS + " from audit_entry" + where
                + " order by seq desc offset ? rows fetch next ? rows only", (rs, n) -> AuditRows.read(rs),
                pageArgs.toArray());
        return new AuditPage(entries, q.page(), q.size(), total == null ? 0 : total);
    }

    private static void equal(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static SqlParameterValue time(java.time.Instant at) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
