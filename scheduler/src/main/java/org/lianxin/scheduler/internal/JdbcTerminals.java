package org.lianxin.scheduler.internal;

import java.util.List;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.NewTerminal;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.TerminalStatus;
import org.lianxin.scheduler.Terminals;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

final class JdbcTerminals implements Terminals {
    static final RowMapper<Terminal> ROW = (rs, n) -> new Terminal(rs.getLong("id"), rs.getLong("office_id"),
            rs.getString("name"), rs.getString("location"), TerminalStatus.valueOf(rs.getString("status")));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Access access;

    JdbcTerminals(JdbcClient jdbc, TransactionTemplate tx, Access access) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
    }

    @Override
    public Terminal get(long id) {
        return jdbc.sql("select * from terminal where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("terminal", id));
    }

    @Override
    public List<Terminal> list(Actor actor, long officeId) {
        access.requireSees(actor, officeId, "office " + officeId);
        return jdbc.sql("select t.* from terminal t join office o on o.id = t.office_id "
                        + "where o.path like (select path from office where id = ?) || '%' order by o.path, t.name")
                .param(officeId).query(ROW).list();
    }

    @Override
    public Terminal create(Actor actor, NewTerminal t) {
        access.requireRole(actor, "create terminals", Role.ADMIN);
        access.requireSees(actor, t.officeId(), "office " + t.officeId());
        if (t.name() == null || t.name().isBlank()) {
            throw new RuleViolation("terminal-invalid", "a terminal needs a name");
        }
        return tx.execute(s -> {
            if (jdbc.sql("select count(*) from terminal where office_id = ? and name = ?")
                    .params(t.officeId(), t.name().trim()).query(Long.class).single() > 0) {
                throw new Conflict("terminal-name-taken", "the office already has a terminal named " + t.name());
            }
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("insert into terminal (office_id, name, location, status) values (?,?,?,'ACTIVE')")
                    .params(t.officeId(), t.name().trim(), t.location()).update(key, "id");
            return get(key.getKey().longValue());
        });
    }

    @Override
    public Terminal setStatus(Actor actor, long terminalId, TerminalStatus status) {
        access.requireRole(actor, "change terminal status", Role.ADMIN, Role.SCHEDULER);
        Terminal t = get(terminalId);
        access.requireSees(actor, t.officeId(), "terminal " + terminalId);
        jdbc.sql("update terminal set status = ? where id = ?").params(status.name(), terminalId).update();
        return get(terminalId);
    }
}
