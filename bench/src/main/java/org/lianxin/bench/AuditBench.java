package org.lianxin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.lianxin.audit.Audit;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditCanonical;
import org.lianxin.audit.AuditEntry;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.audit.AuditRecord;
import org.lianxin.audit.AuditVerifier;
import org.lianxin.audit.Audits;
import org.lianxin.scheduler.testing.TestDatabases;

/**
 * {@code ./lianxin bench audit}: appends per second from 8 writers through the audit port (the chain's head row
 * locked by each transaction; appends waiting meanwhile in one transaction) against the same rows inserted without
 * the chain (a plain table of the same columns, one INSERT transaction each, no lock), for
 * {@code LIANXIN_BENCH_SECONDS} (10) each, on PostgreSQL; also the port with one entry per transaction (printed, not
 * in the BENCH line);
 * then {@code verify-audit}'s walk over 1 000 000 chained entries (written in batches first). Last line:
 * {@code BENCH audit writers=8 chained_per_s=<x> plain_per_s=<x> ratio=<x> verify_1m_ms=<x>}.
 */
public final class AuditBench {
    static final int WRITERS = 8;
    static final int VERIFY_ENTRIES = 1_000_000;

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("LIANXIN_BENCH_SECONDS", "10"));
        DataSource db = TestDatabases.postgres("bench_audit");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table audit_plain as select * from audit_entry where false");
        }
        Audit audit = Audits.jdbc(db, Clock.systemUTC());
        Audit oneEach = Audits.jdbc(db, Clock.systemUTC(), 1);
        // warm-up of each
        run(db, audit, 2, true);
        run(db, oneEach, 2, true);
        run(db, audit, 2, false);
        double plain = run(db, audit, seconds, false);
        double single = run(db, oneEach, seconds, true);
        double chained = run(db, audit, seconds, true);
        System.out.printf(Locale.ROOT, "chained (group commit, the port): %.0f appends/s; chained one entry per"
                + " transaction: %.0f appends/s; plain: %.0f inserts/s (%d writers, %d s each)%n",
                chained, single, plain, WRITERS, seconds);

        DataSource big = TestDatabases.postgres("bench_audit_1m");
        long t0 = System.nanoTime();
        fill(big, VERIFY_ENTRIES);
        System.out.printf(Locale.ROOT, "wrote %d chained entries in %d ms%n", VERIFY_ENTRIES,
                (System.nanoTime() - t0) / 1_000_000);
        var key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        long v0 = System.nanoTime();
        AuditVerifier.Result r = new AuditVerifier(big, null, key.getPublic()).verify();
        long verifyMs = (System.nanoTime() - v0) / 1_000_000;
        System.out.printf(Locale.ROOT, "verify-audit over %d entries: %d ms (load average %s)%n", r.entries(),
                verifyMs, loadAverage());
        // after the verify, so that its read of the table does not warm the cache for the verify
        AuditVerifyProfile.print(big, VERIFY_ENTRIES);
        boolean valid = r.ok() && r.entries() == VERIFY_ENTRIES;
        if (!valid) {
            System.out.println("NOT VALID: the verifier read " + r.entries() + " entries, problems " + r.problems());
        }
        System.out.printf(Locale.ROOT, "BENCH audit writers=%d chained_per_s=%.0f plain_per_s=%.0f ratio=%.2f"
                + " verify_1m_ms=%s%n", WRITERS, chained, plain, chained / plain, valid ? Long.toString(verifyMs) : "NaN");
        System.exit(valid ? 0 : 1);
    }

    /** The first three fields of /proc/loadavg, or "?" where there is none. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static AuditEntry entry(int writer, long n) {
        return new AuditEntry("bench.user" + writer, "REVIEWER", 510104L, AuditAction.RECORDING_VIEW, "recording",
                Long.toString(n), AuditOutcome.ALLOWED, "127.0.0.1", "bench-" + writer + "-" + n,
                Map.of("access", "VIEW"));
    }

    /** Appends (or plain inserts) per second from {@link #WRITERS} threads for {@code seconds}. */
    static double run(DataSource db, Audit audit, int seconds, boolean chained) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            counts.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    if (chained) {
                        audit.record(entry(writer, n));
                    } else {
                        plainInsert(db, entry(writer, n));
                    }
                    n++;
                }
                return n;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }

    /** The same row, hashed the same way, inserted in its own transaction without the head's lock. */
    static void plainInsert(DataSource db, AuditEntry e) throws Exception {
        Instant at = AuditCanonical.micros(Instant.now());
        AuditRecord r = new AuditRecord(0, at, e.username(), e.role(), e.officeId(), e.action().code(),
                e.objectType(), e.objectId(), e.outcome().name(), e.clientAddress(), e.requestId(), e.detailsJson(),
                AuditCanonical.GENESIS, null);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("insert into audit_plain (seq, at, username, role, office_id,"
                    + " action, object_type, object_id, outcome, client_address, request_id, details, prev_hash, hash)"
                    + " values (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(p, r, AuditCanonical.hash(r));
                p.executeUpdate();
            }
            c.commit();
        }
    }

    private static void bind(PreparedStatement p, AuditRecord r, String hash) throws Exception {
        p.setObject(1, OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC));
        p.setString(2, r.username());
        p.setString(3, r.role());
        p.setObject(4, r.officeId());
        p.setString(5, r.action());
        p.setString(6, r.objectType());
        p.setString(7, r.objectId());
        p.setString(8, r.outcome());
        p.setString(9, r.clientAddress());
        p.setString(10, r.requestId());
        p.setString(11, r.details());
        p.setString(12, r.prevHash());
        p.setString(13, hash);
    }

    /** {@code n} chained entries, written in batches by one connection (as the trail would hold them). */
    static void fill(DataSource db, int n) throws Exception {
        String prev = AuditCanonical.GENESIS;
        Instant base = AuditCanonical.micros(Instant.now());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("insert into audit_entry (at, username, role, office_id,"
                    + " action, object_type, object_id, outcome, client_address, request_id, details, prev_hash, hash,"
                    + " seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (long seq = 1; seq <= n; seq++) {
                    AuditEntry e = entry((int) (seq % WRITERS), seq);
                    AuditRecord r = new AuditRecord(seq, base.plusNanos(seq * 1000), e.username(), e.role(),
                            e.officeId(), e.action().code(), e.objectType(), e.objectId(), e.outcome().name(),
                            e.clientAddress(), e.requestId(), e.detailsJson(), prev, null);
                    String hash = AuditCanonical.hash(r);
                    bind(p, r, hash);
                    p.setLong(14, seq);
                    p.addBatch();
                    prev = hash;
                    if (seq % 5000 == 0) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
        }
    }
}
