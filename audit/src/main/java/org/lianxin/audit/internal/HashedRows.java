package org.lianxin.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.lianxin.audit.AuditRecord;
import org.lianxin.audit.EntryHasher;

/**
 * The trail's entries in sequence order, each with whether its content gives its hash: the calling thread streams
 * the rows (a cursor with a large fetch size) and cuts them into batches; the batches are hashed on other threads
 * (one {@link EntryHasher} each) while the next rows are read; the batches come back to the caller's {@link Sink}
 * in order, on the calling thread, so that the sequential checks (the link to the previous entry) stay simple.
 */
public final class HashedRows {

    /** Rows per batch handed to a hashing thread. */
    static final int BATCH = 4096;
    private static final int FETCH = 10_000;

    /** Entries {@code records[0..size)} in order; {@code changed} marks those whose content does not give the hash. */
    public record Batch(AuditRecord[] records, int size, BitSet changed) {
    }

    /** What the caller does with each batch, in order. */
    public interface Sink {
        void accept(Batch batch);
    }

    private HashedRows() {
    }

    /** Hashing threads: the cores but one, which reads (at least one). */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * Streams {@code select COLUMNS from audit_entry where seq > after order by seq} through {@code sink}.
     *
     * @param threads hashing threads
     */
    public static void stream(Connection c, long after, int threads, Sink sink) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        c.setReadOnly(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "verify-audit-hash");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<EntryHasher> hashers = ThreadLocal.withInitial(EntryHasher::new);
        // at most two batches per thread in flight: the reader never runs far ahead of the hashing
        int inFlight = 2 * threads + 1;
        ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
        try (PreparedStatement s = c.prepareStatement("select " + AuditRows.COLUMNS
                + " from audit_entry where seq > ? order by seq")) {
            s.setFetchSize(FETCH);
            s.setLong(1, after);
            try (ResultSet rs = s.executeQuery()) {
                AuditRecord[] batch = new AuditRecord[BATCH];
                int n = 0;
                while (rs.next()) {
                    batch[n++] = AuditRows.read(rs);
                    if (n == BATCH) {
                        pending.add(submit(pool, hashers, batch, n));
                        batch = new AuditRecord[BATCH];
                        n = 0;
                        while (pending.size() >= inFlight) {
                            sink.accept(take(pending));
                        }
                    }
                }
                if (n > 0) {
                    pending.add(submit(pool, hashers, batch, n));
                }
            }
            while (!pending.isEmpty()) {
                sink.accept(take(pending));
            }
        } finally {
            pool.shutdownNow();
            c.rollback();
            c.setReadOnly(false);
            c.setAutoCommit(auto);
        }
    }

    private static Future<Batch> submit(ExecutorService pool, ThreadLocal<EntryHasher> hashers, AuditRecord[] records,
                                        int size) {
        return pool.submit(() -> {
            EntryHasher h = hashers.get();
            BitSet changed = new BitSet();
            for (int i = 0; i < size; i++) {
                if (!h.matches(records[i])) {
                    changed.set(i);
                }
            }
            return new Batch(records, size, changed);
        });
    }

    private static Batch take(ArrayDeque<Future<Batch>> pending) {
        try {
            return pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verify-audit interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing audit entries failed", e.getCause());
        }
    }
}
