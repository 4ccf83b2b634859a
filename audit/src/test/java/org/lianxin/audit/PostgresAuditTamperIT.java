package org.lianxin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.audit.internal.AuditRows;
import org.lianxin.scheduler.testing.TestDatabases;

/**
 * Tampering as the PostgreSQL superuser ({@code ./lianxin test} makes one), who is not held back by the revoked
 * rights and switches the triggers off ({@code session_replication_role = replica}): each change is found by the
 * chain or by the checkpoint. The trail: entries 1–30, a checkpoint at 20 (in the database and the store).
 */
class PostgresAuditTamperIT {

    @TempDir
    Path dir;

    private DataSource db;
    private String url;
    private MemoryCheckpointStore store;
    private KeyPair key;

    @BeforeEach
    void thirtyEntriesCheckpointedAtTwenty() {
        db = TestDatabases.postgres("audit_tamper");
        url = ((HikariDataSource) db).getJdbcUrl();
        store = new MemoryCheckpointStore();
        key = CheckpointKeys.loadOrGenerate(dir.resolve("audit.key"));
        Audit audit = Audits.jdbc(db, Clock.systemUTC());
        AuditCheckpoints checkpoints = Audits.checkpoints(db, store, key, Clock.systemUTC());
        for (int i = 1; i <= 30; i++) {
            audit.record(AuditTrailContract.entry("user" + i, i));
            if (i == 20) {
                assertThat(checkpoints.checkpoint()).isPresent();
            }
        }
    }

    private AuditVerifier.Result verify() throws Exception {
        return new AuditVerifier(db, store, key.getPublic()).verify();
    }

    private Connection superuser() throws Exception {
        String user = System.getenv("LIANXIN_TEST_PG_SUPERUSER");
        if (user == null) {
            throw new IllegalStateException("LIANXIN_TEST_PG_SUPERUSER not set: run through ./lianxin test");
        }
        Connection c = DriverManager.getConnection(url, user, System.getenv("LIANXIN_TEST_PG_SUPERUSER_PASSWORD"));
        try (Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica"); // no triggers
        }
        return c;
    }

    private void sql(String statement) throws Exception {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void theUntouchedTrailIsIntact() throws Exception {
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).isEqualTo(30);
        assertThat(r.checkpoints()).isEqualTo(1);
        assertThat(r.unattested()).isEqualTo(10);
    }

    @Test
    void anUpdatedRowIsFoundWithTheCheckpointItContradicts() throws Exception {
        sql("update audit_entry set username = 'someone-else' where seq = 5");
        AuditVerifier.Result r = verify();
        assertThat(r.problems().get(0).seq()).isEqualTo(5);
        assertThat(r.problems().get(0).message()).contains("entry 5 was changed").contains("checkpoint #20");
    }

    @Test
    void aDeletedRowIsFound() throws Exception {
        sql("delete from audit_entry where seq = 7");
        AuditVerifier.Result r = verify();
        assertThat(r.problems().get(0).seq()).isEqualTo(7);
        assertThat(r.problems().get(0).message()).contains("entry 7 is missing");
    }

    @Test
    void twoSwappedRowsAreFound() throws Exception {
        sql("update audit_entry set seq = -8 where seq = 8");
        sql("update audit_entry set seq = 8 where seq = 9");
        sql("update audit_entry set seq = 9 where seq = -8");
        AuditVerifier.Result r = verify();
        assertThat(r.problems().get(0).seq()).isEqualTo(8);
        assertThat(r.problems().get(0).message()).contains("entry 8");
    }

