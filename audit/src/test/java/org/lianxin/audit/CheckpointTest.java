package org.lianxin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsGeneratedOnceReadableByItsOwnerOnlyWithItsPublicKeyBeside() throws Exception {
        Path file = dir.resolve("keys/audit-checkpoint.key");
        KeyPair first = CheckpointKeys.loadOrGenerate(file);
        KeyPair again = CheckpointKeys.loadOrGenerate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(again.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
        assertThat(CheckpointKeys.readPublic(CheckpointKeys.publicFileOf(file)).getEncoded())
                .isEqualTo(first.getPublic().getEncoded());
        assertThat(Files.readString(CheckpointKeys.publicFileOf(file))).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void aPublicKeyOfAnotherKeyIsRefused() throws Exception {
        Path a = dir.resolve("a.key");
        Path b = dir.resolve("b.key");
        CheckpointKeys.loadOrGenerate(a);
        CheckpointKeys.loadOrGenerate(b);
        Files.copy(CheckpointKeys.publicFileOf(b), CheckpointKeys.publicFileOf(a),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> CheckpointKeys.loadOrGenerate(a)).hasMessageContaining("does not belong");
    }

    @Test
    void aSignedCheckpointVerifiesAndAnyChangedFieldDoesNot() {
        KeyPair key = CheckpointKeys.loadOrGenerate(dir.resolve("k"));
        String id = CheckpointKeys.keyId(key.getPublic());
        Checkpoint cp = Checkpoint.sign(12, "ab".repeat(32), Instant.parse("2026-12-02T10:00:00.5Z"), key.getPrivate(), id);
        assertThat(cp.verify(key.getPublic())).isTrue();
        assertThat(new Checkpoint(13, cp.hash(), cp.at(), id, cp.signature()).verify(key.getPublic())).isFalse();
        assertThat(new Checkpoint(12, "cd".repeat(32), cp.at(), id, cp.signature()).verify(key.getPublic())).isFalse();
        assertThat(new Checkpoint(12, cp.hash(), cp.at().plusMillis(1), id, cp.signature()).verify(key.getPublic()))
                .isFalse();
        KeyPair other = CheckpointKeys.loadOrGenerate(dir.resolve("other"));
        assertThat(cp.verify(other.getPublic())).isFalse();
    }

    @Test
    void theStoredObjectReadsBackAsTheSameCheckpoint() {
        KeyPair key = CheckpointKeys.loadOrGenerate(dir.resolve("k"));
        Checkpoint cp = Checkpoint.sign(3, "01".repeat(32), Instant.parse("2026-12-02T10:00:00Z"), key.getPrivate(),
                CheckpointKeys.keyId(key.getPublic()));
        assertThat(Checkpoint.parse(cp.toBytes())).isEqualTo(cp);
        assertThat(cp.objectName()).isEqualTo("audit/checkpoints/0000000000000000003.txt");
        assertThatThrownBy(() -> Checkpoint.parse("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
