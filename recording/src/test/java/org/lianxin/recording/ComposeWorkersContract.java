package org.lianxin.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.lianxin.recording.internal.Retention;
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
        waitFor(() -> a.composed() + b.composed() + a.failed() + b.failed() == queued.size(),
                "all counted"); // (counted just after DONE is written)

        for (long id : queued) {
            Recording r = catalog.find(id).orElseThrow();
            assertThat(r.composedState()).as("recording %s: %s", id, r.composedError())
                    .isEqualTo(Recording.ComposedState.DONE);
            RecordingCatalog.ComposeLease lease = catalog.composeLease(id).orElseThrow();
            String key = Recording.composedKey(id, lease.epoch());
            assertThat(r.composedKey()).isEqualTo(key);
            assertThat(store.puts(key)).as("times %s was stored", key).isEqualTo(1);
            assertThat(store.stat(key).orElseThrow().size()).isEqualTo(r.composedBytes()).isGreaterThan(10_000);
            assertThat(lease.holder()).isIn("worker-a", "worker-b");
            assertThat(lease.leaseUntil()).isNull();
            assertThat(lease.composedAt()).isAfter(lease.queuedAt());
        }
        assertThat(a.composed() + b.composed()).isEqualTo(queued.size());
        List<String> streams = TestMedia.streams(dir.resolve("store")
                .resolve(catalog.find(queued.get(0)).orElseThrow().composedKey()));
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
        waitFor(() -> next.composed() == 1, "worker-next counts it"); // (counted just after DONE is written)

        RecordingCatalog.ComposeLease lease = catalog.composeLease(id).orElseThrow();
        assertThat(lease.holder()).isEqualTo("worker-next");
        // not before the lost worker's lease lapsed (it was renewed at most until LEASE after the abandon)
        assertThat(lease.composedAt()).isAfter(held.leaseUntil());
        assertThat(held.leaseUntil()).isBefore(abandoned.plus(LEASE).plusSeconds(1));
        assertThat(store.puts(Recording.composedKey(id, lease.epoch()))).isEqualTo(1);
        assertThat(lease.epoch()).isEqualTo(held.epoch() + 1);
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
        // close() waits 10 s for the composing thread; on a loaded machine FFmpeg may answer the interrupt later
        waitFor(() -> state(id) != Recording.ComposedState.RUNNING, "given back");
        RecordingCatalog.ComposeLease back = catalog.composeLease(id).orElseThrow();
        if (back.state() == Recording.ComposedState.DONE) {
            return; // (it finished before the stop reached it: nothing to give back)
        }
        assertThat(back.state()).isEqualTo(Recording.ComposedState.QUEUED);
        assertThat(back.holder()).isNull();
        assertThat(catalog.claimComposition("someone", Instant.now(), Instant.now().plusSeconds(60)))
                .map(RecordingCatalog.ComposeClaimed::id).contains(id);
    }

    @Test
    void aWorkerWhoseLeaseLapsedWhileItStoredIsRefusedAndNothingItWroteIsReferenced() throws Exception {
        long id = recordedAndQueued("fenced-worker", shortTrack);
        HeldUploads held = new HeldUploads(store);
        ComposeWorker slow = worker("worker-slow", held);
        ComposeWorker fast = worker("worker-fast", store);
        long slowEpoch;
        try {
            slow.start();
            // worker-slow composed it, renewed its claim once more and is storing the file: held there (a GC pause,
            // a slow store) until its lease lapses and worker-fast has taken the composition and finished it
            assertThat(held.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("worker-slow stores").isTrue();
            slowEpoch = catalog.composeLease(id).orElseThrow().epoch();
            fast.start();
            waitFor(() -> state(id) == Recording.ComposedState.DONE, "worker-fast composes it");
        } finally {
            held.proceed.countDown();
        }
        waitFor(() -> slow.lost() == 1, "worker-slow's end is refused");

        Recording r = catalog.find(id).orElseThrow();
        RecordingCatalog.ComposeLease lease = catalog.composeLease(id).orElseThrow();
        assertThat(lease.holder()).isEqualTo("worker-fast");
        assertThat(r.composedKey()).isEqualTo(Recording.composedKey(id, lease.epoch()));
        assertThat(lease.epoch()).isEqualTo(slowEpoch + 1);
        String slowKey = held.key.get();
        assertThat(slowKey).isEqualTo(Recording.composedKey(id, slowEpoch)).isNotEqualTo(r.composedKey());
        // worker-slow's upload went on after worker-fast took over, but never to the referenced file
        assertThat(store.puts(r.composedKey())).as("the referenced file written only by worker-fast").isEqualTo(1);
        assertThat(store.stat(r.composedKey()).orElseThrow().size()).isEqualTo(r.composedBytes());
        assertThat(store.stat(slowKey)).as("worker-slow's refused file deleted").isEmpty();
        assertThat(store.list("recordings/" + id + "/")).extracting(ObjectStore.ObjectInfo::key)
                .filteredOn(k -> k.contains("composed")).containsExactly(r.composedKey());
        assertThat(slow.composed()).isZero();
        assertThat(fast.composed()).isEqualTo(1);
        assertThat(fast.lost()).isZero();

        // had worker-slow crashed before deleting its file, the file would stay unreferenced: the recording's
        // retention deletes it with the rest (every claim's key)
        store.put(slowKey, shortTrack.get(0), "video/mp4");
        Retention retention = new Retention(catalog, store,
                Clock.fixed(Instant.now().plus(Duration.ofDays(30)), ZoneOffset.UTC));
        assertThat(retention.delete(id, "retention")).isEqualTo(RecordingService.DeleteResult.DELETED);
        assertThat(store.list("recordings/" + id + "/")).extracting(ObjectStore.ObjectInfo::key)
                .filteredOn(k -> k.contains("composed")).isEmpty();
    }

    @Test
    void theQueueMetricsShowItsDepthItsOldestWaitAndTheWorkersDoneAndFailedJobs() throws Exception {
        Instant queuedAt = Instant.now().minusSeconds(90);
        long good = recordedAndQueued("metrics-good", shortTrack, queuedAt);
        Path garbage = Files.write(dir.resolve("not-media.mkv"), "not a Matroska file".repeat(100).getBytes());
        long bad = recordedAndQueued("metrics-bad", List.of(garbage), queuedAt.plusSeconds(30));
        ComposeWorker w = worker("worker-metrics");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ComposeQueueMetrics(catalog, w, Clock.systemUTC()).bindTo(registry);

        assertThat(gauge(registry, ComposeQueueMetrics.DEPTH, "state", "waiting")).isEqualTo(2);
        assertThat(gauge(registry, ComposeQueueMetrics.DEPTH, "state", "running")).isZero();
        assertThat(registry.get(ComposeQueueMetrics.OLDEST).gauge().value()).as("waited since %s", queuedAt)
                .isBetween(90.0, 90.0 + WAIT.toSeconds());
        assertThat(jobs(registry, "done") + jobs(registry, "failed") + jobs(registry, "lost")).isZero();

        w.start();
        waitFor(() -> state(good) == Recording.ComposedState.DONE && state(bad) == Recording.ComposedState.FAILED,
                "one composed, one failed");
        waitFor(() -> gauge(registry, ComposeQueueMetrics.DEPTH, "state", "waiting") == 0
                && gauge(registry, ComposeQueueMetrics.DEPTH, "state", "running") == 0, "the queue empty");
        assertThat(registry.get(ComposeQueueMetrics.OLDEST).gauge().value()).isZero();
        assertThat(jobs(registry, "done")).isEqualTo(1);
        assertThat(jobs(registry, "failed")).isEqualTo(1);
        assertThat(jobs(registry, "lost")).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private ComposeWorker worker(String name) throws IOException {
        return worker(name, store);
    }

    private ComposeWorker worker(String name, ObjectStore store) throws IOException {
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
        return recordedAndQueued(room, segments, Instant.now());
    }

    private long recordedAndQueued(String room, List<Path> segments, Instant queuedAt) throws IOException {
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
        catalog.queueForComposeNodes(r.id(), queuedAt);
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

    private static double gauge(MeterRegistry registry, String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    private static double jobs(MeterRegistry registry, String outcome) {
        return registry.get(ComposeQueueMetrics.JOBS).tag("outcome", outcome).functionCounter().count();
    }

    /** A worker's store that holds its first composed file's upload until the test lets it go on. */
    static final class HeldUploads extends ForwardingStore {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);
        final AtomicReference<String> key = new AtomicReference<>();

        HeldUploads(ObjectStore store) {
            super(store);
        }

        @Override
        public void put(String key, Path file, String contentType) {
            if (key.contains("/composed") && this.key.compareAndSet(null, key)) {
                reached.countDown();
                try {
                    if (!proceed.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never let go on");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            store.put(key, file, contentType);
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
