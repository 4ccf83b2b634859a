package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The catalog's behaviour, run against PostgreSQL and H2. */
interface RecordingCatalogContract {

    Instant T0 = Instant.parse("2026-11-27T02:00:00Z");

    DataSource dataSource();

    default RecordingCatalog catalog() {
        return RecordingCatalog.jdbc(dataSource(), new DataSourceTransactionManager(dataSource()));
    }

    default Recording newReception(RecordingCatalog c, String room) {
        return c.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION, room, 7L, null, 11L, 3L, "node-a", T0));
    }

    @Test
    default void aNewRecordingIsPendingUntilCaptureStartsAndIsFoundByItsRoomBookingAndCase() {
        RecordingCatalog c = catalog();
        Recording r = newReception(c, "booking-7");
        assertThat(r.status()).isEqualTo(Recording.Status.PENDING);
        assertThat(r.chainHead()).isEqualTo(HashChain.GENESIS);
        assertThat(c.openInRoom("booking-7")).map(Recording::id).contains(r.id());
        assertThat(c.ofBooking(7)).extracting(Recording::id).containsExactly(r.id());
        assertThat(c.ofCase(11)).extracting(Recording::id).containsExactly(r.id());
        assertThat(c.unfinished()).extracting(Recording::id).contains(r.id());
        assertThat(c.unfinished("node-a")).extracting(Recording::id).contains(r.id());
        assertThat(c.unfinished("node-b")).extracting(Recording::id).doesNotContain(r.id());

        c.markRecording(r.id(), T0.plusSeconds(5));
        assertThat(c.find(r.id()).orElseThrow().status()).isEqualTo(Recording.Status.RECORDING);

        c.finish(r.id(), Recording.Status.COMPLETED, T0.plusSeconds(65), Manifest.key(r.id()), "ab".repeat(32),
                T0.plus(Duration.ofDays(10)));
        Recording done = c.find(r.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Recording.Status.COMPLETED);
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(done.endedAt()).isEqualTo(T0.plusSeconds(65));
        assertThat(c.openInRoom("booking-7")).isEmpty();
        assertThat(c.unfinished()).extracting(Recording::id).doesNotContain(r.id());
    }

    /** A reception of {@code room} opened by {@code node} (booking and case of these tests only). */
    private static RecordingCatalog.NewRecording another(String room, String node) {
        return new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION, room, 907L, null, 911L, 3L, node, T0);
    }

    /**
     * Instances opening one room's recording at the same moment (a notice or a switch on one, the owner's prepare on
     * the other, issue 14): the database keeps one open (V39); the others' inserts fail as duplicates.
     */
    @Test
    default void aRoomHasOneOpenRecordingHeldByTheDatabaseWhoeverInsertsAtOnce() throws Exception {
        RecordingCatalog c = catalog();
        String room = "booking-one-open-" + java.util.UUID.randomUUID();
        List<Object> results = race(8, i -> {
            try {
                return c.create(another(room, "node-" + i));
            } catch (org.springframework.dao.DuplicateKeyException e) {
                return e;
            }
        });
        assertThat(results).filteredOn(Recording.class::isInstance).as("inserted").hasSize(1);
        assertThat(results).filteredOn(org.springframework.dao.DuplicateKeyException.class::isInstance)
                .as("refused as duplicates").hasSize(7);
        Recording open = c.openInRoom(room).orElseThrow();
        assertThat(c.openOrCreate(another(room, "node-x")).id()).as("the one open").isEqualTo(open.id());

        c.finish(open.id(), Recording.Status.EMPTY, T0.plusSeconds(5), "k", "sha", T0.plusSeconds(60));
        Recording next = c.create(another(room, "node-a"));
        assertThat(next.id()).as("an ended recording leaves the room free").isNotEqualTo(open.id());
        c.markDeleted(open.id(), "it", T0.plusSeconds(70));
        c.finish(next.id(), Recording.Status.EMPTY, T0.plusSeconds(80), "k2", "sha", T0.plusSeconds(90));
        assertThat(c.create(another(room, "node-a")).id()).as("several ended ones do not collide")
                .isNotIn(open.id(), next.id());
    }

    @Test
    default void instancesOpeningARoomsRecordingAtOnceAllGetTheSameOne() throws Exception {
        RecordingCatalog c = catalog();
        for (int round = 0; round < 5; round++) {
            String room = "booking-open-or-create-" + java.util.UUID.randomUUID();
            List<Object> ids = race(8, i -> c.openOrCreate(another(room, "node-" + i)).id());
            assertThat(ids).as("round %d", round).hasSize(8).containsOnly(ids.get(0));
            assertThat(c.unfinished()).filteredOn(r -> r.roomId().equals(room)).as("open in the room").hasSize(1);
        }
    }

    /** {@code n} threads released together by a barrier, each running {@code call} with its index. */
    private static List<Object> race(int n, java.util.function.IntFunction<Object> call) throws Exception {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.apply(index);
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : done) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void anOpenRecordingTakenOverMovesToTheNewInstanceOnceAndAnEndedOneNever() {
        RecordingCatalog c = catalog();
        Recording r = c.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION, "booking-takeover", 70L, null,
                110L, 3L, "node-a", T0));
        c.markRecording(r.id(), T0);
        assertThat(c.takeOver(r.id(), "node-b")).contains("node-a");
        assertThat(c.takeOver(r.id(), "node-b")).as("already node-b's").isEmpty();
        assertThat(c.unfinished("node-b")).extracting(Recording::id).contains(r.id());
        assertThat(c.unfinished("node-a")).extracting(Recording::id).doesNotContain(r.id());
        c.finish(r.id(), Recording.Status.COMPLETED, T0.plusSeconds(60), "k", "sha", T0.plusSeconds(600));
        assertThat(c.takeOver(r.id(), "node-c")).as("ended: stays where it is").isEmpty();
    }

    @Test
    default void segmentsFormOneHashChainInTheOrderTheyClose() {
        RecordingCatalog c = catalog();
        Recording r = newReception(c, "booking-chain");
        c.addTrack(new RecordingCatalog.Track(r.id(), "s0-p1", "petitioner-7", "王某", "PETITIONER", 0, T0, null, 0));
        c.addTrack(new RecordingCatalog.Track(r.id(), "s0-p2", "official-3", "李主任", "HOST", 0, T0, null, 0));
        String prev = HashChain.GENESIS;
        for (int i = 0; i < 6; i++) {
            String track = i % 2 == 0 ? "s0-p1" : "s0-p2";
            String key = Recording.segmentKey(r.id(), track, i / 2);
            String sha = HashChain.sha256Hex(("segment " + i).getBytes());
            RecordingCatalog.Segment s = c.appendSegment(r.id(), track, i / 2, key, 100 + i, sha, T0.plusSeconds(10L * i),
                    T0.plusSeconds(10L * i + 10), 10_000);
            prev = HashChain.link(prev, key, sha);
            assertThat(s.chainIndex()).isEqualTo(i);
            assertThat(s.chain()).isEqualTo(prev);
        }
        assertThat(c.find(r.id()).orElseThrow().chainHead()).isEqualTo(prev);
        assertThat(c.find(r.id()).orElseThrow().segmentCount()).isEqualTo(6);
        assertThat(c.tracks(r.id())).extracting(RecordingCatalog.Track::segmentCount).containsExactly(3, 3);
        assertThat(c.notUploaded()).filteredOn(s -> s.recordingId() == r.id()).hasSize(6);
        c.markUploaded(r.id(), 0, T0.plusSeconds(11));
        assertThat(c.notUploaded()).filteredOn(s -> s.recordingId() == r.id()).extracting(RecordingCatalog.Segment::chainIndex)
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    default void concurrentAppendsGetDistinctConsecutiveIndicesAndAnUnbrokenChain() throws Exception {
        RecordingCatalog c = catalog();
        Recording r = newReception(c, "booking-concurrent");
        int tracks = 8;
        int perTrack = 10;
        for (int t = 0; t < tracks; t++) {
            c.addTrack(new RecordingCatalog.Track(r.id(), "s0-p" + t, "p" + t, null, "OFFICIAL", 0, T0, null, 0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(tracks);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < tracks; t++) {
            int track = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perTrack; i++) {
                    String key = Recording.segmentKey(r.id(), "s0-p" + track, i);
                    c.appendSegment(r.id(), "s0-p" + track, i, key, 1, HashChain.sha256Hex(key.getBytes()), T0, T0, 0);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<RecordingCatalog.Segment> segments = c.segments(r.id());
        assertThat(segments).hasSize(tracks * perTrack);
        String prev = HashChain.GENESIS;
        for (int i = 0; i < segments.size(); i++) {
            RecordingCatalog.Segment s = segments.get(i);
            assertThat(s.chainIndex()).isEqualTo(i);
            prev = HashChain.link(prev, s.key(), s.sha256());
            assertThat(s.chain()).as("link %d", i).isEqualTo(prev);
        }
        assertThat(c.find(r.id()).orElseThrow().chainHead()).isEqualTo(prev);
    }

    @Test
    default void theTimelineIsInTimeOrderWhateverOrderItWasWrittenIn() {
        RecordingCatalog c = catalog();
        Recording r = newReception(c, "booking-timeline");
        c.addEvent(r.id(), new Manifest.TimelineEntry(T0.plusSeconds(30), "RECORDING_NOTICE", null, null, "shown"));
        c.addEvent(r.id(), new Manifest.TimelineEntry(T0, "CHECKED_IN", null, null, "by jinjiang.scheduler"));
        c.addEvent(r.id(), new Manifest.TimelineEntry(T0.plusSeconds(60), "ADMITTED", "petitioner-7", "PETITIONER", null));
        assertThat(c.timeline(r.id())).extracting(Manifest.TimelineEntry::type)
                .containsExactly("CHECKED_IN", "RECORDING_NOTICE", "ADMITTED");
        c.addGap(r.id(), new Manifest.Gap(T0.plusSeconds(70), T0.plusSeconds(80), "media server lost"));
        assertThat(c.gaps(r.id())).containsExactly(new Manifest.Gap(T0.plusSeconds(70), T0.plusSeconds(80), "media server lost"));
    }

    @Test
    default void aLegalHoldBlocksDeletionAndKeepsItOutOfTheExpiredList() {
        RecordingCatalog c = catalog();
        Recording r = newReception(c, "booking-hold");
        c.finish(r.id(), Recording.Status.COMPLETED, T0, Manifest.key(r.id()), null, T0.plusSeconds(1));
        c.legalHold(r.id(), true, "case under appeal", "sc.admin", T0);
        assertThat(c.expired(T0.plusSeconds(10))).extracting(Recording::id).doesNotContain(r.id());
        assertThat(c.markDeleted(r.id(), "sc.admin", T0.plusSeconds(10))).isFalse();
        assertThat(c.find(r.id()).orElseThrow().status()).isEqualTo(Recording.Status.COMPLETED);

        c.legalHold(r.id(), false, null, "sc.admin", T0.plusSeconds(20));
        assertThat(c.expired(T0.plusSeconds(30))).extracting(Recording::id).contains(r.id());
        assertThat(c.markDeleted(r.id(), "retention", T0.plusSeconds(30))).isTrue();
        assertThat(c.find(r.id()).orElseThrow().status()).isEqualTo(Recording.Status.DELETED);
        assertThat(c.markDeleted(r.id(), "retention", T0.plusSeconds(31))).isFalse();
    }

    @Test
    default void everyAccessIsKeptInOrder() {
        RecordingCatalog c = catalog();
        Recording r = newReception(c, "booking-access");
        c.recordAccess(r.id(), "sc.reviewer", "PLAY_COMPOSED", "composed", "127.0.0.1", T0.plusSeconds(2));
        c.recordAccess(r.id(), "cd.leader", "VIEW", null, "127.0.0.1", T0.plusSeconds(1));
        assertThat(c.accesses(r.id())).extracting(RecordingCatalog.Access::username).containsExactly("cd.leader", "sc.reviewer");
    }

    @Test
    default void composedProgressAndSeriesAreKept() {
        RecordingCatalog c = catalog();
        Recording r = newReception(c, "booking-composed");
        assertThat(c.nextSeries(r.id())).isEqualTo(1);
        assertThat(c.nextSeries(r.id())).isEqualTo(2);
        c.composed(r.id(), Recording.ComposedState.RUNNING, 42, null, null, null);
        Recording running = c.find(r.id()).orElseThrow();
        assertThat(running.composedState()).isEqualTo(Recording.ComposedState.RUNNING);
        assertThat(running.composedProgress()).isEqualTo(42);
        c.composed(r.id(), Recording.ComposedState.DONE, 100, Recording.composedKey(r.id()), 1234L, null);
        assertThat(c.find(r.id()).orElseThrow().composedKey()).isEqualTo("recordings/" + r.id() + "/composed.mp4");
    }

    @Test
    default void composingLeftListsTheEndedRecordingsOfThatNodeWhoseComposedFileWasQueuedOrRunning() {
        RecordingCatalog c = catalog();
        Recording running = newReception(c, "booking-left-1");
        Recording queued = newReception(c, "booking-left-2");
        Recording done = newReception(c, "booking-left-3");
        Recording stillRecording = newReception(c, "booking-left-4");
        for (Recording r : List.of(running, queued, done)) {
            c.markRecording(r.id(), T0);
            c.finish(r.id(), Recording.Status.COMPLETED, T0.plusSeconds(60), Manifest.key(r.id()), "ab".repeat(32),
                    T0.plus(Duration.ofDays(10)));
        }
        c.markRecording(stillRecording.id(), T0);
        c.composed(running.id(), Recording.ComposedState.RUNNING, 40, null, null, null);
        c.composed(queued.id(), Recording.ComposedState.QUEUED, 0, null, null, null);
        c.composed(done.id(), Recording.ComposedState.DONE, 100, Recording.composedKey(done.id()), 10L, null);
        c.composed(stillRecording.id(), Recording.ComposedState.RUNNING, 10, null, null, null);

        assertThat(c.composingLeft("node-a")).extracting(Recording::id).contains(running.id(), queued.id())
                .doesNotContain(done.id(), stillRecording.id());
        assertThat(c.composingLeft("node-b")).extracting(Recording::id).doesNotContain(running.id(), queued.id());
    }

    // ------------------------------------------------------------------ composed on compose nodes (ComposeClaim)

    /** Claims (for {@code holder}) every composition claimable now, so that a test starts from an empty queue. */
    private static void drainQueue(RecordingCatalog c, Instant now) {
        while (c.claimComposition("drain", now, now.plusSeconds(3600)).isPresent()) {
            // (taken out of the way)
        }
    }

    /** A reception of booking 70 and case 71 (the other tests count those of booking 7 and case 11). */
    private static Recording otherReception(RecordingCatalog c, String room) {
        return c.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION, room, 70L, null, 71L, 3L, "node-a",
                T0));
    }

    private Recording endedQueuedForNodes(RecordingCatalog c, String room, Instant queuedAt) {
        Recording r = otherReception(c, room);
        c.markRecording(r.id(), T0);
        c.finish(r.id(), Recording.Status.COMPLETED, T0.plusSeconds(60), Manifest.key(r.id()), "ab".repeat(32),
                T0.plus(Duration.ofDays(10)));
        c.queueForComposeNodes(r.id(), queuedAt);
        return r;
    }

    @Test
    default void aCompositionQueuedForTheComposeNodesIsClaimedOnceHeldUnderItsLeaseAndTakenOverWhenItLapses() {
        RecordingCatalog c = catalog();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        drainQueue(c, now.plusSeconds(7200));
        Recording here = otherReception(c, "booking-compose-here");
        c.markRecording(here.id(), T0);
        c.finish(here.id(), Recording.Status.COMPLETED, T0.plusSeconds(60), Manifest.key(here.id()), "ab".repeat(32),
                T0.plus(Duration.ofDays(10)));
        c.composed(here.id(), Recording.ComposedState.QUEUED, 0, null, null, null); // this node's own queue
        Recording r = endedQueuedForNodes(c, "booking-compose-nodes", now);
        assertThat(c.composingLeft("node-a")).extracting(Recording::id).contains(here.id()).doesNotContain(r.id());

        RecordingCatalog.ComposeClaimed claimed = c.claimComposition("worker-a", now, now.plusSeconds(30)).orElseThrow();
        assertThat(claimed.id()).isEqualTo(r.id());
        assertThat(claimed.recording().composedState()).isEqualTo(Recording.ComposedState.RUNNING);
        long a = claimed.epoch();
        assertThat(c.composeLease(r.id()).orElseThrow().epoch()).isEqualTo(a);
        assertThat(c.claimComposition("worker-b", now.plusSeconds(10), now.plusSeconds(40))).isEmpty();
        assertThat(c.renewComposition(r.id(), "worker-a", a, 40, now.plusSeconds(10), now.plusSeconds(40))).isTrue();
        assertThat(c.renewComposition(r.id(), "worker-b", a, 40, now.plusSeconds(10), now.plusSeconds(40))).isFalse();
        assertThat(c.claimComposition("worker-b", now.plusSeconds(35), now.plusSeconds(65))).isEmpty();

        // worker-a stops renewing: at its lease's end worker-b takes it; worker-a can change nothing any more
        RecordingCatalog.ComposeClaimed taken = c.claimComposition("worker-b", now.plusSeconds(40), now.plusSeconds(70))
                .orElseThrow();
        assertThat(taken.id()).isEqualTo(r.id());
        long b = taken.epoch();
        assertThat(b).isGreaterThan(a);
        assertThat(c.renewComposition(r.id(), "worker-a", a, 90, now.plusSeconds(41), now.plusSeconds(71))).isFalse();
        assertThat(c.finishComposition(r.id(), "worker-a", a, Recording.ComposedState.DONE, "x", 1L, null,
                now.plusSeconds(42))).isFalse();
        // the fencing token, not the name: worker-b's claim of a's epoch does not hold it either
        assertThat(c.finishComposition(r.id(), "worker-b", a, Recording.ComposedState.DONE, "x", 1L, null,
                now.plusSeconds(42))).isFalse();
        assertThat(c.composeLease(r.id()).orElseThrow().holder()).isEqualTo("worker-b");

        assertThat(c.finishComposition(r.id(), "worker-b", b, Recording.ComposedState.DONE,
                Recording.composedKey(r.id(), b), 1234L, null, now.plusSeconds(50))).isTrue();
        Recording done = c.find(r.id()).orElseThrow();
        assertThat(done.composedState()).isEqualTo(Recording.ComposedState.DONE);
        assertThat(done.composedBytes()).isEqualTo(1234L);
        assertThat(done.composedKey()).isEqualTo(Recording.composedKey(r.id(), b));
        RecordingCatalog.ComposeLease lease = c.composeLease(r.id()).orElseThrow();
        assertThat(lease.holder()).isEqualTo("worker-b");
        assertThat(lease.leaseUntil()).isNull();
        assertThat(lease.queuedAt()).isEqualTo(now);
        assertThat(lease.composedAt()).isEqualTo(now.plusSeconds(50));
        assertThat(c.claimComposition("worker-c", now.plusSeconds(3600), now.plusSeconds(3630))).isEmpty();
        assertThat(c.find(here.id()).orElseThrow().composedState()).isEqualTo(Recording.ComposedState.QUEUED);
    }

    @Test
    default void aCompositionGivenBackIsClaimableAgainFromItsRetryTimeAndTheOldestQueuedIsClaimedFirst() {
        RecordingCatalog c = catalog();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusSeconds(10_000);
        drainQueue(c, now.plusSeconds(7200));
        Recording later = endedQueuedForNodes(c, "booking-compose-later", now.minusSeconds(5));
        Recording first = endedQueuedForNodes(c, "booking-compose-first", now.minusSeconds(10));
        RecordingCatalog.ComposeClaimed a = c.claimComposition("worker-a", now, now.plusSeconds(30)).orElseThrow();
        assertThat(a.id()).isEqualTo(first.id());
        assertThat(c.releaseComposition(first.id(), "worker-b", a.epoch(), now, now.plusSeconds(20))).isFalse();
        assertThat(c.releaseComposition(first.id(), "worker-a", a.epoch(), now, now.plusSeconds(20))).isTrue();
        assertThat(c.find(first.id()).orElseThrow().composedState()).isEqualTo(Recording.ComposedState.QUEUED);
        assertThat(c.claimComposition("worker-b", now, now.plusSeconds(30)).orElseThrow().id()).isEqualTo(later.id());
        assertThat(c.claimComposition("worker-b", now.plusSeconds(19), now.plusSeconds(49))).isEmpty();
        RecordingCatalog.ComposeClaimed again = c.claimComposition("worker-b", now.plusSeconds(20),
                now.plusSeconds(50)).orElseThrow();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.epoch()).isGreaterThan(a.epoch());
        assertThat(c.finishComposition(first.id(), "worker-b", again.epoch(), Recording.ComposedState.FAILED, null,
                null, "broken", now.plusSeconds(21))).isTrue();
        assertThat(c.find(first.id()).orElseThrow().composedError()).isEqualTo("broken");
    }

    @Test
    default void aClaimTakenOverBySameNamedWorkerLeavesTheOldClaimFencedOut() {
        RecordingCatalog c = catalog();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusSeconds(30_000);
        drainQueue(c, now.plusSeconds(7200));
        Recording r = endedQueuedForNodes(c, "booking-compose-same-name", now.minusSeconds(1));
        // a compose node restarted under the same instance id: its old run's claim lapsed, its new run claims again
        RecordingCatalog.ComposeClaimed old = c.claimComposition("node-c", now, now.plusSeconds(30)).orElseThrow();
        RecordingCatalog.ComposeClaimed renewed = c.claimComposition("node-c", now.plusSeconds(30),
                now.plusSeconds(60)).orElseThrow();
        assertThat(renewed.id()).isEqualTo(old.id()).isEqualTo(r.id());
        assertThat(renewed.epoch()).isEqualTo(old.epoch() + 1);

        assertThat(c.renewComposition(r.id(), "node-c", old.epoch(), 50, now.plusSeconds(31), now.plusSeconds(61)))
                .isFalse();
        assertThat(c.finishComposition(r.id(), "node-c", old.epoch(), Recording.ComposedState.DONE,
                Recording.composedKey(r.id(), old.epoch()), 1L, null, now.plusSeconds(32))).isFalse();
        assertThat(c.releaseComposition(r.id(), "node-c", old.epoch(), now.plusSeconds(32), now.plusSeconds(32)))
                .isFalse();
        assertThat(c.find(r.id()).orElseThrow().composedState()).isEqualTo(Recording.ComposedState.RUNNING);
        assertThat(c.find(r.id()).orElseThrow().composedKey()).isNull();

        assertThat(c.finishComposition(r.id(), "node-c", renewed.epoch(), Recording.ComposedState.DONE,
                Recording.composedKey(r.id(), renewed.epoch()), 2L, null, now.plusSeconds(33))).isTrue();
        assertThat(c.find(r.id()).orElseThrow().composedKey()).isEqualTo(Recording.composedKey(r.id(), renewed.epoch()));
    }

    @Test
    default void manyWorkersClaimingAtOnceClaimEachQueuedCompositionExactlyOnce() throws Exception {
        RecordingCatalog c = catalog();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusSeconds(20_000);
        drainQueue(c, now.plusSeconds(7200));
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            queued.add(endedQueuedForNodes(c, "booking-compose-many-" + i, now.minusSeconds(60 - i)).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String holder = "worker-" + w;
                workers.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (RecordingCatalog.ComposeClaimed r; (r = c.claimComposition(holder, now,
                            now.plusSeconds(60)).orElse(null)) != null; ) {
                        mine.add(r.id());
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : workers) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(queued);
        } finally {
            pool.shutdownNow();
        }
    }
}
