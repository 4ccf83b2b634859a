package org.lianxin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The trail on a real database, run on H2 and on PostgreSQL as the application's role. */
abstract class AuditTrailContract {

    @TempDir
    Path dir;

    DataSource db;
    Audit audit;
    AuditCheckpoints checkpoints;
    MemoryCheckpointStore store;
    KeyPair key;

    abstract DataSource freshDatabase();

    @BeforeEach
    void setUp() {
        db = freshDatabase();
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T08:00:00.123456789Z"), ZoneOffset.UTC);
        audit = Audits.jdbc(db, clock);
        store = new MemoryCheckpointStore();
        key = CheckpointKeys.loadOrGenerate(dir.resolve("audit.key"));
        checkpoints = Audits.checkpoints(db, store, key, Clock.systemUTC());
    }

    static AuditEntry entry(String user, int n) {
        return new AuditEntry(user, "LEADER", 3L, AuditAction.RECORDING_VIEW, "recording", Integer.toString(n),
                AuditOutcome.ALLOWED, "127.0.0.1", "req-" + n, Map.of("item", "manifest"));
    }

    AuditVerifier.Result verify() throws Exception {
        return new AuditVerifier(db, store, key.getPublic()).verify();
    }

    @Test
    void entriesFormOneChainFromTheGenesis() throws Exception {
        AuditRecord first = audit.record(entry("a", 1));
        AuditRecord second = audit.record(entry("b", 2));
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditCanonical.GENESIS);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(first.at()).isEqualTo(Instant.parse("2026-12-02T08:00:00.123456Z"));
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).isEqualTo(2);
        assertThat(r.unattested()).isEqualTo(2);
    }

    /**
     * Many batches of the parallel walk: 10 000 entries written as rows, the chain broken at entry 6 000 (in the
     * second batch): that entry is the first problem, whatever thread hashed which batch.
     */
    @Test
    void theParallelWalkKeepsTheOrderAcrossBatches() throws Exception {
        String prev = AuditCanonical.GENESIS;
        Instant at = Instant.parse("2026-12-02T08:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (long seq = 1; seq <= 10_000; seq++) {
            AuditRecord r = new AuditRecord(seq, at.plusSeconds(seq), "u" + seq, "LEADER", 3L, "recording.view",
                    "recording", Long.toString(seq), "ALLOWED", null, null, "{}", seq == 6_000 ? "f".repeat(64) : prev,
                    null);
            String hash = AuditCanonical.hash(r);
            rows.add(new Object[] {seq, java.time.OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC), r.username(),
                r.role(), r.officeId(), r.action(), r.objectType(), r.objectId(), r.outcome(), r.details(),
                r.prevHash(), hash});
            prev = hash;
        }
        new org.springframework.jdbc.core.JdbcTemplate(db).batchUpdate("insert into audit_entry (seq, at, username,"
                + " role, office_id, action, object_type, object_id, outcome, details, prev_hash, hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        AuditVerifier.Result r = verify();
        assertThat(r.entries()).isEqualTo(10_000);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.seq()).isEqualTo(6_000);
            assertThat(p.message()).contains("entry 6000 does not follow entry 5999");
        });
    }

    @Test
    void concurrentWritersMakeOneLinearChainWithoutGaps() throws Exception {
        int writers = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<AuditRecord>>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String user = "w" + w;
                Callable<List<AuditRecord>> job = () -> {
                    List<AuditRecord> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        AuditRecord r = audit.record(entry(user, i));
                        assertThat(r.username()).isEqualTo(user);
                        assertThat(r.objectId()).isEqualTo(Integer.toString(i));
                        mine.add(r);
                    }
                    return mine;
                };
                done.add(pool.submit(job));
            }
            java.util.Set<Long> seqs = new java.util.HashSet<>();
            for (Future<List<AuditRecord>> f : done) {
                for (AuditRecord r : f.get()) {
                    assertThat(seqs.add(r.seq())).as("each caller gets its own place in the chain").isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).isEqualTo((long) writers * each);
        assertThat(JdbcClient.create(db).sql("select max(seq) from audit_entry").query(Long.class).single())
                .isEqualTo((long) writers * each);
    }

    @Test
    void oneEntryPerTransactionMakesTheSameChain() throws Exception {
        Audit single = Audits.jdbc(db, Clock.systemUTC(), 1);
        for (int i = 0; i < 5; i++) {
            single.record(entry("s", i));
            audit.record(entry("g", i));
        }
        assertThat(verify().problems()).isEmpty();
        assertThat(verify().entries()).isEqualTo(10);
    }

    @Test
    void theApplicationCannotChangeOrDeleteAnEntryOrACheckpoint() {
        audit.record(entry("a", 1));
        checkpoints.checkpoint();
        JdbcClient jdbc = JdbcClient.create(db);
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set username = 'x' where seq = 1").update())
                .hasMessageContaining("audit");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where seq = 1").update())
                .hasMessageContaining("audit");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_checkpoint").update()).hasMessageContaining("audit");
        assertThat(jdbc.sql("select username from audit_entry where seq = 1").query(String.class).single())
                .isEqualTo("a");
    }

    @Test
    void aCheckpointIsSignedStoredOutsideAndOnlyWhenTheHeadMoved() throws Exception {
        assertThat(checkpoints.checkpoint()).isEmpty(); // nothing to sign yet
        audit.record(entry("a", 1));
        AuditRecord head = audit.record(entry("a", 2));
        Checkpoint cp = checkpoints.checkpoint().orElseThrow();
        assertThat(cp.seq()).isEqualTo(2);
        assertThat(cp.hash()).isEqualTo(head.hash());
        assertThat(cp.verify(key.getPublic())).isTrue();
        assertThat(Checkpoint.parse(store.objects.get(cp.objectName()))).isEqualTo(cp);
        assertThat(checkpoints.checkpoint()).isEmpty();
        assertThat(checkpoints.all()).containsExactly(cp);
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.checkpoints()).isEqualTo(1);
        assertThat(r.storedCheckpoints()).isEqualTo(1);
        assertThat(r.unattested()).isZero();
    }

    @Test
    void aCheckpointTheStoreMissedIsStoredByTheNextOne() throws Exception {
        audit.record(entry("a", 1));
        store.down = true;
        Checkpoint missed = checkpoints.checkpoint().orElseThrow();
        assertThat(store.objects).isEmpty();
        store.down = false;
        assertThat(verify().notStored()).isEqualTo(1);
        audit.record(entry("a", 2));
        Checkpoint next = checkpoints.checkpoint().orElseThrow();
        assertThat(store.objects).containsOnlyKeys(missed.objectName(), next.objectName());
        assertThat(verify().notStored()).isZero();
    }

    @Test
    void aForgedCheckpointInTheStoreIsReported() throws Exception {
        audit.record(entry("a", 1));
        KeyPair other = CheckpointKeys.loadOrGenerate(dir.resolve("other.key"));
        Checkpoint forged = Checkpoint.sign(1, "ff".repeat(32), Instant.now(), other.getPrivate(),
                CheckpointKeys.keyId(key.getPublic()));
        store.put(forged.objectName(), forged.toBytes());
        AuditVerifier.Result r = verify();
        assertThat(r.ok()).isFalse();
        assertThat(r.problems().get(0).message()).contains("signature does not verify");
    }
}
