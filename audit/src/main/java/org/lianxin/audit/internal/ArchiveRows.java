package org.lianxin.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.lianxin.audit.AuditArchiver;
import org.lianxin.audit.AuditCanonical;
import org.lianxin.audit.Checkpoint;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code audit_archive} rows (migration V24), and the one way entries leave {@code audit_entry}. */
public final class ArchiveRows {

    private ArchiveRows() {
    }

    /**
     * Where the archived part of the trail ends: entry {@code seq} with hash {@code hash} ({@code 0} and
     * {@link AuditCanonical#GENESIS} while nothing is archived).
     */
    public record Boundary(long seq, String hash, String objectKey, String sha256, long from, long entries,
                           Instant archivedAt) {
        public static final Boundary NONE = new Boundary(0, AuditCanonical.GENESIS, null, null, 1, 0, null);
    }

    public static Boundary last(DataSource dataSource) {
        List<Boundary> all = JdbcClient.create(dataSource).sql(SELECT + " order by seq_to desc fetch first 1 rows only")
                .query((rs, n) -> boundary(rs)).list();
        return all.isEmpty() ? Boundary.NONE : all.get(0);
    }

    /** Every archived range, in order. */
    public static List<Boundary> all(DataSource dataSource) {
        return JdbcClient.create(dataSource).sql(SELECT + " order by seq_to").query((rs, n) -> boundary(rs)).list();
    }

    private static final String SELECT = "select seq_to, to_hash, object_key, sha256, seq_from, entries, archived_at"
            + " from audit_archive";

    private static Boundary boundary(java.sql.ResultSet rs) throws SQLException {
        return new Boundary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant());
    }

    /** Checkpoints after entry {@code after} made before {@code cutoff}, in order. */
    public static List<Checkpoint> checkpointsBefore(DataSource dataSource, long after, Instant cutoff) {
        return JdbcClient.create(dataSource).sql("select seq, hash, at, key_id, signature from audit_checkpoint"
                        + " where seq > ? and at < ? order by seq")
                .params(after, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .query((rs, n) -> CheckpointRows.read(rs)).list();
    }

    /**
     * Records {@code a} in {@code audit_archive} and removes its entries, in one transaction: on PostgreSQL through
     * {@code audit_archive_upto} (which checks again what may go), on H2 with the range opened for this thread only.
     */
    public static void remove(DataSource dataSource, AuditArchiver.Archived a, Duration retention) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long removed;
                if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                    removed = postgres(c, a, retention);
                } else {
                    removed = h2(c, a);
                }
                if (removed != a.entries()) {
                    throw new SQLException("audit archive " + a.from() + ".." + a.to() + ": " + removed
                            + " entries removed, " + a.entries() + " archived");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit archive " + a.objectKey() + " stored, but the entries were not"
                    + " removed (tried again at the next run): " + e.getMessage(), e);
        }
    }

    private static long postgres(Connection c, AuditArchiver.Archived a, Duration retention) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select audit_archive_upto(?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, a.from());
            s.setLong(2, a.to());
            s.setString(3, a.toHash());
            s.setString(4, a.objectKey());
            s.setString(5, a.sha256());
            s.setInt(6, (int) Math.min(Integer.MAX_VALUE, retention.toDays()));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long h2(Connection c, AuditArchiver.Archived a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into audit_archive (seq_from, seq_to, to_hash,"
                + " object_key, sha256, entries, archived_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, a.from());
            s.setLong(2, a.to());
            s.setString(3, a.toHash());
            s.setString(4, a.objectKey());
            s.setString(5, a.sha256());
            s.setLong(6, a.entries());
            s.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
        }
        ArchivePermit.open(a.from(), a.to());
        try (PreparedStatement s = c.prepareStatement("delete from audit_entry where seq between ? and ?")) {
            s.setLong(1, a.from());
            s.setLong(2, a.to());
            return s.executeUpdate();
        } finally {
            ArchivePermit.close();
        }
    }
}
