package org.lianxin.web.recording;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.lianxin.recording.testing.TestS3;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.web.pages.ChromiumBrowser;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What an in-process recording IT runs against: a real Janus in a network namespace, optionally an S3 server
 * (TestS3) in this JVM, and a work folder {@code target/recording-it/<name>} (data dir, spool, downloaded media)
 * kept after the run for diagnosis.
 */
final class RecordingTestEnv implements AutoCloseable {
    static final String BUCKET = "lianxin-it";

    final String password = "pw-" + UUID.randomUUID();
    final JanusTestHost janus;
    final TestS3 s3;
    final Path work;
    final Path dataDir;
    final Path spoolDir;

    private RecordingTestEnv(JanusTestHost janus, TestS3 s3, Path work) {
        this.janus = janus;
        this.s3 = s3;
        this.work = work;
        this.dataDir = work.resolve("data");
        this.spoolDir = work.resolve("spool");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(spoolDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips (or fails under ./lianxin test) without Chromium, Janus, root or ffmpeg; then starts Janus (and S3). */
    static RecordingTestEnv start(String name, boolean withS3) {
        ChromiumBrowser.assumeAvailable();
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        assumeFfmpeg();
        Path work = RecordingChecks.workDir(name);
        JanusTestHost janus = JanusTestHost.start();
        TestS3 s3 = null;
        try {
            s3 = withS3 ? TestS3.started() : null;
            return new RecordingTestEnv(janus, s3, work);
        } catch (RuntimeException | Error e) {
            if (s3 != null) s3.close();
            janus.close();
            throw e;
        }
    }

    static void assumeFfmpeg() {
        boolean present = Files.isExecutable(Path.of(RecordingChecks.FFMPEG))
                && Files.isExecutable(Path.of(RecordingChecks.FFPROBE));
        if (!present && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT: ffmpeg/ffprobe missing (apt-get install ffmpeg)");
        }
        assumeTrue(present, "needs /usr/bin/ffmpeg and /usr/bin/ffprobe (apt-get install ffmpeg)");
    }

    /**
     * The application's settings for this environment: dev profile keys, Janus, the recorder's RTP address
     * (the veth address Janus reaches us at), the spool, storage (S3 if started, else the local folder) and
     * whether the composed review file is made (it costs a lot of CPU on 2 cores: only the test that checks it
     * turns it on). Values are read when the context starts (after {@code @BeforeAll} made the environment);
     * {@code s3} must match how the environment was started.
     */
    static void register(DynamicPropertyRegistry r, java.util.function.Supplier<RecordingTestEnv> env,
                         boolean s3, boolean compose) {
        r.add("lianxin.demo.password", () -> env.get().password);
        r.add("lianxin.data-dir", () -> env.get().dataDir.toString());
        r.add("lianxin.signaling.janus-url", () -> env.get().janus.wsUrl().toString());
        r.add("lianxin.signaling.janus-admin-key", () -> env.get().janus.adminKey());
        r.add("lianxin.recording.rtp-host", () -> env.get().janus.hostAddress());
        r.add("lianxin.recording.spool-dir", () -> env.get().spoolDir.toString());
        r.add("lianxin.recording.compose", () -> Boolean.toString(compose));
        if (!s3) {
            r.add("lianxin.recording.storage.type", () -> "local");
            r.add("lianxin.recording.storage.local-dir", () -> env.get().dataDir.resolve("recordings").toString());
        } else {
            r.add("lianxin.recording.storage.type", () -> "s3");
            r.add("lianxin.recording.storage.s3.endpoint", () -> env.get().s3.endpoint().toString());
            r.add("lianxin.recording.storage.s3.region", () -> TestS3.REGION);
            r.add("lianxin.recording.storage.s3.bucket", () -> BUCKET);
            r.add("lianxin.recording.storage.s3.access-key", () -> TestS3.ACCESS_KEY);
            r.add("lianxin.recording.storage.s3.secret-key", () -> TestS3.SECRET_KEY);
        }
    }

    @Override
    public void close() {
        try {
            if (s3 != null) s3.close();
        } finally {
            janus.close();
        }
    }
}
