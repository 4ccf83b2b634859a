package org.lianxin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.lianxin.audit.AuditCanonical;
import org.lianxin.audit.AuditRecord;
import org.lianxin.audit.EntryHasher;
import org.lianxin.audit.internal.AuditRows;

/**
 * Where {@code verify-audit}'s time goes, printed by {@code bench audit} before the verify itself: streaming the
 * rows alone (JDBC, one thread), and, on the first {@value #SAMPLE} entries held in memory and scaled to the whole
 * table, the canonical form as {@link AuditCanonical#entry} builds it, SHA-256 of those bytes, and
 * {@link EntryHasher} (both in one reused buffer) on one thread.
 */
final class AuditVerifyProfile {
    static final int SAMPLE = 100_000;

    private AuditVerifyProfile() {
    }

    static void print(DataSource db, int entries) throws Exception {
        List<AuditRecord> sample = new ArrayList<>(SAMPLE);
        long t0 = System.nanoTime();
        long rows = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("select " + AuditRows.COLUMNS
                    + " from audit_entry order by seq")) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        AuditRecord r = AuditRows.read(rs);
                        if (sample.size() < SAMPLE) {
                            sample.add(r);
                        }
                        rows++;
                    }
                }
            }
            c.rollback();
        }
        long readMs = ms(t0);
        double scale = (double) entries / sample.size();
        for (int warm = 0; warm < 2; warm++) {
            time(sample, 0);
            time(sample, 1);
            time(sample, 2);
        }
        System.out.printf(Locale.ROOT, "profile of verify over %d entries (one thread each): read rows %d ms;"
                + " canonical bytes (AuditCanonical) %.0f ms; SHA-256 of them %.0f ms; EntryHasher (bytes + SHA-256,"
                + " no allocation) %.0f ms%n", rows, readMs, time(sample, 0) * scale, time(sample, 1) * scale,
                time(sample, 2) * scale);
    }

    /** Milliseconds for one pass over the sample: 0 canonical bytes, 1 their SHA-256, 2 EntryHasher. */
    private static double time(List<AuditRecord> sample, int what) throws Exception {
        List<byte[]> bytes = new ArrayList<>(sample.size());
        if (what == 1) {
            for (AuditRecord r : sample) {
                bytes.add(AuditCanonical.entry(r));
            }
        }
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        EntryHasher hasher = new EntryHasher();
        long sink = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < sample.size(); i++) {
            if (what == 0) {
                sink += AuditCanonical.entry(sample.get(i)).length;
            } else if (what == 1) {
                sink += sha.digest(bytes.get(i))[0];
            } else {
                sink += hasher.matches(sample.get(i)) ? 1 : 0;
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
        return ms;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
