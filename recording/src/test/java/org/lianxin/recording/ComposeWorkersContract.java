package org.lianxin.recording;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lianxin.recording.compose.ComposeSettings;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.testing.ForwardingStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.testing.TestMedia;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Compose workers sharing the queue of the compose nodes through the catalog (V34, {@code internal.ComposeClaim}):
 * real compositions (Debian's ffmpeg makes the tracks) by two workers at once, a worker lost mid-composition, on
 * PostgreSQL and H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ComposeWorkersContract {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofMinutes(3);

    /** A new migrated database (one per test: a test's compositions left queued are not the next one's). */
    abstract DataSource database();

    private DataSource dataSource;
    private RecordingCatalog catalog;
    private Path media;
    private List<Path> shortTrack;  // 4 s: one segment
    private List<Path> longTrack;   // 20 s: two segments
    private Path dir;
    private CountingStore store;
    private final List<ComposeWorker> workers = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        TestMedia.assumeAvailable();
        media = Files.createTempDirectory("compose-workers-media");
        shortTrack = track("short", 4);
        longTrack = track("long", 20);
    }

    @BeforeEach
    void each() throws IOException {
        dataSource = database();
        catalog = RecordingCatalog.jdbc(dataSource, new DataSourceTransactionManager(dataSource));
        dir = Files.createTempDirectory("compose-workers");
        store = new CountingStore(ObjectStores.local(dir.resolve("store")));
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(ComposeWorker::close);
        workers.clear();
    }

    @Test
    void twoWorkersComposeEveryQueuedRecordingExactlyOnce() throws Exception {
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queued.add(recordedAndQueued("two-workers-" + i, shortTrack));
        }
        ComposeWorker a = worker("worker-a");
        ComposeWorker b = worker("worker-b");
        a.start();
        b.start();

        waitFor(() -> queued.stream().allMatch(id -> state(id) == Recording.ComposedState.DONE
                || state(id) == Recording.ComposedState.FAILED), "all composed");

        for (long id : queued) {
            Recording r = catalog.find(id).orElseThrow();
            assertThat(r.composedState()).as("recording %s: %s", id, r.composedError())
                    .isEqualTo(Recording.ComposedState.DONE);
            String key = Recording.composedKey(id);
            assertThat(r.composedKey()).isEqualTo(key);
            assertThat(store.puts(key)).as("times %s was stored", key).isEqualTo(1);
            assertThat(store.stat(key).orElseThrow().size()).isEqualTo(r.composedBytes()).isGreaterThan(10_000);
            RecordingCatalog.ComposeLease lease = catalog.composeLease(id).orElseThrow();
            assertThat(lease.holder()).isIn("worker-a", "worker-b");
            assertThat(lease.leaseUntil()).isNull();
            assertThat(lease.composedAt()).isAfter(lease.queuedAt());
        }
        assertThat(a.composed() + b.composed()).isEqualTo(queued.size());
        List<String> streams = TestMedia.streams(dir.resolve("store").resolve(Recording.composedKey(queued.get(0))));
        assertThat(String.join(" ", streams)).contains("h264").contains("aac");
    }

    @Test
    void aWorkerLostMidCompositionKeepsItsClaimUntilItsLeaseLapsesThenAnotherComposesIt() throws Exception {
        long id = recordedAndQueued("lost-worker", longTrack);
        ComposeWorker lost = worker("worker-lost");
        lost.start();
        waitFor(() -> "worker-lost".equals(catalog.composeLease(id).orElseThrow().holder()), "worker-lost claims it");
        lost.abandon(); // as a crash: no renewal, nothing given back
        Instant abandoned = Instant.now();
        RecordingCatalog.ComposeLease held = catalog.composeLease(id).orElseThrow();
        assertThat(held.state()).isEqualTo(Recording.ComposedState.RUNNING);
        assertThat(held.holder()).isEqualTo("worker-lost");

        ComposeWorker next = worker("worker-next");
        next.start();
        waitFor(() -> state(id) == Recording.ComposedState.DONE, "worker-next composes it");

        RecordingCatalog.ComposeLease lease = catalog.composeLease(id).orElseThrow();
        assertThat(lease.holder()).isEqualTo("worker-next");
        // not before the lost worker's lease lapsed (it was renewed at most until LEASE after the abandon)
        assertThat(lease.composedAt()).isAfter(held.leaseUntil());
        assertThat(held.leaseUntil()).isBefore(abandoned.plus(LEASE).plusSeconds(1));
        assertThat(store.puts(Recording.composedKey(id))).isEqualTo(1);
        assertThat(lost.composed()).isZero();
        assertThat(next.composed()).isEqualTo(1);
    }

    @Test
    void aWorkerThatStopsGivesItsCompositionBackAtOnce() throws Exception {
        long id = recordedAndQueued("stopping-worker", longTrack);
        ComposeWorker stopping = worker("worker-stopping");
        stopping.start();
        waitFor(() -> "worker-stopping".equals(catalog.composeLease(id).orElseThrow().holder()), "it claims it");
        stopping.close();
        RecordingCatalog.ComposeLease back = catalog.composeLease(id).orElseThrow();
        if (back.state() == Recording.ComposedState.DONE) {
            return; // (it finished before the stop reached it: nothing to give back)
        }
        assertThat(back.state()).isEqualTo(Recording.ComposedState.QUEUED);
        assertThat(back.holder()).isNull();
        assertThat(catalog.claimComposition("someone", Instant.now(), Instant.now().plusSeconds(60)))
                .map(Recording::id).contains(id);
    }

    // ------------------------------------------------------------------ helpers

    private ComposeWorker worker(String name) throws IOException {
        ComposeWorker w = new ComposeWorker(catalog, store, new Composer(ComposeSettings.defaults()),
                new ComposeWorker.Settings(name, Files.createDirectories(dir.resolve(name)), LEASE,
                        Duration.ofMillis(200), Duration.ofSeconds(5)), Clock.systemUTC());
        workers.add(w);
        return w;
    }

    private Recording.ComposedState state(long id) {
        return catalog.find(id).orElseThrow().composedState();
    }

    /** An ended reception of two participants (both {@code segments}), in storage, queued for the compose nodes. */
    private long recordedAndQueued(String room, List<Path> segments) throws IOException {
        Instant t0 = Instant.now().minusSeconds(120);
        Recording r = catalog.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION, room, 1L, null, 2L,
                3L, "app-node", t0));
        catalog.markRecording(r.id(), t0);
        Instant end = t0;
        for (String participant : List.of("p1", "p2")) {
            String track = "s0-" + participant;
            catalog.addTrack(new RecordingCatalog.Track(r.id(), track, participant, participant, "PETITIONER", 0, t0,
                    null, 0));
            Instant at = t0;
            for (int i = 0; i < segments.size(); i++) {
                Path f = segments.get(i);
                long ms = i < segments.size() - 1 ? 10_000 : (segments.size() == 1 ? 4_000 : 10_000);
                String key = Recording.segmentKey(r.id(), track, i);
                store.put(key, f, "video/x-matroska");
                RecordingCatalog.Segment s = catalog.appendSegment(r.id(), track, i, key, Files.size(f),
                        HashChain.sha256Hex(Files.readAllBytes(f)), at, at.plusMillis(ms), ms);
                catalog.markUploaded(r.id(), s.chainIndex(), at.plusMillis(ms));
                at = at.plusMillis(ms);
            }
            catalog.endTrack(r.id(), track, at);
            end = at;
        }
        catalog.finish(r.id(), Recording.Status.COMPLETED, end, Manifest.key(r.id()), "ab".repeat(32),
                end.plus(Duration.ofDays(10)));
        catalog.queueForComposeNodes(r.id(), Instant.now());
        return r.id();
    }

    /** A track as the recorder writes it: VP8 + Opus in Matroska segments of 10 s, each starting on a keyframe. */
    private List<Path> track(String name, int seconds) throws IOException {
        Path out = media.resolve(name);
        Files.createDirectories(out);
        TestMedia.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds),
                "-c:v", "libvpx", "-b:v", "200k", "-g", "20", "-deadline", "realtime", "-cpu-used", "8",
                "-force_key_frames", "expr:gte(t,n_forced*10)", "-c:a", "libopus", "-b:a", "32k",
                "-f", "segment", "-segment_time", "10", "-segment_format", "matroska",
                out.resolve("seg-%03d.mkv").toString()), Duration.ofMinutes(2));
        try (Stream<Path> s = Files.list(out)) {
            List<Path> segments = s.sorted().toList();
            assertThat(segments).hasSize((seconds + 9) / 10);
            return segments;
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50); // polling a condition, not a timing assumption
        }
    }

    /** The store, counting how often each key was written. */
    static final class CountingStore extends ForwardingStore {
        private final Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();

        CountingStore(ObjectStore store) {
            super(store);
        }

        int puts(String key) {
            AtomicInteger n = puts.get(key);
            return n == null ? 0 : n.get();
        }

        @Override
        public void put(String key, Path file, String contentType) {
            puts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            store.put(key, file, contentType);
        }

        @Override
        public void put(String key, byte[] bytes, String contentType) {
            puts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            store.put(key, bytes, contentType);
        }

        @Override
        public String describe() {
            return "counting " + super.describe();
        }
    }
}
