package org.lianxin.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.compose.ComposeSettings;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.testing.ForwardingStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.storage.SegmentUploader;
import org.lianxin.recording.storage.StorageException;
import org.lianxin.recording.testing.RtpCapture;
import org.lianxin.recording.testing.RtpReplayer;
import org.lianxin.recording.testing.TestMedia;
import org.lianxin.recording.verify.RecordingVerifier;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The recording service with its real parts — FFmpeg capture on UDP ports, the database catalog (H2), the local
 * folder store, the uploader, the composer — fed by RTP replayed at real-time pace where the media server would
 * forward it (the forwarder is played by {@link ReplayingMedia}). Short segments (3 s) keep the tests short.
 */
class RecordingServiceIT {

    private static final Duration SEGMENT = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    private DataSource db;
    private RecordingCatalog catalog;
    private ObjectStore store;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private ReplayingMedia media;
    private SegmentUploader lastUploader;

    @BeforeEach
    void parts() {
        TestMedia.assumeAvailable(); // under ./lianxin test a missing ffmpeg fails instead of skipping
        db = TestDatabases.h2("recording-service");
        catalog = RecordingCatalog.jdbc(db, new DataSourceTransactionManager(db));
        store = ObjectStores.local(tmp.resolve("store"));
        media = new ReplayingMedia(RtpCapture.of(TestMedia.webm(Duration.ofSeconds(10), 30)));
        closing.add(media);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private RecordingService service() {
        return service(new Setup(store, SEGMENT, 1, Clock.systemUTC(), Duration.ofSeconds(10)));
    }

    /** What a test varies: the store (with faults injected), segment length, live compositions, clock, upload wait. */
    private record Setup(ObjectStore store, Duration segment, int liveCompositions, Clock clock, Duration uploadWait) {
    }

    private RecordingService service(Setup setup) {
        return service(setup, "node-a");
    }

    /** The service of application instance {@code instance} (node-a's spool is {@code spool}, others' their own). */
    private RecordingService service(Setup setup, String instance) {
        SegmentUploader uploader = new SegmentUploader(setup.store(), Duration.ofMillis(100), Duration.ofSeconds(1));
        uploader.start();
        closing.add(uploader);
        lastUploader = uploader;
        RecordingSettings settings = new RecordingSettings(instance,
                tmp.resolve(instance.equals("node-a") ? "spool" : "spool-" + instance), "127.0.0.1",
                "127.0.0.1", CaptureSettings.defaults().withSegmentLength(setup.segment(),
                        setup.segment().multipliedBy(2)).withPorts(46000, 46999),
                Duration.ofDays(3650), Duration.ofDays(1825), true, setup.uploadWait(), setup.liveCompositions());
        RecordingService s = new RecordingService(catalog, setup.store(), uploader,
                new Composer(ComposeSettings.defaults()), settings, media, setup.clock());
        closing.add(s);
        return s;
    }

    private static RecordingService.Subject reception(String room) {
        return new RecordingService.Subject(Recording.Kind.RECEPTION, room, 7L, null, 11L, 3L);
    }

    @Test
    void aReceptionOfTwoPublishersIsChainedStoredVerifiedAndComposed() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-1");
        service.noticeShown(s, "jinjiang.scheduler", Instant.now());
        service.publishingStarted(s, "official-3", "李主任", "HOST", Instant.now());
        assertThat(service.isCapturing(s.roomId())).as("nothing captured before the session starts").isFalse();
        service.start(s, Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long recording = catalog.openInRoom(s.roomId()).orElseThrow().id();
        // at least 8 s of media chained for each of the two tracks (segments of 2-3 s: they cut on the keyframe after 2 s)
        awaitMedia(recording, msPerTrack -> msPerTrack.size() == 2
                && msPerTrack.values().stream().allMatch(ms -> ms >= 8_000));
        long id = service.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();

        Recording r = awaitComposed(id);
        assertThat(r.status()).isEqualTo(Recording.Status.COMPLETED);
        assertThat(r.composedState()).as("composed: %s", r.composedError()).isEqualTo(Recording.ComposedState.DONE);
        assertThat(media.keyframeRequests.get()).isPositive();

        Manifest m = ManifestCodec.read(store.get(Manifest.key(id)).readAllBytes());
        assertThat(m.tracks()).extracting(Manifest.Track::participantId).containsExactlyInAnyOrder("official-3", "petitioner-7");
        Map<String, List<Manifest.Segment>> byTrack = m.segments().stream()
                .collect(Collectors.groupingBy(Manifest.Segment::trackId));
        for (Manifest.Track t : m.tracks()) {
            List<Manifest.Segment> segs = byTrack.get(t.trackId());
            assertThat(segs).as("segments of %s", t.trackId()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(segs).extracting(Manifest.Segment::trackIndex)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, segs.size()).boxed().toList());
            long recordedMs = segs.stream().mapToLong(Manifest.Segment::durationMs).sum();
            assertThat(recordedMs).as("recorded ms of %s", t.trackId()).isBetween(8_000L, 11_000L);
        }
        assertThat(m.timeline()).extracting(Manifest.TimelineEntry::type)
                .containsSubsequence("RECORDING_NOTICE", "RECORDING_STARTED", "RECORDING_ENDED");
        assertThat(new RecordingVerifier(store).verify(id).ok()).isTrue();
        assertThat(ffprobe(store, Recording.composedKey(id))).contains("codec_name=h264").contains("codec_name=aac");
        assertThat(service.composedWhileRecording()).as("composed while it was made").isEqualTo(1);
        assertThat(spoolFiles()).as("nothing left in the spool").isEmpty();
    }

