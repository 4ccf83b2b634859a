package org.lianxin.audit;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.lianxin.audit.internal.ArchiveFile;
import org.lianxin.audit.internal.ArchiveRows;
import org.lianxin.audit.internal.AuditRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of the trail: moves entries older than the retention, up to a signed checkpoint older than the retention,
 * into an archive object of the store ({@link ArchiveFile}), checks the object was stored (read back, SHA-256), and
 * only then removes them from the table through migration V24's narrow path, which records the boundary (entry, hash,
 * object, SHA-256) in {@code audit_archive} in the same transaction. Entries whose chain does not hold are never
 * archived. Each archive run is itself audited ({@link AuditAction#AUDIT_ARCHIVE}).
 */
public final class AuditArchiver {
    private static final Logger log = LoggerFactory.getLogger(AuditArchiver.class);

    /** 网络安全法: network logs are kept at least six months. */
    public static final Duration MIN_RETENTION = Duration.ofDays(180);
    /** An archive object holds up to a checkpoint and, where checkpoints allow, about this many entries at most. */
    static final long MAX_OBJECT_ENTRIES = 50_000;

    private final DataSource dataSource;
    private final CheckpointStore store;
    private final PublicKey key;
    private final Audit audit;
    private final Clock clock;
    private final Duration retention;

    /** One archived range. */
    public record Archived(long from, long to, String toHash, String objectKey, String sha256, long entries) {
    }

    public AuditArchiver(DataSource dataSource, CheckpointStore store, PublicKey key, Audit audit, Clock clock,
                         Duration retention) {
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("audit retention " + retention.toDays() + " days: at least 180 days"
                    + " (网络安全法: network logs are kept at least six months)");
        }
        this.dataSource = dataSource;
        this.store = store;
        this.key = key;
        this.audit = audit;
        this.clock = clock;
        this.retention = retention;
    }

    /** Archives every range that is due, oldest first; what was archived. */
    public List<Archived> archiveDue() {
        List<Archived> done = new ArrayList<>();
        for (Optional<Archived> a = archiveNext(); a.isPresent(); a = archiveNext()) {
            done.add(a.get());
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return done;
    }

    /** Archives the next due range, if any. */
    public Optional<Archived> archiveNext() {
        Instant cutoff = clock.instant().minus(retention);
        ArchiveRows.Boundary last = ArchiveRows.last(dataSource);
        Optional<Checkpoint> upTo = target(last.seq(), cutoff);
        if (upTo.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint cp = upTo.get();
        List<AuditRecord> records = read(last, cp, cutoff);
        byte[] object = ArchiveFile.write(records);
        String sha = AuditCanonical.sha256(object);
        String objectKey = ArchiveFile.key(last.seq() + 1, cp.seq());
        store.put(objectKey, object);
        Optional<byte[]> back = store.get(objectKey);
        if (back.isEmpty() || !AuditCanonical.sha256(back.get()).equals(sha)) {
            throw new IllegalStateException("audit archive " + objectKey + " not stored intact in " + store.describe()
                    + ": nothing removed");
        }
        Archived a = new Archived(last.seq() + 1, cp.seq(), cp.hash(), objectKey, sha, records.size());
        ArchiveRows.remove(dataSource, a, retention);
        log.info("audit archive: entries {}..{} ({}) moved to {} (sha256 {})", a.from(), a.to(), a.entries(),
                objectKey, sha.substring(0, 16));
        audit.record(new AuditEntry("system", null, null, AuditAction.AUDIT_ARCHIVE, "audit-archive", objectKey,
                AuditOutcome.ALLOWED, null, null, Map.of("from", Long.toString(a.from()), "to", Long.toString(a.to()),
                        "entries", Long.toString(a.entries()), "sha256", sha, "retentionDays",
                        Long.toString(retention.toDays()))));
        return Optional.of(a);
    }

    /**
     * The checkpoint to archive up to: validly signed, older than {@code cutoff}, after {@code last}; the furthest
     * one within {@link #MAX_OBJECT_ENTRIES} of {@code last}, else the nearest.
     */
    private Optional<Checkpoint> target(long last, Instant cutoff) {
        String keyId = CheckpointKeys.keyId(key);
        Checkpoint nearest = null;
        Checkpoint within = null;
        for (Checkpoint cp : ArchiveRows.checkpointsBefore(dataSource, last, cutoff)) {
            if (!cp.keyId().equals(keyId) || !cp.verify(key)) {
                log.warn("audit archive: checkpoint {} is not signed by this server's key; not archived up to it",
                        cp.seq());
                continue;
            }
            if (nearest == null) {
                nearest = cp;
            }
            if (cp.seq() - last <= MAX_OBJECT_ENTRIES) {
                within = cp;
            }
        }
        return Optional.ofNullable(within != null ? within : nearest);
    }

    /** Entries {@code last+1..cp.seq}, checked: in sequence, chained from the boundary, hashes, older than cutoff. */
    private List<AuditRecord> read(ArchiveRows.Boundary last, Checkpoint cp, Instant cutoff) {
        List<AuditRecord> records = new ArrayList<>();
        EntryHasher hasher = new EntryHasher();
        long seq = last.seq();
        String prev = last.hash();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + AuditRows.COLUMNS
                     + " from audit_entry where seq > ? and seq <= ? order by seq")) {
            s.setLong(1, last.seq());
            s.setLong(2, cp.seq());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    AuditRecord r = AuditRows.read(rs);
                    if (r.seq() != seq + 1 || !prev.equals(r.prevHash()) || !hasher.matches(r)
                            || !r.at().isBefore(cutoff)) {
                        throw new IllegalStateException("audit archive refused: entry " + (seq + 1) + " does not"
                                + " hold (missing, changed or not older than the retention); run verify-audit");
                    }
                    records.add(r);
                    seq = r.seq();
                    prev = r.hash();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit archive: reading entries failed: " + e.getMessage(), e);
        }
        if (seq != cp.seq() || !prev.equals(cp.hash())) {
            throw new IllegalStateException("audit archive refused: the chain up to entry " + cp.seq()
                    + " contradicts checkpoint " + AuditVerifier.describe(cp) + "; run verify-audit");
        }
        return records;
    }
}
