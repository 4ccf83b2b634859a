package org.lianxin.recording.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;

class VerifyRecordingCommandTest {

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return VerifyRecordingCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIntactRecordingUnderTheDataDirPrintsOkAndExitsZero() {
        ObjectStore store = ObjectStores.local(tmp.resolve("recordings"));
        Manifest m = RecordingFixture.store(store, 7, 3);
        assertThat(run(Map.of("LIANXIN_DATA_DIR", tmp.toString()), "7")).isZero();
        assertThat(out()).isEqualTo("OK recording 7: 3 segments, chain head " + m.chainHead().substring(0, 16)
                + System.lineSeparator());
    }

    @Test
    void withTheManifestHashTheCatalogRecordedAReplacedManifestIsFound() throws Exception {
        ObjectStore store = ObjectStores.local(tmp.resolve("recordings"));
        Manifest m = RecordingFixture.store(store, 5, 2);
        String recorded;
        try (var in = store.get(Manifest.key(5))) {
            recorded = org.lianxin.recording.HashChain.sha256Hex(in.readAllBytes());
        }
        Map<String, String> env = Map.of("LIANXIN_DATA_DIR", tmp.toString());
        assertThat(run(env, "5", "--manifest-sha256", recorded.toUpperCase())).isZero();
        assertThat(out()).contains("manifest as the catalog recorded it");

        // the same segments, the manifest rewritten (here: another status), chain intact
        RecordingFixture.rewriteManifest(store, new Manifest(m.format(), 5, m.kind(), m.bookingId(), m.consultationId(),
                m.caseId(), m.roomId(), m.officeId(), "INTERRUPTED", m.startedAt(), m.endedAt(), m.participants(),
                m.tracks(), m.segments(), m.gaps(), m.timeline(), m.chainHead()));
        assertThat(run(env, "5")).as("storage alone").isZero();
        assertThat(run(env, "5", "--manifest-sha256", recorded)).isEqualTo(1);
        assertThat(out()).contains("MANIFEST_DIFFERS recordings/5/manifest.json: the catalog recorded sha256 " + recorded);
        assertThat(run(env, "5", "--manifest-sha256", "abc")).as("not 64 hex digits").isEqualTo(2);
        assertThat(run(env, "5", "--other", recorded)).isEqualTo(2);
    }

    @Test
    void problemsArePrintedOneALineWithExitOne() {
        ObjectStore store = ObjectStores.local(tmp.resolve("elsewhere"));
        Manifest m = RecordingFixture.store(store, 8, 3);
        store.delete(m.segments().get(1).key());
        assertThat(run(Map.of("LIANXIN_RECORDING_STORAGE_LOCAL_DIR", tmp.resolve("elsewhere").toString()), "8"))
                .isEqualTo(1);
        assertThat(out().lines()).singleElement().satisfies(l -> assertThat(l).startsWith("MISSING segment 1 "));
        assertThat(run(Map.of("LIANXIN_RECORDING_STORAGE_LOCAL_DIR", tmp.resolve("elsewhere").toString()), "9"))
                .isEqualTo(1);
        assertThat(out()).contains("MANIFEST_MISSING recordings/9/manifest.json");
    }

    @Test
    void usageAndConfigurationErrorsExitTwo() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(run(Map.of(), "abc")).isEqualTo(2);
        assertThat(err()).contains("usage: verify-recording <id>");
        assertThat(run(Map.of("LIANXIN_RECORDING_STORAGE_TYPE", "ftp"), "1")).isEqualTo(2);
        assertThat(run(Map.of("LIANXIN_DATA_DIR", tmp.resolve("no-such").toString()), "1")).isEqualTo(2);
        assertThat(err()).contains("no recordings folder");
        assertThat(tmp.resolve("no-such")).doesNotExist();
        assertThat(run(Map.of("LIANXIN_RECORDING_STORAGE_TYPE", "s3", "LIANXIN_RECORDING_STORAGE_S3_SECRET_KEY",
                "hunter2-secret"), "1")).isEqualTo(2);
        assertThat(err()).contains("LIANXIN_RECORDING_STORAGE_S3_ENDPOINT", "_BUCKET", "_ACCESS_KEY")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void unreachableS3ExitsTwoWithoutPrintingTheSecret() {
        int code = run(Map.of("LIANXIN_RECORDING_STORAGE_TYPE", "s3",
                "LIANXIN_RECORDING_STORAGE_S3_ENDPOINT", "http://127.0.0.1:1",
                "LIANXIN_RECORDING_STORAGE_S3_BUCKET", "lianxin",
                "LIANXIN_RECORDING_STORAGE_S3_ACCESS_KEY", "ak",
                "LIANXIN_RECORDING_STORAGE_S3_SECRET_KEY", "hunter2-secret"), "1");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("s3 http://127.0.0.1:1 bucket lianxin").doesNotContain("hunter2-secret")
                .doesNotContain("\tat ");
        assertThat(out()).isEmpty();
    }
}
