package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.backoff.Backoff;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.capture.ClosedSegment;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.storage.SegmentUploader;

/** Chaining a closed segment while the database refuses: retried with back-off, never dropped. */
class SegmentChainTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path tmp;

    private final List<Long> pauses = new ArrayList<>();
    private final List<RecordingCatalog.Segment> chained = new ArrayList<>();

    @Test
    void aSegmentTheDatabaseRefusesIsChainedOnARetryAfterGrowingPausesThenQueuedForStorage() throws Exception {
        SegmentUploader uploader = new SegmentUploader(ObjectStores.local(tmp.resolve("store"))); // not started
        SegmentChain chain = chain(refusingCatalog(3), uploader);

        chain.segmentClosed(9, closedSegment(), (seg, spooled) -> chained.add(seg));

        assertThat(pauses).as("pauses before the retries (ms)").containsExactly(100L, 200L, 400L);
        assertThat(chained).singleElement().satisfies(s -> assertThat(s.key())
                .isEqualTo(Recording.segmentKey(9, "s0-p1", 4)));
        assertThat(uploader.pending()).as("queued for storage").isEqualTo(1);
        assertThat(tmp.resolve("spool").resolve(Recording.segmentKey(9, "s0-p1", 4))).exists();
    }

    @Test
    void aSegmentTheDatabaseKeepsRefusingStaysInTheSpoolForTheEndOfTheRecordingToChain() throws Exception {
        SegmentUploader uploader = new SegmentUploader(ObjectStores.local(tmp.resolve("store")));
        SegmentChain chain = chain(refusingCatalog(Integer.MAX_VALUE), uploader);

        chain.segmentClosed(9, closedSegment(), (seg, spooled) -> chained.add(seg));

        assertThat(pauses).as("8 attempts, pauses doubling up to 5 s")
                .containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L);
        assertThat(chained).isEmpty();
        assertThat(uploader.pending()).isZero();
        Path spooled = tmp.resolve("spool").resolve(Recording.segmentKey(9, "s0-p1", 4));
        assertThat(spooled).as("left in the spool, under its key").exists();
        assertThat(new Spool(tmp.resolve("spool")).leftovers(9)).singleElement()
                .satisfies(l -> assertThat(l.index()).isEqualTo(4));
    }

    private SegmentChain chain(RecordingCatalog catalog, SegmentUploader uploader) {
        return new SegmentChain(catalog, new Spool(tmp.resolve("spool")), uploader, Clock.systemUTC(),
                Backoff.ofMillis(100, 5_000), 8, pauses::add);
    }

    private ClosedSegment closedSegment() throws Exception {
        Path file = Files.createDirectories(tmp.resolve("capture")).resolve("s0-p1-000004.mkv");
        Files.write(file, new byte[] {1, 2, 3});
        return new ClosedSegment("s0-p1", 4, file, T0, T0.plusSeconds(10), 40_000, 10_000, 3, "abc", 500, 300, true,
                false);
    }

    /** A catalog (a fake: only appendSegment) whose database refuses the first {@code failures} appends. */
    private static RecordingCatalog refusingCatalog(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return (RecordingCatalog) Proxy.newProxyInstance(RecordingCatalog.class.getClassLoader(),
                new Class<?>[] {RecordingCatalog.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("appendSegment")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (calls.incrementAndGet() <= failures) {
                        throw new IllegalStateException("database busy (attempt " + calls.get() + ")");
                    }
                    return new RecordingCatalog.Segment((long) args[0], 0, (String) args[1], (int) args[2],
                            (String) args[3], (long) args[4], (String) args[5], "chain", (Instant) args[6],
                            (Instant) args[7], (long) args[8], false);
                });
    }
}
