package org.lianxin.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.compose.ComposeSettings;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.storage.SegmentUploader;
import org.lianxin.recording.testing.RtpCapture;
import org.lianxin.recording.testing.TestMedia;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Issue 14, the owner only paused while another instance (its lost-owner job) ended its recording: what the paused
 * owner's recorder is told when it resumes — the media server lost, a publisher gone — writes nothing to the ended
 * recording (no new series, no track end, no timeline entry; the stored manifest and its SHA-256 stay those of the
 * end), throws nothing to the room, and drops the recorder (the room's next recording is a new one); its own end of
 * the session then ends nothing a second time. Real FFmpeg captures fed by RTP, the H2 catalog, a local store.
 */
class PausedOwnerIT {

    @TempDir
    Path tmp;

    private RecordingCatalog catalog;
    private ObjectStore store;
    private RecordingServiceIT.ReplayingMedia media;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void parts() {
        TestMedia.assumeAvailable();
        DataSource db = TestDatabases.h2("recording-paused-owner");
        catalog = RecordingCatalog.jdbc(db, new DataSourceTransactionManager(db));
        store = ObjectStores.local(tmp.resolve("store"));
        media = new RecordingServiceIT.ReplayingMedia(RtpCapture.of(TestMedia.webm(Duration.ofSeconds(10), 30)));
        closing.add(media);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private RecordingService service(String instance) {
        SegmentUploader uploader = new SegmentUploader(store, Duration.ofMillis(100), Duration.ofSeconds(1));
        uploader.start();
        closing.add(uploader);
        RecordingSettings settings = new RecordingSettings(instance, tmp.resolve("spool-" + instance), "127.0.0.1",
                "127.0.0.1", CaptureSettings.defaults().withSegmentLength(Duration.ofSeconds(3),
                        Duration.ofSeconds(6)).withPorts(47000, 47999),
                Duration.ofDays(3650), Duration.ofDays(1825), false, Duration.ofSeconds(10), 0);
        RecordingService s = new RecordingService(catalog, store, uploader, new Composer(ComposeSettings.defaults()),
                settings, media, Clock.systemUTC());
        closing.add(s);
        return s;
    }

    /** Node-a records the room with one publisher; node-b ends the recording as its lost-owner job would. */
    private Recording endedUnderAPausedOwner(RecordingService nodeA, RecordingService.Subject s) throws Exception {
        nodeA.start(s, Instant.now());
        nodeA.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        assertThat(catalog.tracks(id)).as("node-a's track").hasSize(1);
        Recording ended = service("node-b").endLost(id, "application instance node-a lost").orElseThrow();
        assertThat(ended.status()).isEqualTo(Recording.Status.INTERRUPTED);
        await("the manifest of the end in storage").atMost(Duration.ofSeconds(30))
                .until(() -> store.stat(Manifest.key(id)).isPresent());
        assertThat(storedManifestSha(id)).isEqualTo(ended.manifestSha256());
        return ended;
    }

    private String storedManifestSha(long id) throws Exception {
        try (var in = store.get(Manifest.key(id))) {
            return HashChain.sha256Hex(in.readAllBytes());
        }
    }

    private void assertUnchangedSinceTheEnd(Recording ended, List<RecordingCatalog.Track> tracksAtTheEnd)
            throws Exception {
        long id = ended.id();
        Recording after = catalog.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(after.series()).as("series").isEqualTo(ended.series());
        assertThat(after.manifestSha256()).isEqualTo(ended.manifestSha256());
        assertThat(catalog.tracks(id)).as("tracks").isEqualTo(tracksAtTheEnd);
        assertThat(catalog.timeline(id)).extracting(Manifest.TimelineEntry::type)
                .doesNotContain("MEDIA_LOST", "RECORDING_ENDED").containsOnlyOnce("OWNER_LOST");
        assertThat(storedManifestSha(id)).as("the stored manifest").isEqualTo(ended.manifestSha256());
    }

    /**
     * Node-a, paused while node-b ended its recording, is {@code told} something of the room when it resumes: nothing
     * thrown to the room, its recorder dropped, nothing written to the ended recording; its own end of the session then
     * ends nothing a second time.
     */
    private void pausedOwnerIsTold(String room, BiConsumer<RecordingService, RecordingService.Subject> told) throws Exception {
        RecordingService nodeA = service("node-a");
        RecordingService.Subject s = new RecordingService.Subject(Recording.Kind.RECEPTION, room, 7L, null, 11L, 3L);
        Recording ended = endedUnderAPausedOwner(nodeA, s);
        List<RecordingCatalog.Track> tracks = catalog.tracks(ended.id());

        assertThatCode(() -> told.accept(nodeA, s)).as("to the room").doesNotThrowAnyException();
        assertThat(nodeA.isCapturing(s.roomId())).as("node-a's recorder dropped").isFalse();
        assertThat(nodeA.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null)).as("no second end")
                .isEmpty();
        assertUnchangedSinceTheEnd(ended, tracks);
    }

    @Test
    void thePausedOwnersMediaServerLossWritesNothingToTheEndedRecordingAndDropsItsRecorder() throws Exception {
        pausedOwnerIsTold("booking-paused-media", (nodeA, s) -> nodeA.mediaLost(s.roomId(), Instant.now(),
                "media server lost"));
    }

    @Test
    void thePausedOwnersPublisherLeavingWritesNothingToTheEndedRecordingAndDropsItsRecorder() throws Exception {
        pausedOwnerIsTold("booking-paused-left", (nodeA, s) -> nodeA.publishingStopped(s.roomId(), "petitioner-7",
                Instant.now()));
    }

    /** (Passed on main too: the refused track's row was handled there, but its capture was left open.) */
    @Test
    void anotherPublisherOfThePausedOwnerGetsNoTrackInTheEndedRecording() throws Exception {
        pausedOwnerIsTold("booking-paused-joined", (nodeA, s) -> nodeA.publishingStarted(s, "official-3", "李主任",
                "HOST", Instant.now()));
    }
}
