package org.lianxin.audit;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.lianxin.audit.AuditVerifier.Problem;
import org.lianxin.audit.internal.ArchiveFile;
import org.lianxin.audit.internal.ArchiveRows;

/**
 * {@code verify-audit --archives}: every archive object recorded in {@code audit_archive} is in the store, has the
 * recorded SHA-256, and holds exactly its range, each entry's content giving its hash and chained to the one before,
 * from the trail's first entry to the archive boundary; every checkpoint inside a range agrees with it.
 */
final class ArchiveCheck {
    private final CheckpointStore store;
    private final TreeMap<Long, Checkpoint> checkpoints;
    private final List<Problem> problems;
    private final EntryHasher hasher = new EntryHasher();

    ArchiveCheck(CheckpointStore store, TreeMap<Long, Checkpoint> checkpoints, List<Problem> problems) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.problems = problems;
    }

    /** Checks {@code archived} (in order); the number of entries read from the objects. */
    long check(List<ArchiveRows.Boundary> archived) {
        if (store == null) {
            if (!archived.isEmpty()) {
                problems.add(new Problem(0, "the archive objects cannot be checked: no storage given"));
            }
            return 0;
        }
        long read = 0;
        long last = 0;
        String prev = AuditCanonical.GENESIS;
        for (ArchiveRows.Boundary b : archived) {
            if (b.from() != last + 1) {
                problems.add(new Problem(last + 1, "archive " + b.objectKey() + " starts at entry " + b.from()
                        + ", not right after the archive before it (" + last + ")"));
            }
            Optional<byte[]> object = store.get(b.objectKey());
            if (object.isEmpty()) {
                problems.add(new Problem(b.from(), "archive " + b.objectKey() + " (entries " + b.from() + ".." + b.seq()
                        + ") is missing from " + store.describe()));
            } else if (!AuditCanonical.sha256(object.get()).equals(b.sha256())) {
                problems.add(new Problem(b.from(), "archive " + b.objectKey() + " in " + store.describe()
                        + " does not have the recorded SHA-256 " + b.sha256().substring(0, 16) + ": it was changed"));
            } else {
                read += entries(b, object.get(), last, prev);
            }
            last = b.seq();
            prev = b.hash();
        }
        return read;
    }

    /** The entries of one intact object, chained from entry {@code last} with hash {@code prev}. */
    private long entries(ArchiveRows.Boundary b, byte[] object, long last, String prev) {
        long[] seq = {last};
        String[] hash = {prev};
        boolean[] broken = {false};
        long[] count = {0};
        try {
            ArchiveFile.read(object, r -> {
                count[0]++;
                if (!broken[0] && (r.seq() != seq[0] + 1 || !hash[0].equals(r.prevHash()) || !hasher.matches(r))) {
                    broken[0] = true;
                    problems.add(new Problem(seq[0] + 1, "archive " + b.objectKey() + ": entry " + (seq[0] + 1)
                            + " is missing, changed or out of the chain"));
                }
                Checkpoint cp = checkpoints.get(r.seq());
                if (cp != null && !cp.hash().equals(r.hash())) {
                    problems.add(new Problem(r.seq(), "archive " + b.objectKey() + ": entry " + r.seq()
                            + " contradicts checkpoint " + AuditVerifier.describe(cp)));
                }
                seq[0] = r.seq();
                hash[0] = r.hash();
            });
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(b.from(), "archive " + b.objectKey() + " cannot be read: " + e.getMessage()));
            return count[0];
        }
        if (!broken[0] && (seq[0] != b.seq() || !hash[0].equals(b.hash()))) {
            problems.add(new Problem(b.seq(), "archive " + b.objectKey() + " ends at entry " + seq[0]
                    + ", not at the recorded boundary " + b.seq() + " with its hash"));
        }
        return count[0];
    }
}