    @Test
    void afterACrashTheClosedSegmentsAreStoredAndTheRecordingIsInterruptedWithItsGap() throws Exception {
        RecordingService crashed = service();
        RecordingService.Subject s = reception("booking-it-crash");
        crashed.start(s, Instant.now());
        crashed.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(id, perTrack -> perTrack.values().stream().anyMatch(n -> n >= 2));
        Instant crashAt = Instant.now();
        crashed.abandon(); // as kill -9 would: open segments cut short, nothing finished
        media.close();
        closing.remove(crashed);
        // a segment the crash caught between its close and its chaining (still under the capture's name)
        String trackId = catalog.tracks(id).get(0).trackId();
        Path caught = tmp.resolve("spool").resolve("recordings").resolve(Long.toString(id)).resolve(trackId)
                .resolve(trackId + "-000050.mkv");
        Files.copy(TestMedia.webm(Duration.ofSeconds(10), 30), caught);

        RecordingService restarted = service();
        assertThat(restarted.recover()).isEqualTo(1);
        Recording r = awaitComposed(id);
        assertThat(r.status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(catalog.gaps(id)).singleElement().satisfies(g -> {
            assertThat(g.reason()).contains("stopped unexpectedly");
            assertThat(g.to()).isAfterOrEqualTo(crashAt);
        });
        List<RecordingCatalog.Segment> segments = catalog.segments(id);
        assertThat(segments).as("closed before the crash").hasSizeGreaterThanOrEqualTo(2);
        assertThat(segments).filteredOn(seg -> seg.trackIndex() == 50).singleElement().satisfies(seg -> {
            assertThat(seg.durationMs()).as("its length, from its header").isBetween(9_900L, 10_100L);
            assertThat(Duration.between(seg.startedAt(), seg.endedAt()).toMillis()).isEqualTo(seg.durationMs());
        });
        long recordedMs = segments.stream().mapToLong(RecordingCatalog.Segment::durationMs).sum();
        assertThat(recordedMs).as("at most the open segment (<= %s) lost", SEGMENT.multipliedBy(2))
                .isGreaterThanOrEqualTo(8_000L - SEGMENT.multipliedBy(2).toMillis() - 1_000);
        for (RecordingCatalog.Segment seg : segments) {
            assertThat(store.stat(seg.key())).as(seg.key()).isPresent();
        }
        assertThat(new RecordingVerifier(store).verify(id).ok()).isTrue();
        assertThat(spoolFiles()).as("no open segment left in the spool").isEmpty();
    }

    @Test
    void anInstanceLostMidRecordingHandsItToTheInstanceTakingTheRoomInANewSeriesAndAddsItsOpenSegmentBackLater()
            throws Exception {
        Setup setup = new Setup(store, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10));
        RecordingService nodeA = service(setup, "node-a");
        RecordingService.Subject s = reception("booking-it-takeover");
        nodeA.start(s, Instant.now());
        nodeA.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(id, perTrack -> perTrack.getOrDefault("s0-p1", 0) >= 1);
        await("over a second of media in node-a's open segment").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(() -> media.sentSeconds(s.roomId(), "petitioner-7")
                        - catalog.segments(id).stream().mapToLong(RecordingCatalog.Segment::durationMs).sum() / 1000.0
                        >= 1.5);
        nodeA.abandon(); // kill -9 of node-a: its open segment cut short in its spool, nothing finished
        closing.remove(nodeA);
        media.stopAll();
        int closedByA = catalog.segments(id).size();

        // node-b owns the room now; the room's events reach its recorder: the first one takes the recording over
        RecordingService nodeB = service(setup, "node-b");
        nodeB.event(s, new Manifest.TimelineEntry(Instant.now(), "JOINED", "petitioner-7", "PETITIONER", null));
        assertThat(nodeB.isCapturing(s.roomId())).as("capturing goes on at once on the new owner").isTrue();
        assertThat(catalog.unfinished("node-b")).extracting(Recording::id).containsExactly(id);
        assertThat(catalog.unfinished("node-a")).isEmpty();
        nodeB.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        awaitSegments(id, perTrack -> perTrack.getOrDefault("s1-p1", 0) >= 1);
        nodeB.event(s, new Manifest.TimelineEntry(Instant.now(), "JOINED", "official-3", "HOST", null)); // once
        assertThat(catalog.timeline(id)).filteredOn(e -> e.type().equals("TAKEN_OVER")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("from node-a to node-b"));

        // node-a comes back while the recording goes on: the open segment it lost is added to the chain, not ended
        RecordingService nodeAAgain = service(setup, "node-a");
        assertThat(nodeAAgain.recover()).as("nothing of its own to interrupt").isZero();
        assertThat(catalog.segments(id).stream().filter(seg -> seg.trackId().equals("s0-p1")).count())
                .as("node-a's closed segments and the open one it lost").isEqualTo(closedByA + 1);
        assertThat(catalog.find(id).orElseThrow().status()).isEqualTo(Recording.Status.RECORDING);

        long ended = nodeB.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();
        awaitComposed(ended);
        Manifest m = ManifestCodec.read(store.get(Manifest.key(id)).readAllBytes());
        assertThat(m.tracks()).extracting(Manifest.Track::trackId, Manifest.Track::series)
                .containsExactly(tuple("s0-p1", 0), tuple("s1-p1", 1));
        assertThat(m.tracks()).allSatisfy(t -> assertThat(t.endedAt()).isNotNull());
        assertThat(m.timeline()).extracting(Manifest.TimelineEntry::type)
                .containsSubsequence("RECORDING_STARTED", "TAKEN_OVER", "TAKEOVER_RECOVERED", "RECORDING_ENDED");
        assertThat(m.gaps()).singleElement().satisfies(g -> assertThat(g.reason())
                .isEqualTo("application instance node-a lost; taken over by node-b"));
        assertThat(new RecordingVerifier(store).verify(id).ok()).as("%s", new RecordingVerifier(store).verify(id))
                .isTrue();
    }

    /**
     * Issue 14: the owner is lost (kill -9) and nobody takes its room, so nobody would ever end its recording. Another
     * instance ends it (the application's cluster-wide job decides when): INTERRUPTED, the reason as its gap and in its
     * timeline, what was stored verifies. When the lost instance starts again, the open segment it left in its spool
     * is added to the ended recording (not reopened), whose manifest is written again and still verifies.
     */
    @Test
    void aRecordingWhoseOwnerWasLostIsEndedByAnotherInstanceAndGetsTheLostSegmentWhenTheOwnerComesBack()
            throws Exception {
        Setup setup = new Setup(store, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10));
        RecordingService nodeA = service(setup, "node-a");
        RecordingService.Subject s = reception("booking-it-owner-lost");
        nodeA.start(s, Instant.now());
        nodeA.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(id, perTrack -> perTrack.getOrDefault("s0-p1", 0) >= 1);
        await("over a second of media in node-a's open segment").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(() -> media.sentSeconds(s.roomId(), "petitioner-7")
                        - catalog.segments(id).stream().mapToLong(RecordingCatalog.Segment::durationMs).sum() / 1000.0
                        >= 1.5);
        nodeA.abandon(); // kill -9 of node-a: its open segment cut short in its spool
        closing.remove(nodeA);
        media.stopAll();
        await("node-a's closed segments in storage").atMost(Duration.ofSeconds(30))
                .until(() -> catalog.segments(id).stream().allMatch(RecordingCatalog.Segment::uploaded));
        int closedByA = catalog.segments(id).size();

