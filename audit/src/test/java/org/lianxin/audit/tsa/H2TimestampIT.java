package org.lianxin.audit.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.audit.Audit;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditCheckpoints;
import org.lianxin.audit.AuditEntry;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.audit.AuditVerifier;
import org.lianxin.audit.Audits;
import org.lianxin.audit.Checkpoint;
import org.lianxin.audit.CheckpointKeys;
import org.lianxin.audit.MemoryCheckpointStore;
import org.lianxin.scheduler.testing.TestDatabases;

/**
 * RFC 3161 timestamps of the checkpoints against a real authority ({@link TestTsa}, HTTP on 127.0.0.1): each
 * checkpoint gets a token, a TSA that is down never stops a checkpoint (the token comes at the next one), and
 * verify-audit finds a token of another checkpoint, of another authority, or no token at all.
 */
class H2TimestampIT {

    @TempDir
    Path dir;

    TestTsa tsa;
    DataSource db;
    MemoryCheckpointStore store;
    KeyPair key;
    Audit audit;
    AuditCheckpoints checkpoints;

    @BeforeEach
    void setUp() throws Exception {
        tsa = new TestTsa("Lianxin Test TSA");
        db = TestDatabases.h2("audit_tsa");
        store = new MemoryCheckpointStore();
        key = CheckpointKeys.loadOrGenerate(dir.resolve("audit.key"));
        audit = Audits.jdbc(db, Clock.systemUTC());
        checkpoints = Audits.checkpoints(db, store, key, Clock.systemUTC(),
                new Rfc3161Client(tsa.url(), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        tsa.close();
    }

    private void entries(int n) {
        for (int i = 0; i < n; i++) {
            audit.record(new AuditEntry("u" + i, "LEADER", 3L, AuditAction.RECORDING_VIEW, "recording",
                    Integer.toString(i), AuditOutcome.ALLOWED, "127.0.0.1", null, null));
        }
    }

    private AuditVerifier.Result verify(java.security.cert.X509Certificate cert) throws Exception {
        return new AuditVerifier(db, store, key.getPublic()).timestamps(cert).verify();
    }

    @Test
    void eachCheckpointIsTimestampedAndTheTokenVerifies() throws Exception {
        entries(3);
        Checkpoint cp = checkpoints.checkpoint().orElseThrow();
        assertThat(store.objects).containsKey(CheckpointTimestamps.objectName(cp));

        AuditVerifier.Result r = verify(tsa.certificate);
        assertThat(r.problems()).isEmpty();
        assertThat(r.timestamped()).isEqualTo(1);
        assertThat(r.notTimestamped()).isZero();
    }

    @Test
    void aTsaThatIsDownNeverStopsACheckpointAndItsTokenComesAtTheNext() throws Exception {
        tsa.down = true;
        entries(2);
        Checkpoint first = checkpoints.checkpoint().orElseThrow();
        assertThat(store.objects).containsKey(first.objectName()).doesNotContainKey(CheckpointTimestamps.objectName(first));
        AuditVerifier.Result r = verify(tsa.certificate);
        assertThat(r.problems()).isEmpty();
        assertThat(r.notTimestamped()).isEqualTo(1);

        tsa.down = false;
        entries(2);
        Checkpoint second = checkpoints.checkpoint().orElseThrow();
        assertThat(store.objects).containsKeys(CheckpointTimestamps.objectName(first),
                CheckpointTimestamps.objectName(second));
        assertThat(verify(tsa.certificate).timestamped()).isEqualTo(2);
    }

    @Test
    void aForgedOrMismatchedTokenIsFound() throws Exception {
        entries(2);
        Checkpoint first = checkpoints.checkpoint().orElseThrow();
        entries(2);
        Checkpoint second = checkpoints.checkpoint().orElseThrow();
        String secondName = CheckpointTimestamps.objectName(second);

        // the first checkpoint's genuine token put in the second's place
        store.objects.put(secondName, store.objects.get(CheckpointTimestamps.objectName(first)));
        List<AuditVerifier.Problem> problems = verify(tsa.certificate).problems();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.seq()).isEqualTo(second.seq());
            assertThat(p.message()).contains("does not stamp this checkpoint");
        });

        // a token over the right digest from an authority that is not the configured one
        try (TestTsa other = new TestTsa("Lianxin Test TSA")) {
            store.objects.put(secondName, other.token(CheckpointTimestamps.imprint(second)));
        }
        assertThat(verify(tsa.certificate).problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("is not signed by the configured TSA certificate"));

        // not a token at all
        store.objects.put(secondName, "forged".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(verify(tsa.certificate).problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("is not an RFC 3161 timestamp token"));

        // and the genuine one again holds
        store.objects.put(secondName, tsa.token(CheckpointTimestamps.imprint(second)));
        assertThat(verify(tsa.certificate).problems()).isEmpty();
    }
}
