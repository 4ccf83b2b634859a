package org.lianxin.audit.internal;

/**
 * H2's stand-in for PostgreSQL's {@code audit_archive_upto} (migration V24): the archiver opens the range it recorded
 * in {@code audit_archive} for its own thread while it deletes it; {@link ArchiveGuardTrigger} lets nothing else go.
 */
public final class ArchivePermit {
    private static final ThreadLocal<long[]> OPEN = new ThreadLocal<>();

    private ArchivePermit() {
    }

    static void open(long from, long to) {
        OPEN.set(new long[] {from, to});
    }

    static void close() {
        OPEN.remove();
    }

    static boolean allows(long seq) {
        long[] range = OPEN.get();
        return range != null && seq >= range[0] && seq <= range[1];
    }
}