        RecordingService nodeB = service(setup, "node-b");
        String reason = "application instance node-a lost; nobody took room " + s.roomId() + " within the grace";
        Recording ended = nodeB.endLost(id, reason).orElseThrow();
        assertThat(ended.status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(catalog.openInRoom(s.roomId())).as("the room has no open recording").isEmpty();
        assertThat(catalog.gaps(id)).singleElement().satisfies(g -> assertThat(g.reason()).isEqualTo(reason));
        assertThat(catalog.timeline(id)).extracting(Manifest.TimelineEntry::type).contains("OWNER_LOST");
        assertThat(nodeB.endLost(id, reason)).as("ended once").isEmpty();
        awaitVerified(id, closedByA);

        RecordingService nodeAAgain = service(setup, "node-a");
        assertThat(nodeAAgain.recover()).as("nothing of its own to interrupt").isZero();
        assertThat(catalog.find(id).orElseThrow().status()).as("not reopened").isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(catalog.segments(id)).as("node-a's closed segments and the open one it lost")
                .hasSize(closedByA + 1);
        assertThat(catalog.timeline(id)).extracting(Manifest.TimelineEntry::type)
                .containsSubsequence("OWNER_LOST", "RECOVERED_AFTER_END");
        awaitVerified(id, closedByA + 1);
        assertThat(awaitComposed(id).composedState()).as("composed again with it").isEqualTo(
                Recording.ComposedState.DONE);
        await("nothing left in node-a's spool").atMost(Duration.ofSeconds(30)).until(() -> spoolFiles().isEmpty());
    }

    /**
     * Issue 14, the owner only paused: another instance ended its recording meanwhile. When it resumes, the segment its
     * capture closes is not chained into the ended recording and its own end of the session changes nothing (the
     * stored manifest stays the one written at the end, and verifies); the segment is added at its next start.
     */
    @Test
    void anOwnerThatOnlyPausedCannotWriteToTheRecordingAnotherInstanceEnded() throws Exception {
        Setup setup = new Setup(store, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10));
        RecordingService nodeA = service(setup, "node-a");
        RecordingService.Subject s = reception("booking-it-owner-paused");
        nodeA.start(s, Instant.now());
        nodeA.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(id, perTrack -> perTrack.getOrDefault("s0-p1", 0) >= 1);

