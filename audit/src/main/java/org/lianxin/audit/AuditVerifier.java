package org.lianxin.audit;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.lianxin.audit.internal.ArchiveRows;
import org.lianxin.audit.internal.HashedRows;
import org.lianxin.audit.tsa.CheckpointTimestamps;
import org.lianxin.audit.internal.CheckpointRows;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks the trail ({@code ./lianxin verify-audit}): every entry's hash from its content, every entry's previous hash
 * against the entry before, the sequence without gaps, every checkpoint's signature (from the database and from the
 * store), and every checkpoint's hash against the entry it names. It reports the first broken entry of the chain
 * (changed, deleted, inserted, moved) with the checkpoint after it, and every checkpoint the entries contradict (a
 * consistent rewrite of the chain up to a checkpoint). Entries after the last checkpoint are attested by the chain
 * only: a consistent rewrite of them cannot be told ({@link Result#unattested}).
 */
public final class AuditVerifier {

    private final DataSource dataSource;
    private final CheckpointStore store;
    private final PublicKey key;
    private final int threads;
    private X509Certificate tsaCertificate;

    /**
     * @param store where checkpoints are kept outside the database, or {@code null} to check the database's only
     * @param key   the checkpoints' public key
     */
    public AuditVerifier(DataSource dataSource, CheckpointStore store, PublicKey key) {
        this.dataSource = dataSource;
        this.store = store;
        this.key = key;
        this.threads = HashedRows.defaultThreads();
    }

    /**
     * Also checks the checkpoints' RFC 3161 timestamps in the store against the TSA's certificate: a token whose
     * imprint is not the checkpoint's or that the TSA did not sign is a problem; a checkpoint without one is counted.
     */
    public AuditVerifier timestamps(X509Certificate tsa) {
        this.tsaCertificate = tsa;
        return this;
    }

    /** Timestamped and not timestamped valid checkpoints; a problem for each token that does not hold. */
    private int[] timestamps(TreeMap<Long, Checkpoint> valid, List<Problem> problems) {
        int[] counts = new int[2];
        if (tsaCertificate == null || store == null) {
            return counts;
        }
        for (Checkpoint cp : valid.values()) {
            Optional<byte[]> token = store.get(CheckpointTimestamps.objectName(cp));
            if (token.isEmpty()) {
                counts[1]++;
                continue;
            }
            Optional<String> why = CheckpointTimestamps.problem(cp, token.get(), tsaCertificate);
            if (why.isPresent()) {
                problems.add(new Problem(cp.seq(), "the timestamp " + CheckpointTimestamps.objectName(cp)
                        + " of checkpoint " + describe(cp) + " " + why.get()));
            } else {
                counts[0]++;
            }
        }
        return counts;
    }

    /** A finding, at an entry ({@code seq}) or a checkpoint. */
    public record Problem(long seq, String message) {
    }

    /**
     * @param entries           entries read
     * @param checkpoints       valid checkpoints known (database and store together)
     * @param storedCheckpoints checkpoints found in the store
     * @param unattested        entries after the last valid checkpoint
     * @param notStored         checkpoints of the database not (yet) in the store
     * @param problems          by sequence number; empty if the trail is intact
     */
    public record Result(long entries, int checkpoints, int storedCheckpoints, long unattested, int notStored,
                         List<Problem> problems, long archivedUpTo, int archives, long archivedEntriesRead,
                         int timestamped, int notTimestamped) {
        public Result(long entries, int checkpoints, int storedCheckpoints, long unattested, int notStored,
                      List<Problem> problems) {
            this(entries, checkpoints, storedCheckpoints, unattested, notStored, problems, 0, 0, 0, 0, 0);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** {@link #verify(boolean)} without reading the archive objects. */
    public Result verify() throws SQLException {
        return verify(false);
    }

    /**
     * Walks the trail from the archive boundary (the last archived entry, whose hash must be a valid checkpoint's);
     * with {@code archives}, also every archive object ({@link ArchiveCheck}): present, its SHA-256 as recorded, its
     * entries chained from the trail's start to the boundary.
     *
     * @param archives whether to read the archive objects from the store
     */
    public Result verify(boolean archives) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        String keyId = CheckpointKeys.keyId(key);
        TreeMap<Long, Checkpoint> valid = new TreeMap<>();
        List<Checkpoint> inDb = CheckpointRows.all(JdbcClient.create(dataSource));
        for (Checkpoint cp : inDb) {
            if (checkSignature(cp, keyId, "in the database", problems)) {
                valid.put(cp.seq(), cp);
            }
        }
        int storedCount = 0;
        int notStored = 0;
        if (store != null) {
            Map<Long, Checkpoint> stored = readStore(keyId, problems);
            storedCount = stored.size();
            for (Checkpoint s : stored.values()) {
                Checkpoint d = valid.get(s.seq());
                if (d == null) {
                    problems.add(new Problem(s.seq(), "checkpoint " + describe(s) + " is in " + store.describe()
                            + " but not in the database: a checkpoint row was deleted"));
                    valid.put(s.seq(), s);
                } else if (!d.equals(s)) {
                    problems.add(new Problem(s.seq(), "checkpoint " + describe(s) + " in " + store.describe()
                            + " differs from the database's " + describe(d) + ": a checkpoint row was changed"));
                    valid.put(s.seq(), s); // the one outside the database is the one to trust
                }
            }
            for (Checkpoint d : inDb) {
                if (!stored.containsKey(d.seq())) {
                    notStored++;
                }
            }
        }
        List<ArchiveRows.Boundary> archived = ArchiveRows.all(dataSource);
        ArchiveRows.Boundary boundary = archived.isEmpty() ? ArchiveRows.Boundary.NONE : archived.get(archived.size() - 1);
        checkBoundary(boundary, valid, problems);
        long archivedRead = 0;
        if (archives) {
            archivedRead = new ArchiveCheck(store, valid, problems).check(archived);
        }
        int[] stamps = timestamps(valid, problems);
        Walk walk = walk(valid, problems, boundary);
        long lastCheckpoint = valid.isEmpty() ? 0 : valid.lastKey();
        for (Checkpoint cp : valid.tailMap(walk.last, false).values()) {
            problems.add(new Problem(cp.seq(), "checkpoint " + describe(cp) + " names entry " + cp.seq()
                    + " but the chain ends at " + walk.last + ": entries were deleted from the end"));
        }
        problems.sort(Comparator.comparingLong(Problem::seq));
        return new Result(walk.count, valid.size(), storedCount, Math.max(0, walk.last - lastCheckpoint), notStored,
                List.copyOf(problems), boundary.seq(), archived.size(), archivedRead, stamps[0], stamps[1]);
    }

    private record Walk(long count, long last) {
    }

    /** The archive boundary must be a checkpoint's entry and hash: else the archived part cannot be trusted. */
    private static void checkBoundary(ArchiveRows.Boundary boundary, TreeMap<Long, Checkpoint> valid,
                                      List<Problem> problems) {
        if (boundary.seq() == 0) {
            return;
        }
        Checkpoint cp = valid.get(boundary.seq());
        if (cp == null) {
            problems.add(new Problem(boundary.seq(), "the archive boundary (entries up to " + boundary.seq()
                    + " archived in " + boundary.objectKey() + ") is not at a valid checkpoint"));
        } else if (!cp.hash().equals(boundary.hash())) {
            problems.add(new Problem(boundary.seq(), "the archive boundary's hash of entry " + boundary.seq() + " ("
                    + boundary.hash().substring(0, 16) + ") contradicts checkpoint " + describe(cp)));
        }
    }

    private Walk walk(TreeMap<Long, Checkpoint> checkpoints, List<Problem> problems, ArchiveRows.Boundary from)
            throws SQLException {
        ChainCheck check = new ChainCheck(checkpoints, problems, from.seq(), from.hash());
        try (Connection c = dataSource.getConnection()) {
            HashedRows.stream(c, from.seq(), threads, check);
        }
        return new Walk(check.count, check.last);
    }

    /** The sequential part of the walk, over batches whose hashes were checked in parallel. */
    private static final class ChainCheck implements HashedRows.Sink {
        private final TreeMap<Long, Checkpoint> checkpoints;
        private final List<Problem> problems;
        private long count;
        private long last;
        private String prev;
        private boolean broken;
        /** The first checkpoint's sequence number not before the entry being checked (one map lookup per checkpoint). */
        private long nextCheckpoint;

        ChainCheck(TreeMap<Long, Checkpoint> checkpoints, List<Problem> problems, long last, String prev) {
            this.checkpoints = checkpoints;
            this.problems = problems;
            this.last = last;
            this.prev = prev;
            this.nextCheckpoint = following(last);
        }

        private long following(long seq) {
            Long next = checkpoints.higherKey(seq);
            return next == null ? Long.MAX_VALUE : next;
        }

        @Override
        public void accept(HashedRows.Batch batch) {
            AuditRecord[] records = batch.records();
            for (int i = 0; i < batch.size(); i++) {
                AuditRecord r = records[i];
                count++;
                if (!broken) {
                    String why = chainBreak(r, last, prev, batch.changed().get(i));
                    if (why != null) {
                        broken = true;
                        problems.add(new Problem(r.seq() == last + 1 ? r.seq() : last + 1,
                                why + before(checkpoints, last + 1)));
                    }
                }
                while (nextCheckpoint < r.seq()) {
                    nextCheckpoint = following(nextCheckpoint);
                }
                Checkpoint cp = nextCheckpoint == r.seq() ? checkpoints.get(r.seq()) : null;
                if (cp != null && !cp.hash().equals(r.hash())) {
                    problems.add(new Problem(r.seq(), "entry " + r.seq() + " contradicts checkpoint "
                            + describe(cp) + ": the chain up to it was rewritten" + after(checkpoints, r.seq())));
                }
                prev = r.hash();
                last = r.seq();
            }
        }
    }

    /** Why {@code r} does not follow the entry {@code last} with hash {@code prev}, or {@code null}. */
    private static String chainBreak(AuditRecord r, long last, String prev, boolean changed) {
        if (r.seq() != last + 1) {
            return "entry " + (last + 1) + " is missing: the chain goes from " + last + " to " + r.seq()
                    + " (deleted)";
        }
        if (!prev.equals(r.prevHash())) {
            return "entry " + r.seq() + " does not follow entry " + last + ": its previous hash is not that entry's hash"
                    + " (an entry was changed, inserted, deleted or moved here)";
        }
        if (changed) {
            return "entry " + r.seq() + " was changed: its content does not give its hash";
        }
        return null;
    }

    private static String before(TreeMap<Long, Checkpoint> checkpoints, long seq) {
        Map.Entry<Long, Checkpoint> next = checkpoints.ceilingEntry(seq);
        return next == null ? "; no checkpoint after it yet"
                : "; it contradicts checkpoint " + describe(next.getValue());
    }

    private static String after(TreeMap<Long, Checkpoint> checkpoints, long seq) {
        Map.Entry<Long, Checkpoint> prior = checkpoints.lowerEntry(seq);
        return prior == null ? " (somewhere in entries 1.." + seq + ")"
                : " after checkpoint " + describe(prior.getValue()) + " (somewhere in entries " + (prior.getKey() + 1)
                + ".." + seq + ")";
    }

    private boolean checkSignature(Checkpoint cp, String keyId, String where, List<Problem> problems) {
        if (!cp.keyId().equals(keyId)) {
            problems.add(new Problem(cp.seq(), "checkpoint " + describe(cp) + " " + where + " is signed by key "
                    + cp.keyId().substring(0, 16) + ", not by the key given (" + keyId.substring(0, 16) + ")"));
            return false;
        }
        if (!cp.verify(key)) {
            problems.add(new Problem(cp.seq(), "checkpoint " + describe(cp) + " " + where
                    + ": its signature does not verify (forged or changed)"));
            return false;
        }
        return true;
    }

    private Map<Long, Checkpoint> readStore(String keyId, List<Problem> problems) {
        Map<Long, Checkpoint> stored = new TreeMap<>();
        for (String name : store.list(Checkpoint.PREFIX)) {
            Optional<byte[]> bytes = store.get(name);
            if (bytes.isEmpty()) {
                continue;
            }
            Checkpoint cp;
            try {
                cp = Checkpoint.parse(bytes.get());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(0, name + " in " + store.describe() + " is not a checkpoint: " + e.getMessage()));
                continue;
            }
            if (checkSignature(cp, keyId, "in " + store.describe(), problems)) {
                stored.put(cp.seq(), cp);
            }
        }
        return stored;
    }

    static String describe(Checkpoint cp) {
        return "#" + cp.seq() + " (" + AuditCanonical.time(cp.at()) + ", hash " + cp.hash().substring(0, 16) + ")";
    }
}
