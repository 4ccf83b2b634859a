package org.lianxin.audit.internal;

import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import org.lianxin.audit.Audit;
import org.lianxin.audit.AuditCanonical;
import org.lianxin.audit.AuditEntry;
import org.lianxin.audit.AuditRecord;
import org.lianxin.audit.AuditUnavailable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trail in the database, one chain under concurrent writers the way the recording catalog chains segments: each
 * append runs in its own transaction that locks the head row ({@code select … for update}), appends the next entry
 * with the head's hash as its previous hash, and moves the head. Writers of every application instance on the same
 * database queue on that one row. The transaction is always a new one (an outer transaction of the caller is
 * suspended), so an entry is committed when {@link #record} returns and a caller's rollback does not take it back.
 */
public final class JdbcAuditLog implements Audit {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public JdbcAuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public AuditRecord record(AuditEntry e) {
        try {
            return tx.execute(status -> append(e));
        } catch (DataAccessException | TransactionException ex) {
            throw new AuditUnavailable("audit entry " + e.action().code() + " not written: " + ex.getMessage(), ex);
        }
    }

    private AuditRecord append(AuditEntry e) {
        Head head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        Instant at = AuditCanonical.micros(clock.instant());
        AuditRecord unhashed = new AuditRecord(head.seq() + 1, at, e.username(), e.role(), e.officeId(),
                e.action().code(), e.objectType(), e.objectId(), e.outcome().name(), e.clientAddress(), e.requestId(),
                e.detailsJson(), head.hash(), null);
        AuditRecord r = new AuditRecord(unhashed.seq(), at, e.username(), e.role(), e.officeId(), unhashed.action(),
                e.objectType(), e.objectId(), unhashed.outcome(), e.clientAddress(), e.requestId(), unhashed.details(),
                head.hash(), AuditCanonical.hash(unhashed));
        AuditRows.insert(jdbc, r);
        jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(r.seq(), r.hash()).update();
        return r;
    }

    private record Head(long seq, String hash) {
    }
}