        RecordingService nodeB = service(setup, "node-b");
        Recording ended = nodeB.endLost(id, "application instance node-a lost").orElseThrow();
        assertThat(ended.status()).isEqualTo(Recording.Status.INTERRUPTED);
        int atTheEnd = ended.segmentCount();
        String manifestSha = ended.manifestSha256();
        // node-a goes on capturing: its next closed segment reaches the spool but not the ended recording's chain
        await("a segment of node-a's capture closed after the end").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> spoolFiles().stream()
                        .anyMatch(f -> f.getFileName().toString().matches("\\d{6}\\.mkv")
                                && f.toString().contains("/recordings/" + id + "/")
                                && catalog.segments(id).stream().noneMatch(seg -> f.endsWith(seg.key()))));
        assertThat(nodeA.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null)).as("not ended again")
                .isEmpty();
        media.stopAll();
        Recording after = catalog.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(after.segmentCount()).as("nothing chained after the end").isEqualTo(atTheEnd);
        assertThat(after.manifestSha256()).isEqualTo(manifestSha);
        assertThat(catalog.timeline(id)).extracting(Manifest.TimelineEntry::type).doesNotContain("RECORDING_ENDED");
        awaitVerified(id, atTheEnd);
        assertThat(HashChain.sha256Hex(store.get(Manifest.key(id)).readAllBytes())).as("the stored manifest")
                .isEqualTo(manifestSha);

        nodeA.close();
        closing.remove(nodeA);
        RecordingService nodeAAgain = service(setup, "node-a");
        nodeAAgain.recover();
        assertThat(catalog.segments(id).size()).as("added at its next start").isGreaterThan(atTheEnd);
        awaitVerified(id, catalog.segments(id).size());
        assertThat(catalog.find(id).orElseThrow().status()).isEqualTo(Recording.Status.INTERRUPTED);
    }

    /**
     * Issue 14, the switch's "off" race: a consultation's host switched recording on while no instance had the room
     * (the room's recording noted, PENDING), then switches it off through node-b, which has no room, at the moment
     * node-a opens the room and adopts that recording (released together by a barrier, room after room). Whichever
     * wins, the room ends with its recording ended once, nothing chained after its end (it verifies against the
     * catalog's chain head and manifest SHA-256), and node-a — after its switch check, which reads "off" — not
     * capturing. Before the fix node-b could end the recording node-a had adopted and node-a kept capturing into it.
     */
    @Test
    void anOffThroughAnInstanceWithoutTheRoomRacingTheOwnersAdoptionEndsTheRecordingOnce() throws Exception {
        Setup setup = new Setup(store, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10));
        RecordingService nodeA = service(setup, "node-a");
        RecordingService nodeB = service(setup, "node-b");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        try {
            for (int i = 0; i < 12; i++) {
                long consultation = 7_000L + i;
                RecordingService.Subject s = new RecordingService.Subject(Recording.Kind.CONSULTATION,
                        "consultation-race-" + i, null, consultation, null, 2L);
                nodeB.switchedWithoutRoom(s, true, "cd.leader");
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Future<Boolean> adopted = pool.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    boolean on = nodeA.setRecording(s, true, "consultation settings"); // the room opened on node-a
                    nodeA.publishingStarted(s, "official-1", "李主任", "HOST", Instant.now());
                    return on;
                });
                java.util.concurrent.Future<?> off = pool.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    nodeB.switchedWithoutRoom(s, false, "cd.leader");
                    return null;
                });
                boolean on = adopted.get(60, java.util.concurrent.TimeUnit.SECONDS);
                off.get(60, java.util.concurrent.TimeUnit.SECONDS);
                // node-a's switch check: the consultation's row says off
                boolean capturing = nodeA.isCapturing(s.roomId());
                if (capturing) {
                    nodeA.setRecording(s, false, "the host (switched through another instance)");
                }
                outcomes.merge((on ? "adopted" : "refused") + (capturing ? ", stopped by the check" : ""), 1,
                        Integer::sum);
                assertThat(nodeA.isCapturing(s.roomId())).isFalse();
                assertThat(catalog.openInRoom(s.roomId())).as("round %s: nothing open", i).isEmpty();
                for (Recording r : catalog.ofConsultation(consultation)) {
                    assertThat(catalog.timeline(r.id())).as("round %s: recording %s ended once", i, r.id())
                            .filteredOn(e -> e.type().equals("RECORDING_ENDED")).hasSize(1);
                    awaitVerified(r.id(), catalog.find(r.id()).orElseThrow().segmentCount());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("switch off race outcomes: " + outcomes);
    }

    /** Waits until the stored manifest lists {@code segments} segments and the recording verifies against the catalog. */
    private void awaitVerified(long id, int segments) {
        await("recording " + id + " stored with " + segments + " segments and verified").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    Recording r = catalog.find(id).orElseThrow();
                    RecordingVerifier.Result v = new RecordingVerifier(store).verify(id,
                            new RecordingVerifier.Expected(r.manifestSha256(), r.chainHead()));
                    assertThat(v.ok()).as("%s", v).isTrue();
                    assertThat(v.manifest().orElseThrow().segments()).hasSize(segments);
                });
    }

    /**
     * The real kiosk's flow behind a load balancer (issue 14): its REST call "notice shown" reaches the instance that
     * does not own the room, before the room opens and again while the petitioner waits. That instance must not become
     * a recorder of the room (before the fix it kept one, not capturing, and when it took the room over from the
     * killed owner the recording stayed with the dead one: "not capturing yet", nothing recorded after the kill).
     */
    @Test
    void aNoticeShownThroughTheOtherInstanceLetsItTakeTheRecordingOverWhenItTakesTheRoomFromTheKilledOwner()
            throws Exception {
        Setup setup = new Setup(store, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10));
        RecordingService nodeA = service(setup, "node-a");
        RecordingService nodeB = service(setup, "node-b");
        RecordingService.Subject s = reception("booking-it-notice-elsewhere");
        nodeB.noticeShown(s, "jinjiang.scheduler", Instant.now()); // before the room opens (on node-a)
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        assertThat(nodeA.open(s).id()).as("the room's owner records the notice's recording").isEqualTo(id);
        nodeB.noticeShown(s, "jinjiang.scheduler", Instant.now()); // again, while the petitioner waits
        assertThat(nodeB.current(s.roomId())).as("not recorded on node-b").map(Recording::status)
                .contains(Recording.Status.PENDING);
        nodeA.start(s, Instant.now());
        nodeA.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        assertThat(catalog.unfinished("node-a")).extracting(Recording::id).containsExactly(id);
        assertThat(catalog.timeline(id)).extracting(Manifest.TimelineEntry::type)
                .containsSubsequence("RECORDING_NOTICE", "RECORDING_NOTICE", "RECORDING_STARTED")
                .doesNotContain("TAKEN_OVER");
        awaitSegments(id, perTrack -> perTrack.getOrDefault("s0-p1", 0) >= 1);
        nodeA.abandon(); // kill -9 of node-a
        closing.remove(nodeA);
        media.stopAll();
        Instant killedAt = Instant.now();

        // node-b owns the room now: the claim's PublishingStarted is its first event about the room
        nodeB.event(s, new Manifest.TimelineEntry(Instant.now(), "PUBLISHING", "petitioner-7", "PETITIONER", null));
        assertThat(nodeB.isCapturing(s.roomId())).as("capturing goes on on the new owner").isTrue();
        nodeB.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        awaitSegments(id, perTrack -> perTrack.getOrDefault("s1-p1", 0) >= 1);
        assertThat(catalog.unfinished("node-b")).extracting(Recording::id).containsExactly(id);
        assertThat(catalog.timeline(id)).filteredOn(e -> e.type().equals("TAKEN_OVER")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("from node-a to node-b"));
        RecordingCatalog.Segment first = catalog.segments(id).stream().filter(seg -> seg.trackId().equals("s1-p1"))
                .min(java.util.Comparator.comparing(RecordingCatalog.Segment::startedAt)).orElseThrow();
        assertThat(Duration.between(killedAt, first.startedAt())).as("the new owner's first segment after the kill")
                .isLessThan(Duration.ofSeconds(10));
        nodeB.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null);
        assertThat(catalog.find(id).orElseThrow().status()).isEqualTo(Recording.Status.COMPLETED);
    }

    /**
     * The notice on the instance not owning the room (it opens the room's recording if none is open) at the moment the
     * owner prepares the room's recording (issue 14): released together by a barrier, room after room. One recording
     * is open in each room — the database refuses the second insert and its maker uses the one open — and the owner
     * records the one that holds the notice.
     */
    @Test
    void aNoticeOnTheOtherInstanceRacingTheOwnersPrepareLeavesOneOpenRecordingInTheRoom() throws Exception {
        Setup setup = new Setup(store, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10));
        RecordingService owner = service(setup, "node-a");
        RecordingService other = service(setup, "node-b");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                RecordingService.Subject s = reception("booking-it-race-" + i);
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Future<Long> prepared = pool.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return owner.open(s).id();
                });
                java.util.concurrent.Future<?> noticed = pool.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    other.noticeShown(s, "jinjiang.scheduler", Instant.now());
                    return null;
                });
                long recorded = prepared.get(60, java.util.concurrent.TimeUnit.SECONDS);
                noticed.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(catalog.unfinished()).filteredOn(r -> r.roomId().equals(s.roomId()))
                        .as("open recordings of room %s", s.roomId()).extracting(Recording::id)
                        .containsExactly(recorded);
                assertThat(catalog.timeline(recorded)).extracting(Manifest.TimelineEntry::type)
                        .as("the notice in the recording the owner records").contains("RECORDING_NOTICE");
                assertThat(catalog.unfinished("node-a")).extracting(Recording::id).contains(recorded);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInstanceThatLostItsRoomToAnotherLetsGoOfTheRecordingWithoutEndingIt() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-let-go");
        service.start(s, Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(id, perTrack -> perTrack.getOrDefault("s0-p1", 0) >= 1);

        service.letGo(s.roomId(), Instant.now());
        assertThat(service.isCapturing(s.roomId())).isFalse();
        assertThat(service.current(s.roomId())).as("no longer recorded here").isEmpty();
        Recording r = catalog.find(id).orElseThrow();
        assertThat(r.status()).as("the other instance's to end").isEqualTo(Recording.Status.RECORDING);
        assertThat(r.manifestKey()).isNull();
        assertThat(catalog.tracks(id)).allSatisfy(t -> assertThat(t.endedAt()).isNotNull());
        assertThat(media.forwarders).as("its forwards stopped").isEmpty();
    }

    /**
     * A publisher known before the session starts (the leader, the petitioner in the lobby) has its capture listening
     * already, forwarded to nothing: the start only asks the media server to forward (opening a capture took
     * 0.1–0.6 s per track on a loaded machine, media lost to the recording). One who stops before the start leaves
     * nothing behind.
     */
    @Test
    void aPublisherKnownBeforeTheStartIsForwardedAtTheStartToACaptureListeningAlready() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-ready");
        service.publishingStarted(s, "official-3", "李主任", "HOST", Instant.now());
        service.publishingStarted(s, "visitor-9", "访客", "OFFICIAL", Instant.now());
        service.publishingStopped(s.roomId(), "visitor-9", Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        java.util.Set<Integer> listening = listeningPorts();
        assertThat(media.forwarders).as("nothing forwarded before the session starts").isEmpty();
        service.start(s, Instant.now());
        assertThat(media.audioPorts).as("forwarded at the start").containsOnlyKeys(s.roomId() + "/official-3",
                s.roomId() + "/petitioner-7");
        assertThat(listening).as("UDP ports listening before the start (4 per waiting publisher)").hasSize(8)
                .containsAll(media.audioPorts.values());
        // the visitor who left before the start took a participant number, not a track
        finishWithTheHostAndPetitioner7(service, s);
    }

    @Test
    void aPetitionerWaitingInTheLobbyHasACaptureListeningAndIsForwardedToAsSoonAsItsPublishingIsTold()
            throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-lobby");
        service.publishingStarted(s, "official-3", "李主任", "HOST", Instant.now());
        service.waitingToPublish(s, "petitioner-8"); // waits, then leaves the lobby: its capture is closed
        assertThat(listeningPorts()).as("UDP ports of the host's and the waiting petitioner's captures").hasSize(8);
        service.publishingStopped(s.roomId(), "petitioner-8", Instant.now());
        service.waitingToPublish(s, "petitioner-7");
        java.util.Set<Integer> listening = listeningPorts();
        assertThat(listening).as("UDP ports listening before the admission (the host's, petitioner-7's)").hasSize(8);
        assertThat(media.forwarders).as("nothing forwarded before the session starts").isEmpty();
        service.start(s, Instant.now());
        assertThat(media.audioPorts).as("the host forwarded at the start").containsOnlyKeys(s.roomId() + "/official-3");
        // the admitted petitioner's publishing is told after the admission (LobbyPublishing)
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        assertThat(media.audioPorts).as("forwarded as soon as its publishing is told")
                .containsOnlyKeys(s.roomId() + "/official-3", s.roomId() + "/petitioner-7");
        assertThat(listening).as("forwarded to the captures listening before the admission")
                .containsAll(media.audioPorts.values());
        finishWithTheHostAndPetitioner7(service, s); // petitioner-8 took a participant number, not a track
    }

    /**
     * Once both tracks have 3 s of media: the session finished and composed, its tracks those of official-3 (s0-p1) and
     * petitioner-7 (s0-p3: someone who left before the start took p2), the recording verified.
     */
    private void finishWithTheHostAndPetitioner7(RecordingService service, RecordingService.Subject s) throws Exception {
        long recording = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitMedia(recording, msPerTrack -> msPerTrack.size() == 2
                && msPerTrack.values().stream().allMatch(ms -> ms >= 3_000));
        long id = service.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();
        awaitComposed(id);
        assertThat(catalog.tracks(id)).extracting(RecordingCatalog.Track::trackId, RecordingCatalog.Track::participantId)
                .containsExactlyInAnyOrder(tuple("s0-p1", "official-3"), tuple("s0-p3", "petitioner-7"));
        assertThat(new RecordingVerifier(store).verify(id).ok()).isTrue();
    }

    /** The UDP ports of the test's capture range that something here listens on. */
    private static java.util.Set<Integer> listeningPorts() {
        java.util.Set<Integer> listening = new java.util.TreeSet<>();
        for (int port = 46000; port <= 46999; port++) {
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(
                    new java.net.InetSocketAddress("127.0.0.1", port))) {
                probe.close();
            } catch (java.net.SocketException inUse) {
                listening.add(port);
            }
        }
        return listening;
    }

    @Test
    void whenTheMediaServerIsLostTheRecordingGoesOnInANewSeriesWithTheGapListed() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-series");
        service.start(s, Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long recording = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(recording, perTrack -> perTrack.getOrDefault("s0-p1", 0) >= 1);
        // as the live room reports it: the publisher stopped, then the node was lost
        service.publishingStopped(s.roomId(), "petitioner-7", Instant.now());
        service.mediaLost(s.roomId(), Instant.now(), "node lost");
        media.stopAll();
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        awaitSegments(recording, perTrack -> perTrack.getOrDefault("s1-p1", 0) >= 1);
        // a reconnect publishes again within the same series: a track of its own
        service.publishingStopped(s.roomId(), "petitioner-7", Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        awaitSegments(recording, perTrack -> perTrack.getOrDefault("s1-p1-2", 0) >= 1);
        long id = service.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();

        awaitComposed(id);
        assertThat(catalog.tracks(id)).extracting(RecordingCatalog.Track::trackId)
                .containsExactly("s0-p1", "s1-p1", "s1-p1-2");
        assertThat(catalog.tracks(id)).extracting(RecordingCatalog.Track::segmentCount).allMatch(n -> n > 0);
        assertThat(catalog.gaps(id)).singleElement().satisfies(g -> assertThat(g.reason()).isEqualTo("media server lost"));
        Manifest m = ManifestCodec.read(store.get(Manifest.key(id)).readAllBytes());
        assertThat(m.segments()).extracting(Manifest.Segment::trackId).contains("s0-p1", "s1-p1");
        assertThat(new RecordingVerifier(store).verify(id).ok()).isTrue();
    }

    @Test
    void beyondTheLiveCompositionsOfThisServerASessionIsComposedAfterItsEndFromStorage() throws Exception {
        RecordingService service = service(); // one live composition
        RecordingService.Subject first = reception("booking-it-live-a");
        RecordingService.Subject second = reception("booking-it-live-b");
        service.start(first, Instant.now());
        service.publishingStarted(first, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        service.start(second, Instant.now());
        service.publishingStarted(second, "official-3", "李主任", "HOST", Instant.now());
        for (RecordingService.Subject subject : List.of(first, second)) {
            awaitSegments(catalog.openInRoom(subject.roomId()).orElseThrow().id(),
                    perTrack -> perTrack.values().stream().anyMatch(n -> n >= 2));
        }
        long a = service.finish(first.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();
        long b = service.finish(second.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();

        for (long id : List.of(a, b)) {
            Recording r = awaitComposed(id);
            assertThat(r.composedState()).as("recording %s composed: %s", id, r.composedError())
                    .isEqualTo(Recording.ComposedState.DONE);
            String probe = ffprobe(store, Recording.composedKey(id));
            assertThat(probe).contains("codec_name=h264").contains("codec_name=aac");
        }
        assertThat(service.composedWhileRecording()).as("the first while it ran, the second after its end").isEqualTo(1);
        assertThat(spoolFiles()).as("nothing left in the spool").isEmpty();
    }

    @Test
    void whenTheLiveCompositionMissesASegmentTheFileIsComposedAfterTheEndFromStorage() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-live-fault");
        service.start(s, Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        Path liveDir = tmp.resolve("spool").resolve("live-compose").resolve(Long.toString(id));
        assertThat(liveDir).isDirectory();
        // the live composition's folder goes (a disk problem, an operator): the next segments cannot be linked there
        try (Stream<Path> files = Files.walk(liveDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        awaitSegments(id, perTrack -> perTrack.values().stream().anyMatch(n -> n >= 2));
        long ended = service.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();
        assertThat(ended).isEqualTo(id);

        Recording r = awaitComposed(id);
        assertThat(r.composedState()).as("composed: %s", r.composedError()).isEqualTo(Recording.ComposedState.DONE);
        assertThat(service.composedWhileRecording()).as("not from the live composition").isZero();
        assertThat(ffprobe(store, Recording.composedKey(id))).contains("codec_name=h264").contains("codec_name=aac");
        assertThat(new RecordingVerifier(store).verify(id).ok()).isTrue();
        assertThat(spoolFiles()).as("nothing left in the spool").isEmpty();
    }

    @Test
    void aComposedFileThatWasBeingMadeWhenTheServerStoppedIsMadeAgainAtTheNextStart() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-compose-left");
        service.start(s, Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        awaitSegments(catalog.openInRoom(s.roomId()).orElseThrow().id(), perTrack -> !perTrack.isEmpty());
        long id = service.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();
        awaitComposed(id);
        service.close();
        closing.remove(service);
        // as a crash in the middle of composing leaves it: RUNNING at some percent, no file in storage
        catalog.composed(id, Recording.ComposedState.RUNNING, 40, null, null, null);
        store.delete(Recording.composedKey(id));

        RecordingService restarted = service();
        assertThat(restarted.recover()).as("no unfinished recording").isZero();
        Recording r = awaitComposed(id);

        assertThat(r.composedState()).as("composed: %s", r.composedError()).isEqualTo(Recording.ComposedState.DONE);
        assertThat(store.stat(Recording.composedKey(id))).isPresent();
        assertThat(ffprobe(store, Recording.composedKey(id))).contains("codec_name=h264");
    }

    @Test
    void aConsultationIsRecordedOnlyWhileItsHostHasRecordingOn() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = new RecordingService.Subject(Recording.Kind.CONSULTATION, "consultation-5", null, 5L,
                null, 2L);
        service.publishingStarted(s, "official-1", "王处长", "HOST", Instant.now());
        service.event(s, new Manifest.TimelineEntry(Instant.now(), "JOINED", "official-1", "HOST", null));
        assertThat(catalog.ofConsultation(5)).as("not recorded while off").isEmpty();

        assertThat(service.setRecording(s, true, "cd.leader")).isTrue();
        service.publishingStarted(s, "official-1", "王处长", "HOST", Instant.now());
        awaitSegments(catalog.openInRoom(s.roomId()).orElseThrow().id(), perTrack -> !perTrack.isEmpty());
        assertThat(service.setRecording(s, false, "cd.leader")).isFalse();
        List<Recording> recordings = catalog.ofConsultation(5);
        assertThat(recordings).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(Recording.Status.COMPLETED));
        assertThat(catalog.timeline(recordings.get(0).id())).extracting(Manifest.TimelineEntry::type)
                .containsSubsequence("RECORDING_ON", "RECORDING_STARTED", "RECORDING_OFF", "RECORDING_ENDED");
    }

    /**
     * A consultation's switch through an instance while no instance has the room (issue 14): the recording opens
     * (PENDING) without a recorder there; the instance that opens the room records that one (no TAKEN_OVER), and the
     * first instance's stop leaves it alone. One switched on with no room that nobody recorded ends at the stop.
     */
    @Test
    void aSwitchWithNoRoomOpensTheRecordingForTheInstanceThatOpensTheRoomAndAStopEndsOnlyOneNobodyRecorded()
            throws Exception {
        Setup setup = new Setup(store, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10));
        RecordingService nodeA = service(setup, "node-a");
        RecordingService nodeB = service(setup, "node-b");
        RecordingService.Subject opened = new RecordingService.Subject(Recording.Kind.CONSULTATION, "consultation-61",
                null, 61L, null, 2L);
        RecordingService.Subject neverOpened = new RecordingService.Subject(Recording.Kind.CONSULTATION,
                "consultation-62", null, 62L, null, 2L);
        nodeB.switchedWithoutRoom(opened, true, "cd.leader");
        nodeB.switchedWithoutRoom(neverOpened, true, "cd.leader");
        long id = catalog.openInRoom(opened.roomId()).orElseThrow().id();
        assertThat(nodeB.isCapturing(opened.roomId())).as("no recorder without the room").isFalse();
        assertThat(catalog.find(id).orElseThrow().status()).isEqualTo(Recording.Status.PENDING);

        assertThat(nodeA.setRecording(opened, true, "consultation settings")).isTrue(); // the room opened on node-a
        assertThat(nodeA.isCapturing(opened.roomId())).isTrue();
        assertThat(catalog.unfinished("node-a")).extracting(Recording::id).containsExactly(id);
        assertThat(catalog.timeline(id)).extracting(Manifest.TimelineEntry::type)
                .containsSubsequence("RECORDING_ON", "RECORDING_ON", "RECORDING_STARTED").doesNotContain("TAKEN_OVER");

        nodeB.close();
        closing.remove(nodeB);
        assertThat(catalog.find(id).orElseThrow().status()).as("node-a's, recording").isEqualTo(Recording.Status.RECORDING);
        Recording ended = catalog.ofConsultation(62).get(0);
        assertThat(ended.status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(catalog.gaps(ended.id())).extracting(Manifest.Gap::reason).contains("recording server shut down");
        nodeA.finish(opened.roomId(), Instant.now(), Recording.Status.COMPLETED, null);
    }

    @Test
    void aRecordingOnLegalHoldOrWithinItsRetentionIsNotDeleted() throws Exception {
        RecordingService service = service();
        RecordingService.Subject s = reception("booking-it-retention");
        service.start(s, Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        awaitSegments(catalog.openInRoom(s.roomId()).orElseThrow().id(), perTrack -> !perTrack.isEmpty());
        long id = service.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();
        awaitComposed(id);
        assertThat(service.delete(id, "sc.admin")).isEqualTo(RecordingService.DeleteResult.RETENTION_NOT_REACHED);
        catalog.legalHold(id, true, "appeal", "sc.admin", Instant.now());
        assertThat(service.delete(id, "sc.admin")).isEqualTo(RecordingService.DeleteResult.LEGAL_HOLD);
        assertThat(catalog.segments(id)).allSatisfy(seg -> assertThat(store.stat(seg.key())).isPresent());
    }

    // ------------------------------------------------------------------ defects found when the service was split

    @Test
    void storageRefusingComposedFilesDoesNotHoldUpTheCompositionsQueuedBehindThem() throws Exception {
        FaultyStore faulty = new FaultyStore(store);
        // no live composition: composed after the end, one after the other on the composing thread
        RecordingService service = service(new Setup(faulty, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(10)));
        List<RecordingService.Subject> subjects = List.of(reception("booking-it-queue-a"),
                reception("booking-it-queue-b"));
        for (RecordingService.Subject s : subjects) {
            service.start(s, Instant.now());
            service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        }
        for (RecordingService.Subject s : subjects) {
            awaitSegments(catalog.openInRoom(s.roomId()).orElseThrow().id(), perTrack -> !perTrack.isEmpty());
        }
        List<Long> ids = new ArrayList<>();
        for (RecordingService.Subject s : subjects) {
            ids.add(service.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id());
        }
        for (long id : ids) { // segments, manifests and composed files all in storage
            assertThat(awaitComposed(id).composedState()).isEqualTo(Recording.ComposedState.DONE);
        }

        // storage now refuses the composed files (a policy, a quota, a full volume) while both are made again
        faulty.refusePuts(key -> key.endsWith("/composed.mp4"));
        for (long id : ids) {
            store.delete(Recording.composedKey(id));
            service.requestCompose(id);
        }
        // both are made: the first waits for storage in the uploader, not on the composing thread
        await("both composed files made (RUNNING at 100 %) while storage refuses them").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> ids.stream().map(id -> catalog.find(id).orElseThrow())
                        .allMatch(r -> r.composedState() == Recording.ComposedState.RUNNING
                                && r.composedProgress() == 100));
        for (long id : ids) {
            assertThat(store.stat(Recording.composedKey(id))).as("composed file of %s while refused", id).isEmpty();
        }
        faulty.refusePuts(key -> false);
        for (long id : ids) {
            Recording r = awaitComposed(id);
            assertThat(r.composedState()).as("recording %s composed: %s", id, r.composedError())
                    .isEqualTo(Recording.ComposedState.DONE);
            assertThat(ffprobe(store, Recording.composedKey(id))).contains("codec_name=h264").contains("codec_name=aac");
        }
        assertThat(spoolFiles()).as("nothing left in the spool").isEmpty();
    }

    @Test
    void afterACrashTheOpenSegmentIsKeptUpToAboutASecondBeforeTheCrash() throws Exception {
        Duration segment = Duration.ofSeconds(20); // the crash comes inside the first segment
        RecordingService crashed = service(new Setup(store, segment, 1, Clock.systemUTC(), Duration.ofSeconds(10)));
        RecordingService.Subject s = reception("booking-it-crash-open");
        crashed.start(s, Instant.now());
        crashed.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        await("6 s of media sent to the recorder").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> media.sentSeconds(s.roomId(), "petitioner-7") >= 6.0);
        crashed.abandon(); // as kill -9 would: the open segment cut short, nothing finished
        double sent = media.sentSeconds(s.roomId(), "petitioner-7");
        media.close();
        closing.remove(crashed);
        assertThat(catalog.segments(id)).as("no segment had closed before the crash").isEmpty();

        RecordingService restarted = service(new Setup(store, segment, 1, Clock.systemUTC(), Duration.ofSeconds(10)));
        assertThat(restarted.recover()).isEqualTo(1);
        assertThat(catalog.find(id).orElseThrow().status()).isEqualTo(Recording.Status.INTERRUPTED);
        List<RecordingCatalog.Segment> segments = catalog.segments(id);
        assertThat(segments).as("the open segment, kept").singleElement().satisfies(seg -> {
            assertThat(seg.durationMs()).as("media kept of %s s sent before the crash", sent)
                    .isGreaterThanOrEqualTo(Math.round((sent - 1.5) * 1000))
                    .isLessThanOrEqualTo(Math.round((sent + 0.5) * 1000));
            assertThat(Duration.between(seg.startedAt(), seg.endedAt()).toMillis()).isEqualTo(seg.durationMs());
        });
        await("the kept segment stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> catalog.segments(id).stream().allMatch(RecordingCatalog.Segment::uploaded));
        Path kept = download(segments.get(0).key());
        assertThat(TestMedia.decodeErrors(kept)).as("decoding the kept segment").isEmpty();
        assertThat(TestMedia.streams(kept)).containsExactly("opus,audio", "vp8,video");
        assertThat(new RecordingVerifier(store).verify(id).ok()).isTrue();
        assertThat(catalog.gaps(id)).singleElement().satisfies(g -> assertThat(g.from())
                .isEqualTo(segments.get(0).endedAt()));
        assertThat(awaitComposed(id).composedState()).isEqualTo(Recording.ComposedState.DONE);
        assertThat(spoolFiles()).as("nothing left in the spool").isEmpty();
    }

    @Test
    void afterACrashTheComposedFileEndsWhereTheRecordedMediaEndInsteadOfRunningOnToTheRestart() throws Exception {
        RecordingService crashed = service();
        RecordingService.Subject s = reception("booking-it-crash-composed");
        crashed.start(s, Instant.now());
        crashed.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(id, perTrack -> perTrack.values().stream().anyMatch(n -> n >= 2));
        crashed.abandon();
        media.close();
        closing.remove(crashed);

        // the server comes back a minute later
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(60));
        RecordingService restarted = service(new Setup(store, SEGMENT, 1, later, Duration.ofSeconds(10)));
        assertThat(restarted.recover()).isEqualTo(1);
        Recording r = awaitComposed(id);
        assertThat(r.composedState()).as("composed: %s", r.composedError()).isEqualTo(Recording.ComposedState.DONE);
        assertThat(catalog.gaps(id)).singleElement().satisfies(g -> assertThat(Duration.between(g.from(), g.to()))
                .isGreaterThan(Duration.ofSeconds(55)));
        Instant mediaEnd = catalog.segments(id).stream().map(RecordingCatalog.Segment::endedAt)
                .max(java.util.Comparator.naturalOrder()).orElseThrow();
        double recorded = Duration.between(r.startedAt(), mediaEnd).toMillis() / 1000.0;
        Path composed = download(Recording.composedKey(id));
        double seconds = Double.parseDouble(TestMedia.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "format=duration", "-of", "csv=p=0", composed.toString()), Duration.ofSeconds(30)).strip());
        assertThat(seconds).as("composed file vs %s s recorded before the crash (the recording ends %s s after its"
                + " start, at the restart)", recorded, Duration.between(r.startedAt(), r.endedAt()).toSeconds())
                .isCloseTo(recorded, org.assertj.core.api.Assertions.within(1.0));
        assertThat(meanLuma(composed, seconds - 0.5)).as("the participant's picture at the file's end, not black")
                .isGreaterThan(40);
        assertThat(catalog.timeline(id)).filteredOn(e -> e.type().equals("RECOVERED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("composed review file ends"));
    }

    @Test
    void stoppingWaitsForTheEndedSessionsLastSegmentsAndManifestToReachStorage() throws Exception {
        FaultyStore slow = new FaultyStore(store);
        slow.delayPuts(Duration.ofMillis(400));
        RecordingService service = service(new Setup(slow, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(30)));
        RecordingService.Subject s = reception("booking-it-stop");
        service.start(s, Instant.now());
        service.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        long id = catalog.openInRoom(s.roomId()).orElseThrow().id();
        awaitSegments(id, perTrack -> !perTrack.isEmpty());

        service.close(); // a graceful stop ends the session
        closing.remove(service);
        assertThat(catalog.find(id).orElseThrow().status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(store.stat(Manifest.key(id))).as("manifest in storage when the stop returns").isPresent();
        assertThat(catalog.segments(id)).as("segments in storage when the stop returns")
                .allMatch(RecordingCatalog.Segment::uploaded);
    }

    @Test
    void aManifestLeftInTheSpoolByAStopWhileStorageWasDownIsStoredAtTheNextStart() throws Exception {
        FaultyStore down = new FaultyStore(store);
        RecordingService first = service(new Setup(down, SEGMENT, 0, Clock.systemUTC(), Duration.ofSeconds(1)));
        RecordingService.Subject s = reception("booking-it-manifest-left");
        first.start(s, Instant.now());
        first.publishingStarted(s, "petitioner-7", "信访人", "PETITIONER", Instant.now());
        awaitSegments(catalog.openInRoom(s.roomId()).orElseThrow().id(), perTrack -> !perTrack.isEmpty());
        down.refusePuts(key -> true); // storage goes down
        long id = first.finish(s.roomId(), Instant.now(), Recording.Status.COMPLETED, null).orElseThrow().id();
        first.close();
        lastUploader.close();
        closing.remove(first);
        assertThat(store.stat(Manifest.key(id))).as("manifest stored while storage was down").isEmpty();
        assertThat(tmp.resolve("spool").resolve(Manifest.key(id))).as("the manifest waits in the spool").exists();

        RecordingService second = service(); // storage is back
        assertThat(second.recover()).as("no unfinished recording").isZero();
        await("manifest and segments of recording " + id + " stored").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> store.stat(Manifest.key(id)).isPresent()
                        && catalog.segments(id).stream().allMatch(RecordingCatalog.Segment::uploaded));
        Recording r = catalog.find(id).orElseThrow();
        try (var in = store.get(Manifest.key(id))) {
            assertThat(HashChain.sha256Hex(in)).as("the stored manifest is the one the catalog names")
                    .isEqualTo(r.manifestSha256());
        }
        assertThat(new RecordingVerifier(store).verify(id).ok()).isTrue();
        assertThat(awaitComposed(id).composedState()).as("composed after its manifest and segments are stored")
                .isEqualTo(Recording.ComposedState.DONE);
        assertThat(spoolFiles()).as("nothing left in the spool").isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private Recording awaitComposed(long id) {
        await("composed file of recording " + id + " DONE or FAILED").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Recording.ComposedState state = catalog.find(id).orElseThrow().composedState();
                    return state == Recording.ComposedState.DONE || state == Recording.ComposedState.FAILED;
                });
        return catalog.find(id).orElseThrow();
    }

    /** Waits until the recording's chained segments, counted per track, satisfy {@code enough}. */
    private void awaitSegments(long id, java.util.function.Predicate<Map<String, Integer>> enough) {
        await("segments of recording " + id).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> segmentsPerTrack(id), enough::test);
    }

    /** Waits until the media chained so far (ms per track) satisfies {@code enough}. */
    private void awaitMedia(long id, java.util.function.Predicate<Map<String, Long>> enough) {
        await("media of recording " + id).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> catalog.segments(id).stream().collect(Collectors.groupingBy(
                        RecordingCatalog.Segment::trackId, Collectors.summingLong(RecordingCatalog.Segment::durationMs))),
                        enough::test);
    }

    private Map<String, Integer> segmentsPerTrack(long id) {
        return catalog.segments(id).stream().collect(Collectors.groupingBy(RecordingCatalog.Segment::trackId,
                java.util.TreeMap::new, Collectors.summingInt(seg -> 1)));
    }

    private List<Path> spoolFiles() throws IOException {
        Path spool = tmp.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private String ffprobe(ObjectStore store, String key) throws Exception {
        Path f = tmp.resolve("probe-" + key.replace('/', '_'));
        try (var in = store.get(key)) {
            Files.copy(in, f);
        }
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "default=nw=1",
                f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private Path download(String key) throws IOException {
        Path f = Files.createTempFile(tmp, "download-", key.substring(key.lastIndexOf('.')));
        try (var in = store.get(key)) {
            Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return f;
    }

    /** Mean luma (0-255) of the picture at {@code seconds}. */
    private static double meanLuma(Path video, double seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-ss", String.valueOf(seconds), "-i",
                video.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] luma = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("ffmpeg picture at %s s of %s", seconds, video).isZero();
        assertThat(luma).as("picture at %s s", seconds).isNotEmpty();
        long sum = 0;
        for (byte b : luma) {
            sum += b & 0xff;
        }
        return (double) sum / luma.length;
    }

    /**
     * The real local store with faults injected: puts of some keys refused as if the server were unreachable, or
     * every put slowed down.
     */
    static final class FaultyStore extends ForwardingStore {
        private volatile java.util.function.Predicate<String> refused = key -> false;
        private volatile long delayMillis;

        FaultyStore(ObjectStore store) {
            super(store);
        }

        void refusePuts(java.util.function.Predicate<String> keys) {
            refused = keys;
        }

        void delayPuts(Duration delay) {
            delayMillis = delay.toMillis();
        }

        private void fault(String key) {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis); // a slow server, not a synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (refused.test(key)) {
                throw new StorageException(StorageException.Kind.UNAVAILABLE, "injected outage storing " + key);
            }
        }

        @Override
        public void put(String key, Path file, String contentType) {
            fault(key);
            store.put(key, file, contentType);
        }

        @Override
        public void put(String key, byte[] bytes, String contentType) {
            fault(key);
            store.put(key, bytes, contentType);
        }

        @Override
        public String describe() {
            return "faulty " + super.describe();
        }
    }

    /** The media server's part: forwarding replays a captured VP8/Opus stream to the recorder's ports. */
    static final class ReplayingMedia implements RecordingMedia, AutoCloseable {
        final RtpCapture capture;
        final Map<String, RtpReplayer> forwarders = new ConcurrentHashMap<>();
        final AtomicInteger keyframeRequests = new AtomicInteger();
        /** The audio port each forward was asked to send to, by room/participant. */
        final Map<String, Integer> audioPorts = new ConcurrentHashMap<>();

        ReplayingMedia(RtpCapture capture) {
            this.capture = capture;
        }

        @Override
        public CompletableFuture<Void> forward(String roomId, String participantId, String host, int audioPort,
                                               int audioPayloadType, int videoPort, int videoPayloadType) {
            audioPorts.put(roomId + "/" + participantId, audioPort);
            RtpReplayer old = forwarders.put(roomId + "/" + participantId, RtpReplayer.start(capture,
                    List.of(new RtpReplayer.Target(host, audioPort, videoPort)), RtpReplayer.Options.looping()));
            if (old != null) {
                old.close();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> stopForward(String roomId, String participantId) {
            RtpReplayer r = forwarders.remove(roomId + "/" + participantId);
            if (r != null) {
                r.close();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> requestKeyframe(String roomId, String participantId) {
            keyframeRequests.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        /** Media time sent so far to the participant's recorder (the replay runs at real-time pace). */
        double sentSeconds(String roomId, String participantId) {
            RtpReplayer r = forwarders.get(roomId + "/" + participantId);
            return r == null ? 0 : r.packetsSent() * (capture.duration().toMillis() / 1000.0)
                    / capture.packets().size();
        }

        void stopAll() {
            forwarders.values().forEach(RtpReplayer::close);
            forwarders.clear();
        }

        @Override
        public void close() {
            stopAll();
        }
    }
}
