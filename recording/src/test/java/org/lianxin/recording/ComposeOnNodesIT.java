package org.lianxin.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.compose.ComposeSettings;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.storage.SegmentUploader;
import org.lianxin.recording.testing.RtpCapture;
import org.lianxin.recording.testing.TestMedia;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * An app node with {@code composing.where=compose-nodes} and a compose node, end to end: the app node records a
 * reception of two publishers (RTP replayed to its recorder) and composes nothing, live or after the end; it queues the
 * ended recording once its manifest is stored; the compose node's worker composes it and stores the MP4 once.
 */
class ComposeOnNodesIT {

    @TempDir
    Path tmp;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void theAppNodeRecordsAndQueuesAndTheComposeNodeComposesTheReviewFileOnce() throws Exception {
        TestMedia.assumeAvailable();
        DataSource db = TestDatabases.h2("compose-on-nodes");
        RecordingCatalog catalog = RecordingCatalog.jdbc(db, new DataSourceTransactionManager(db));
        ComposeWorkersContract.CountingStore store = new ComposeWorkersContract.CountingStore(
                ObjectStores.local(tmp.resolve("store")));
        RecordingServiceIT.ReplayingMedia media = new RecordingServiceIT.ReplayingMedia(
                RtpCapture.of(TestMedia.webm(Duration.ofSeconds(10), 30)));
        closing.add(media);
        SegmentUploader uploader = new SegmentUploader(store, Duration.ofMillis(100), Duration.ofSeconds(1));
        uploader.start();
        closing.add(uploader);
        RecordingSettings settings = new RecordingSettings("app-node", tmp.resolve("spool"),
                "127.0.0.1", "127.0.0.1", CaptureSettings.defaults().withSegmentLength(Duration.ofSeconds(3),
                Duration.ofSeconds(6)).withPorts(47000, 47999), Duration.ofDays(3650), Duration.ofDays(1825), true,
                Duration.ofSeconds(10), 4, true);
        RecordingService app = new RecordingService(catalog, store, uploader, new Composer(ComposeSettings.defaults()),
                settings, media, Clock.systemUTC());
        closing.add(app);

        RecordingService.Subject s = new RecordingService.Subject(Recording.Kind.RECEPTION, "booking-nodes", 7L, null,
                11L, 3L);
        app.start(s, Instant.now());
        app.publishingStarted(s, "official-3", "李主任", "HOST", Instant.now());
        app.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        await("6 s of media of each track").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> catalog.segments(id).stream().collect(Collectors.groupingBy(
                        RecordingCatalog.Segment::trackId, Collectors.summingLong(RecordingCatalog.Segment::durationMs))),
                        ms -> ms.size() == 2 && ms.values().stream().allMatch(v -> v >= 6_000));
        app.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null);

        RecordingCatalog.ComposeLease queued = await("queued for the compose nodes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> catalog.composeLease(id).orElseThrow(),
                        l -> l.queuedAt() != null);
        assertThat(queued.state()).isEqualTo(Recording.ComposedState.QUEUED);
        assertThat(queued.holder()).isNull();
        assertThat(store.stat(Manifest.key(id))).as("queued once its manifest is stored").isPresent();
        assertThat(catalog.composingLeft("app-node")).as("not the app node's to compose after a restart")
                .extracting(Recording::id).doesNotContain(id);

        Path work = Files.createDirectories(tmp.resolve("compose-node"));
        ComposeWorker worker = new ComposeWorker(catalog, store, new Composer(ComposeSettings.defaults()),
                new ComposeWorker.Settings("compose-node-1", work, Duration.ofSeconds(30), Duration.ofMillis(200),
                        Duration.ofSeconds(5)), Clock.systemUTC());
        closing.add(worker);
        worker.start();
        Recording r = await("composed on the compose node").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200)).until(() -> catalog.find(id).orElseThrow(),
                        x -> x.composedState() == Recording.ComposedState.DONE
                                || x.composedState() == Recording.ComposedState.FAILED);
        assertThat(r.composedState()).as("composed: %s", r.composedError()).isEqualTo(Recording.ComposedState.DONE);
        assertThat(catalog.composeLease(id).orElseThrow().holder()).isEqualTo("compose-node-1");
        assertThat(app.composedWhileRecording()).as("nothing composed on the app node").isZero();
        String key = Recording.composedKey(id, catalog.composeLease(id).orElseThrow().epoch());
        assertThat(r.composedKey()).as("stored under the key of its claim").isEqualTo(key);
        assertThat(store.puts(key)).as("the review file stored once").isEqualTo(1);
        assertThat(String.join(" ", TestMedia.streams(tmp.resolve("store").resolve(key))))
                .contains("h264").contains("aac");
        assertThat(worker.composed()).isEqualTo(1);
    }
}
