package org.lianxin.recording.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.testing.TestS3;

/** The contract against a real S3 server (S3Proxy in this JVM), plus outage behaviour. */
class S3StoreIT implements ObjectStoreContract {

    private static TestS3 s3;
    private static ObjectStore shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() {
        s3 = TestS3.started();
        shared = ObjectStores.s3(s3.settings("contract"));
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void running() {
        s3.restart(); // in case a test stopped it and failed before restarting
    }

    @Override
    public ObjectStore store() {
        return shared;
    }

    @Override
    public Path scratch() {
        return tmp;
    }

    @Override
    public boolean presigns() {
        return true;
    }

    @Test
    void aMissingBucketIsCreatedOnFirstUse() throws IOException {
        ObjectStore fresh = ObjectStores.s3(s3.settings("fresh-bucket-" + System.nanoTime()));
        assertThat(fresh.list("")).isEmpty();
        fresh.put("a/b", "x".getBytes(StandardCharsets.UTF_8), "text/plain");
        try (InputStream in = fresh.get("a/b")) {
            assertThat(in.readAllBytes()).containsExactly('x');
        }
    }

    @Test
    void aStoppedServerIsUnavailableWithinSecondsAndObjectsSurviveARestart() throws IOException {
        shared.put("outage/kept", "kept".getBytes(StandardCharsets.UTF_8), "text/plain");
        Path f = Files.writeString(tmp.resolve("seg.mkv"), "segment");
        s3.stop();
        try {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> shared.stat("outage/kept")).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.unavailable()).isTrue());
            assertThatThrownBy(() -> shared.put("outage/new", f, "video/x-matroska"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.unavailable()).isTrue();
                        assertThat(e.getMessage()).contains(s3.endpoint().toString())
                                .doesNotContain(TestS3.SECRET_KEY);
                    });
            assertThatThrownBy(() -> shared.list("outage/")).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.unavailable()).isTrue());
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to notice the outage three times")
                    .isLessThan(10_000); // generous: the build machine is shared; a hang would take 30 s per call
        } finally {
            s3.restart();
        }
        shared.put("outage/new", f, "video/x-matroska");
        try (InputStream in = shared.get("outage/kept")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
        }
    }

    @Test
    void aServerThatNeverListenedIsUnavailableQuickly() {
        ObjectStore nowhere = ObjectStores.s3(new S3Settings(URI.create("http://127.0.0.1:1"), "us-east-1", "b-x",
                "k", "s"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> nowhere.stat("x")).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.unavailable()).isTrue());
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void wrongCredentialsAreRefusedNotUnavailable() {
        ObjectStore wrong = ObjectStores.s3(new S3Settings(s3.endpoint(), "us-east-1", "contract",
                TestS3.ACCESS_KEY, "not-the-secret"));
        assertThatThrownBy(() -> wrong.stat("x")).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(StorageException.Kind.REFUSED);
            assertThat(e.getMessage()).doesNotContain("not-the-secret");
        });
    }
}
