package org.lianxin.evaluation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lianxin.evaluation.Eligibility;
import org.lianxin.evaluation.Evaluator;
import org.lianxin.evaluation.EvaluatorKind;
import org.lianxin.evaluation.NewEvaluator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The evaluator pool's rows. */
public final class JdbcPool {
    private static final String COLUMNS =
            "id, name, kind, affiliation_office_id, pool_office_id, username, active, affiliation_path";
    private final JdbcClient jdbc;

    public JdbcPool(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(NewEvaluator e, OfficeRow affiliation, OfficeRow pool, String by, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into ev_evaluator (name, kind, affiliation_office_id, affiliation_path, pool_office_id,"
                + " pool_path, username, active, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, true, ?, ?)")
                .params(e.name().strip(), e.kind().name(), affiliation == null ? null : affiliation.id(),
                        affiliation == null ? null : affiliation.path(), pool.id(), pool.path(), e.username(), by,
                        java.sql.Timestamp.from(at))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<Evaluator> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from ev_evaluator where id = ?").param(id).query(JdbcPool::row)
                .optional();
    }

    public Optional<Evaluator> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from ev_evaluator where username = ?").param(username)
                .query(JdbcPool::row).optional();
    }

    public String poolPath(long id) {
        return jdbc.sql("select pool_path from ev_evaluator where id = ?").param(id).query(String.class).single();
    }

    /** Sets the login of an evaluator that has none; the unique key refuses one another evaluator has. */
    public void setUsername(long id, String username) {
        jdbc.sql("update ev_evaluator set username = ? where id = ? and username is null").params(username, id)
                .update();
    }

    public void setActive(long id, boolean active) {
        jdbc.sql("update ev_evaluator set active = ? where id = ?").params(active, id).update();
    }

    /** The pool kept by the office at {@code path} or any office in its subtree. */
    public List<Evaluator> within(String path) {
        return jdbc.sql("select " + COLUMNS + " from ev_evaluator where pool_path like ? order by id")
                .param(path + "%").query(JdbcPool::row).list();
    }

    /**
     * Ids, ascending, of the evaluators who may score the office at {@code evaluatedPath}: active, in a pool kept by
     * the office or one above it, and eligible by {@link Eligibility}.
     */
    public long[] eligible(String evaluatedPath) {
        return jdbc.sql("select id, active, affiliation_path, pool_path from ev_evaluator order by id")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)})
                .list().stream()
                .filter(r -> evaluatedPath.startsWith((String) r[3])
                        && Eligibility.eligible((Boolean) r[1], (String) r[2], evaluatedPath))
                .mapToLong(r -> (Long) r[0]).toArray();
    }

    static Evaluator row(ResultSet rs, int n) throws SQLException {
        long affiliation = rs.getLong(4);
        Long aff = rs.wasNull() ? null : affiliation;
        return new Evaluator(rs.getLong(1), rs.getString(2), EvaluatorKind.valueOf(rs.getString(3)), aff,
                rs.getLong(5), rs.getString(6), rs.getBoolean(7));
    }
}
