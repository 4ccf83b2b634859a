package org.lianxin.supervision.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lianxin.supervision.ItemQuery;
import org.lianxin.supervision.ItemState;
import org.lianxin.supervision.SupervisionException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Filtered pages of items: overdue first, then by deadline ascending. */
final class ItemQueries {
    private static final String OPEN = "i.state in ('PENDING_SIGN', 'IN_PROGRESS', 'RETURNED')";

    private final JdbcClient jdbc;

    ItemQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Page(long total, List<ItemRow> rows) {
    }

    /** Items whose unit or supervising office lies in the subtree at {@code path}. */
    Page visible(String path, ItemQuery q, Instant now) {
        return page("(i.unit_path like ? or i.supervising_path like ?)", List.of(path + "%", path + "%"), q, now);
    }

    /** Items whose unit is {@code officeId}. */
    Page ofUnit(long officeId, ItemQuery q, Instant now) {
        return page("i.unit_office_id = ?", List.of(officeId), q, now);
    }

    private Page page(String scope, List<Object> scopeParams, ItemQuery q, Instant now) {
        StringBuilder where = new StringBuilder(" where ").append(scope);
        List<Object> params = new ArrayList<>(scopeParams);
        if (q.state() != null && !q.state().isBlank()) {
            String state = q.state().trim().toUpperCase(Locale.ROOT);
            if (state.equals("OVERDUE")) {
                where.append(" and ").append(OPEN).append(" and i.due_at < ?");
                params.add(Sql.ts(now));
            } else {
                where.append(" and i.state = ?");
                params.add(parseState(state).name());
            }
        }
        if (Boolean.TRUE.equals(q.overdue())) {
            where.append(" and ").append(OPEN).append(" and i.due_at < ?");
            params.add(Sql.ts(now));
        }
        if (q.kind() != null) {
            where.append(" and i.kind = ?");
            params.add(q.kind().name());
        }
        if (q.unitId() != null) {
            where.append(" and i.unit_office_id = ?");
            params.add(q.unitId());
        }
        if (q.caseId() != null) {
            where.append(" and i.case_id = ?");
            params.add(q.caseId());
        }
        if (q.text() != null && !q.text().isBlank()) {
            String like = Sql.contains(q.text().trim());
            where.append(" and (i.number like ? escape '\\' or i.title like ? escape '\\' "
                    + "or i.case_number like ? escape '\\' or i.case_subject like ? escape '\\')");
            params.add(like);
            params.add(like);
            params.add(like);
            params.add(like);
        }
        long total = jdbc.sql("select count(*) from sv_item i" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(Sql.ts(now));
        pageParams.add(q.offset());
        pageParams.add(q.limit());
        List<ItemRow> rows = jdbc.sql("select i.* from sv_item i" + where + " order by case when " + OPEN
                        + " and i.due_at < ? then 0 else 1 end, i.deadline, i.id offset ? rows fetch next ? rows only")
                .params(pageParams).query(ItemRow.MAPPER).list();
        return new Page(total, rows);
    }

    private static ItemState parseState(String state) {
        try {
            return ItemState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new SupervisionException.Refused("state-unknown", "no state " + state);
        }
    }
}
