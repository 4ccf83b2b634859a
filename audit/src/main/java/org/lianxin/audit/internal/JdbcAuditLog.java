package org.lianxin.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.audit.Audit;
import org.lianxin.audit.AuditCanonical;
import org.lianxin.audit.AuditEntry;
import org.lianxin.audit.AuditRecord;
import org.lianxin.audit.AuditUnavailable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trail in the database, one chain under concurrent writers the way the recording catalog chains segments: an
 * append runs in a transaction that locks the head row ({@code select … for update}), appends with the head's hash as
 * the previous hash, and moves the head; writers of every application instance on the database queue on that row.
 * Within this instance the appends waiting meanwhile go together (group commit): the writer that finds no write under
 * way takes every waiting entry (at most {@code maxBatch}, {@value #MAX_BATCH} by default), writes them in one such transaction and wakes their
 * callers; each {@link #record} returns once its entry is committed, or throws if that transaction failed. The
 * transaction is always a new one (an outer transaction of the caller is suspended), so a caller's rollback does not
 * take an entry back.
 */
public final class JdbcAuditLog implements Audit {

    /** The most entries one transaction appends. */
    public static final int MAX_BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxBatch;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean writing;

    public JdbcAuditLog(DataSource dataSource, Clock clock, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.jdbc = JdbcClient.create(dataSource);
        this.template = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** One caller's entry: its record once written, or why not. */
    private static final class Pending {
        final AuditEntry entry;
        AuditRecord written;
        RuntimeException failure;

        Pending(AuditEntry entry) {
            this.entry = entry;
        }

        boolean done() {
            return written != null || failure != null;
        }
    }

    @Override
    public AuditRecord record(AuditEntry e) {
        Pending me = new Pending(e);
        List<Pending> batch;
        boolean interrupted = false;
        try {
            synchronized (lock) {
                waiting.add(me);
            }
            while (true) { // until this caller's entry was written (by it or by another caller's batch)
                synchronized (lock) {
                    while (!me.done() && writing) {
                        try {
                            lock.wait();
                        } catch (InterruptedException ex) {
                            interrupted = true; // the entry is queued: see it through, then pass the interrupt on
                        }
                    }
                    if (me.done()) {
                        return result(me);
                    }
                    writing = true;
                    batch = new ArrayList<>();
                    while (!waiting.isEmpty() && batch.size() < maxBatch) {
                        batch.add(waiting.poll());
                    }
                }
                try {
                    write(batch);
                } finally {
                    synchronized (lock) {
                        writing = false;
                        lock.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static AuditRecord result(Pending me) {
        if (me.failure != null) {
            throw me.failure;
        }
        return me.written;
    }

    private void write(List<Pending> batch) {
        try {
            List<AuditRecord> records = tx.execute(status -> append(batch));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).written = records.get(i);
            }
        } catch (DataAccessException | TransactionException ex) {
            AuditUnavailable failure = new AuditUnavailable("audit entries not written: " + ex.getMessage(), ex);
            batch.forEach(p -> p.failure = failure);
        } catch (RuntimeException ex) {
            batch.forEach(p -> p.failure = ex);
        }
    }

    private List<AuditRecord> append(List<Pending> batch) {
        Head head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        List<AuditRecord> records = new ArrayList<>(batch.size());
        long seq = head.seq();
        String prev = head.hash();
        for (Pending p : batch) {
            AuditEntry e = p.entry;
            Instant at = AuditCanonical.micros(clock.instant());
            seq++;
            AuditRecord unhashed = new AuditRecord(seq, at, e.username(), e.role(), e.officeId(), e.action().code(),
                    e.objectType(), e.objectId(), e.outcome().name(), e.clientAddress(), e.requestId(), e.detailsJson(),
                    prev, null);
            String hash = AuditCanonical.hash(unhashed);
            records.add(new AuditRecord(seq, at, unhashed.username(), unhashed.role(), unhashed.officeId(),
                    unhashed.action(), unhashed.objectType(), unhashed.objectId(), unhashed.outcome(),
                    unhashed.clientAddress(), unhashed.requestId(), unhashed.details(), prev, hash));
            prev = hash;
        }
        AuditRows.insertAll(template, records);
        jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(seq, prev).update();
        return records;
    }

    private record Head(long seq, String hash) {
    }
}
