package org.lianxin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.audit.internal.ArchiveFile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention on a real database (H2, and PostgreSQL as the application's role): entries 1–30 written 250 days ago
 * with checkpoints at 10 and 20 then, entries 31–40 now with a checkpoint at 40; a retention of 180 days archives
 * 1–20 (up to the newest checkpoint older than the retention) and keeps the rest.
 */
abstract class ArchiveContract {

    static final Duration RETENTION = Duration.ofDays(180);
    /** A refusal by the append-only trigger, or by the revoked right (PostgreSQL, UPDATE and TRUNCATE). */
    static final String REFUSED = "append-only|permission denied";

    @TempDir
    Path dir;

    DataSource db;
    MemoryCheckpointStore store;
    KeyPair key;
    Clock now;
    Audit audit;

    abstract DataSource freshDatabase();

    @BeforeEach
    void oldAndNewEntries() {
        db = freshDatabase();
        store = new MemoryCheckpointStore();
        key = CheckpointKeys.loadOrGenerate(dir.resolve("audit.key"));
        now = Clock.systemUTC();
        Clock then = Clock.fixed(Instant.now().minus(Duration.ofDays(250)), ZoneOffset.UTC);
        Audit old = Audits.jdbc(db, then);
        AuditCheckpoints oldCheckpoints = Audits.checkpoints(db, store, key, then);
        for (int i = 1; i <= 30; i++) {
            old.record(AuditTrailContract.entry("user" + i, i));
            if (i % 10 == 0 && i <= 20) {
                assertThat(oldCheckpoints.checkpoint()).isPresent();
            }
        }
        audit = Audits.jdbc(db, now);
        for (int i = 31; i <= 40; i++) {
            audit.record(AuditTrailContract.entry("user" + i, i));
        }
        assertThat(Audits.checkpoints(db, store, key, now).checkpoint()).isPresent();
    }

    AuditArchiver archiver() {
        return new AuditArchiver(db, store, key.getPublic(), audit, now, RETENTION);
    }

    AuditVerifier.Result verify(boolean archives) throws Exception {
        return new AuditVerifier(db, store, key.getPublic()).verify(archives);
    }

    long count(String sql) {
        return JdbcClient.create(db).sql(sql).query(Long.class).single();
    }

    @Test
    void entriesUpToTheNewestCheckpointOlderThanTheRetentionAreArchivedAndTheRestKept() throws Exception {
        List<AuditArchiver.Archived> done = archiver().archiveDue();

        assertThat(done).hasSize(1);
        AuditArchiver.Archived a = done.get(0);
        assertThat(a.from()).isEqualTo(1);
        assertThat(a.to()).isEqualTo(20);
        assertThat(a.entries()).isEqualTo(20);
        assertThat(count("select min(seq) from audit_entry")).isEqualTo(21);
        assertThat(count("select count(*) from audit_archive")).isEqualTo(1);
        byte[] object = store.objects.get(a.objectKey());
        assertThat(AuditCanonical.sha256(object)).isEqualTo(a.sha256());
        List<AuditRecord> archived = ArchiveFile.readAll(object);
        assertThat(archived).extracting(AuditRecord::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(archived.get(19).hash()).isEqualTo(a.toHash());
        // the archive run is itself audited
        assertThat(JdbcClient.create(db).sql("select object_id from audit_entry where action = 'audit.archive'")
                .query(String.class).list()).containsExactly(a.objectKey());

        AuditVerifier.Result r = verify(true);
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).isEqualTo(21); // 21..40 and the archive run's entry
        assertThat(r.archivedUpTo()).isEqualTo(20);
        assertThat(r.archivedEntriesRead()).isEqualTo(20);
        assertThat(archiver().archiveDue()).isEmpty(); // nothing more is due
    }

    @Test
    void nothingIsArchivedWithoutACheckpointOlderThanTheRetention() {
        AuditArchiver longer = new AuditArchiver(db, store, key.getPublic(), audit, now, Duration.ofDays(300));
        assertThat(longer.archiveDue()).isEmpty();
        assertThat(count("select count(*) from audit_entry")).isEqualTo(40);
    }

    @Test
    void aRetentionUnderSixMonthsIsRefused() {
        assertThatThrownBy(() -> new AuditArchiver(db, store, key.getPublic(), audit, now, Duration.ofDays(179)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 180 days");
    }

    @Test
    void aChangedOrMissingArchiveObjectIsFound() throws Exception {
        AuditArchiver.Archived a = archiver().archiveDue().get(0);
        assertThat(verify(false).problems()).isEmpty();

        byte[] changed = ArchiveFile.write(ArchiveFile.readAll(store.objects.get(a.objectKey())).subList(0, 19));
        store.objects.put(a.objectKey(), changed);
        assertThat(verify(false).problems()).isEmpty(); // the table alone still holds
        assertThat(verify(true).problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains(a.objectKey()).contains("SHA-256"));

        store.objects.remove(a.objectKey());
        assertThat(verify(true).problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("is missing"));
    }

    @Test
    void recentEntriesCannotBeDeletedAndOldOnesOnlyByArchiving() {
        JdbcClient sql = JdbcClient.create(db);
        assertThatThrownBy(() -> sql.sql("delete from audit_entry where seq = 35").update())
                .rootCause().hasMessageFindingMatch(REFUSED);
        assertThatThrownBy(() -> sql.sql("delete from audit_entry where seq = 5").update())
                .rootCause().hasMessageFindingMatch(REFUSED);
        assertThatThrownBy(() -> sql.sql("update audit_entry set username = 'x' where seq = 5").update())
                .rootCause().hasMessageFindingMatch(REFUSED);
        archiver().archiveDue();
        assertThatThrownBy(() -> sql.sql("delete from audit_entry where seq = 25").update())
                .rootCause().hasMessageFindingMatch(REFUSED);
        assertThatThrownBy(() -> sql.sql("delete from audit_archive").update())
                .rootCause().hasMessageFindingMatch(REFUSED);
        assertThat(count("select count(*) from audit_entry where seq between 21 and 40")).isEqualTo(20);
    }
}