    @Test
    void anInsertedRowIsFound() throws Exception {
        sql("update audit_entry set seq = seq + 1000 where seq >= 15");
        sql("update audit_entry set seq = seq - 999 where seq >= 1000");
        try (Connection c = superuser()) { // a copy of entry 14 as entry 15, chained to 14 and hashed correctly
            AuditRecord e14 = rows(c).get(13);
            AuditRecord unhashed = new AuditRecord(15, e14.at(), e14.username(), e14.role(), e14.officeId(),
                    e14.action(), e14.objectType(), e14.objectId(), e14.outcome(), e14.clientAddress(),
                    e14.requestId(), e14.details(), e14.hash(), null);
            insert(c, unhashed, AuditCanonical.hash(unhashed));
        }
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).isNotEmpty();
        assertThat(r.problems().get(0).seq()).isBetween(15L, 16L);
    }

    @Test
    void aConsistentRewriteUpToTheCheckpointIsFoundByTheCheckpoint() throws Exception {
        rewrite(10, 30);
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0).seq()).isEqualTo(20);
        assertThat(r.problems().get(0).message()).contains("contradicts checkpoint #20").contains("entries 1..20");
    }

    @Test
    void aConsistentRewriteUpToTheCheckpointOfBothCopiesIsFoundByTheStoredOne() throws Exception {
        rewrite(10, 30);
        sql("delete from audit_checkpoint");
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).extracting(AuditVerifier.Problem::message)
                .anyMatch(m -> m.contains("not in the database"))
                .anyMatch(m -> m.contains("contradicts checkpoint #20"));
    }

    /** What a checkpoint cannot see: a consistent rewrite after the last one passes; only its count is told. */
    @Test
    void aConsistentRewriteAfterTheLastCheckpointIsOnlyAttestedByTheNextOne() throws Exception {
        rewrite(25, 30);
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.unattested()).isEqualTo(10);
    }

    @Test
    void entriesDeletedFromTheEndPastACheckpointAreFound() throws Exception {
        sql("delete from audit_entry where seq >= 18");
        AuditVerifier.Result r = verify();
        assertThat(r.problems()).extracting(AuditVerifier.Problem::message)
                .anyMatch(m -> m.contains("chain ends at 17"));
    }

    /**
     * Rewrites entries {@code from..to} as the superuser with another user name: each gets the previous (rewritten)
     * entry's hash and its own correct hash, so the chain is consistent.
     */
    private void rewrite(long from, long to) throws Exception {
        try (Connection c = superuser()) {
            String prev = AuditCanonical.GENESIS;
            for (AuditRecord r : rows(c)) {
                if (r.seq() >= from && r.seq() <= to) {
                    AuditRecord unhashed = new AuditRecord(r.seq(), r.at(), "rewritten", r.role(), r.officeId(),
                            r.action(), r.objectType(), r.objectId(), r.outcome(), r.clientAddress(), r.requestId(),
                            r.details(), prev, null);
                    String hash = AuditCanonical.hash(unhashed);
                    try (PreparedStatement p = c.prepareStatement("delete from audit_entry where seq = ?")) {
                        p.setLong(1, r.seq());
                        p.executeUpdate();
                    }
                    insert(c, unhashed, hash);
                    prev = hash;
                } else {
                    prev = r.hash();
                }
            }
        }
    }

    private static List<AuditRecord> rows(Connection c) throws Exception {
        List<AuditRecord> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select " + AuditRows.COLUMNS + " from audit_entry order by seq")) {
            while (rs.next()) {
                rows.add(AuditRows.read(rs));
            }
        }
        return rows;
    }

    private static void insert(Connection c, AuditRecord r, String hash) throws Exception {
        try (PreparedStatement p = c.prepareStatement("insert into audit_entry (" + AuditRows.COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, r.seq());
            p.setObject(2, OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC));
            p.setString(3, r.username());
            p.setString(4, r.role());
            p.setObject(5, r.officeId());
            p.setString(6, r.action());
            p.setString(7, r.objectType());
            p.setString(8, r.objectId());
            p.setString(9, r.outcome());
            p.setString(10, r.clientAddress());
            p.setString(11, r.requestId());
            p.setString(12, r.details());
            p.setString(13, r.prevHash());
            p.setString(14, hash);
            p.executeUpdate();
        }
    }
}
