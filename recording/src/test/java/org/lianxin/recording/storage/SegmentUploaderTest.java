package org.lianxin.recording.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.lianxin.recording.testing.ForwardingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SegmentUploaderTest {

    @TempDir
    Path tmp;
    private ObjectStore local;
    private FlakyStore flaky;
    private SegmentUploader uploader;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void setUp() throws IOException {
        local = ObjectStores.local(tmp.resolve("objects"));
        flaky = new FlakyStore(local);
        Files.createDirectories(tmp.resolve("spool"));
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(SegmentUploader.class)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        if (uploader != null) {
            uploader.close();
        }
        ((Logger) LoggerFactory.getLogger(SegmentUploader.class)).detachAppender(logs);
    }

    private Path spool(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve("spool").resolve(name), content);
    }

    @Test
    void uploadsInSubmissionOrderCallsBackThenDeletesTheFile() throws Exception {
        uploader = new SegmentUploader(local, Duration.ofMillis(10), Duration.ofMillis(50));
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String key = "r/1/s0-p1/" + String.format("%06d", i) + ".mkv";
            Path f = spool(i + ".mkv", "segment " + i);
            files.add(f);
            uploader.submit(key, f, "video/x-matroska", () -> {
                assertThat(local.stat(key)).isPresent(); // stored before the callback
                assertThat(f).exists(); // deleted only after it
                done.add(key);
            });
        }
        assertThat(uploader.pending()).isEqualTo(10);
        uploader.start();
        assertThat(uploader.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(done).hasSize(10).isSorted();
        assertThat(uploader.pending()).isZero();
        assertThat(files).allSatisfy(f -> assertThat(f).doesNotExist());
        try (InputStream in = local.get("r/1/s0-p1/000003.mkv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("segment 3");
        }
    }

    @Test
    void anOutageRetriesTheSameItemKeepsOrderAndLogsOnceEachWay() throws Exception {
        flaky.failNext(7);
        uploader = new SegmentUploader(flaky, Duration.ofMillis(5), Duration.ofMillis(20));
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            String key = "r/2/" + i;
            uploader.submit(key, spool("o" + i, "x" + i), "x/y", () -> done.add(key));
        }
        uploader.start();
        assertThat(uploader.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(done).containsExactly("r/2/0", "r/2/1", "r/2/2", "r/2/3", "r/2/4");
        assertThat(flaky.attemptedKeys.subList(0, 8)).containsOnly("r/2/0");
        assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.WARN)).hasSize(1);
        assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.INFO
                && e.getFormattedMessage().contains("works again"))).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("5 item(s) waited"));
    }

    @Test
    void theBackoffDoublesFromMinToMax() {
        SegmentUploader u = new SegmentUploader(local, Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 50).stream().map(u::backoffMillis).toList())
                .containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L);
        assertThatThrownBy(() -> new SegmentUploader(local, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingCallbackIsRetriedWithoutUploadingAgainAndTheFileIsKeptUntilItWorks() throws Exception {
        uploader = new SegmentUploader(flaky, Duration.ofMillis(5), Duration.ofMillis(10));
        AtomicInteger calls = new AtomicInteger();
        Path f = spool("cb", "data");
        uploader.submit("r/3/a", f, "x/y", () -> {
            assertThat(f).exists();
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("database down");
            }
        });
        uploader.start();
        assertThat(uploader.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(calls).hasValue(3);
        assertThat(flaky.attemptedKeys).containsExactly("r/3/a");
        assertThat(f).doesNotExist();
    }

    @Test
    void closeLetsTheCurrentUploadFinishAndLeavesQueuedFilesOnDisk() throws Exception {
        CountDownLatch inPut = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        flaky.blockOn("r/4/0", inPut, release);
        uploader = new SegmentUploader(flaky, Duration.ofMillis(5), Duration.ofMillis(10));
        List<Path> files = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Path f = spool("c" + i, "c" + i);
            files.add(f);
            uploader.submit("r/4/" + i, f, "x/y", done::incrementAndGet);
        }
        uploader.start();
        assertThat(inPut.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(uploader::close);
        closer.start();
        // close() is waiting (joined on the uploader's thread), the upload in progress still blocked
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> closer.getState() == Thread.State.WAITING);
        assertThat(closer.isAlive()).as("close waits for the upload in progress").isTrue();
        release.countDown();
        closer.join(5_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(done).hasValue(1);
        assertThat(local.stat("r/4/0")).isPresent();
        assertThat(files.get(0)).doesNotExist();
        assertThat(files.subList(1, 3)).allSatisfy(f -> assertThat(f).exists());
        assertThat(local.stat("r/4/1")).isEmpty();
        assertThat(uploader.pending()).isEqualTo(2);
        assertThatThrownBy(() -> uploader.submit("r/4/9", files.get(1), "x/y", () -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileAlreadyStoredByAnEarlierRunIsCompletedAndAVanishedOneDoesNotBlockTheQueue() throws Exception {
        local.put("r/5/0", "old".getBytes(StandardCharsets.UTF_8), "x/y");
        uploader = new SegmentUploader(local, Duration.ofMillis(5), Duration.ofMillis(10));
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        uploader.submit("r/5/0", tmp.resolve("spool/gone-but-stored"), "x/y", () -> done.add("r/5/0"));
        uploader.submit("r/5/1", tmp.resolve("spool/gone-and-lost"), "x/y", () -> done.add("r/5/1"));
        uploader.submit("r/5/2", spool("present", "p"), "x/y", () -> done.add("r/5/2"));
        uploader.start();
        assertThat(uploader.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(done).containsExactly("r/5/0", "r/5/2");
        assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.ERROR)).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("r/5/1", "lost"));
    }

    /** Delegates to a real store; fails the next N puts as unavailable, or blocks in one put. */
    static final class FlakyStore extends ForwardingStore {
        final AtomicInteger failures = new AtomicInteger();
        final List<String> attemptedKeys = Collections.synchronizedList(new ArrayList<>());
        volatile String blockKey;
        volatile CountDownLatch entered;
        volatile CountDownLatch release;
        final AtomicBoolean blocked = new AtomicBoolean();

        FlakyStore(ObjectStore real) {
            super(real);
        }

        void failNext(int n) {
            failures.set(n);
        }

        void blockOn(String key, CountDownLatch entered, CountDownLatch release) {
            this.blockKey = key;
            this.entered = entered;
            this.release = release;
        }

        @Override
        public void put(String key, Path file, String contentType) {
            attemptedKeys.add(key);
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new StorageException(StorageException.Kind.UNAVAILABLE, "simulated outage");
            }
            if (key.equals(blockKey) && blocked.compareAndSet(false, true)) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            store.put(key, file, contentType);
        }

        @Override
        public String describe() {
            return "flaky " + super.describe();
        }
    }
}
