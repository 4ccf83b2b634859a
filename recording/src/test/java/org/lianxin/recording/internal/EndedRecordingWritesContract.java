package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingEndedException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Issue 14: every write meant for an open recording is refused once the recording has ended ({@link
 * RecordingEndedException}, nothing written) — what a paused owner that resumes after another instance ended its
 * recording (its lost-owner job) would still send: its start, a new series after a media server's loss, the end of its
 * tracks, besides events, gaps, tracks and segments. The manifest built from the catalog then is the one whose SHA-256
 * the catalog recorded at the end. Run against PostgreSQL and H2 by the catalog's ITs.
 */
interface EndedRecordingWritesContract {

    DataSource dataSource();

    private RecordingCatalog fencedCatalog() {
        return RecordingCatalog.jdbc(dataSource(), new DataSourceTransactionManager(dataSource()));
    }

    /** The manifest the catalog's rows make of recording {@code id} now, as its end wrote it. */
    private static byte[] manifestNow(RecordingCatalog c, long id) {
        Recording r = c.find(id).orElseThrow();
        return ManifestCodec.write(ManifestWriter.manifest(r, r.status(), r.endedAt(), c.tracks(id), c.segments(id),
                c.gaps(id), c.timeline(id)));
    }

    /**
     * A recording that its lost owner's room left: PENDING, or capturing with one track whose end that owner never
     * wrote (it paused), and one segment; ended by another instance with the manifest the catalog makes of it.
     */
    private static Recording endedByAnotherInstance(RecordingCatalog c, boolean capturing) {
        Instant t0 = Instant.parse("2026-12-04T02:00:00Z");
        Recording r = c.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION,
                "booking-fenced-" + UUID.randomUUID(), 870L, null, 871L, 3L, "node-paused", t0));
        if (capturing) {
            c.markRecording(r.id(), t0);
            c.addTrack(new RecordingCatalog.Track(r.id(), "s0-p1", "petitioner-7", "王某", "PETITIONER", 0, t0, null,
                    0));
            String key = Recording.segmentKey(r.id(), "s0-p1", 0);
            c.appendSegment(r.id(), "s0-p1", 0, key, 100, HashChain.sha256Hex(key.getBytes()), t0, t0.plusSeconds(10),
                    10_000);
        }
        Instant end = t0.plusSeconds(60);
        Recording.Status status = capturing ? Recording.Status.INTERRUPTED : Recording.Status.EMPTY;
        Recording open = c.find(r.id()).orElseThrow();
        byte[] manifest = ManifestCodec.write(ManifestWriter.manifest(open, status, end, c.tracks(r.id()),
                c.segments(r.id()), c.gaps(r.id()), c.timeline(r.id())));
        assertThat(c.finish(r.id(), status, end, Manifest.key(r.id()), HashChain.sha256Hex(manifest),
                end.plus(Duration.ofDays(10)), open.chainHead())).isTrue();
        assertThat(manifestNow(c, r.id())).as("the manifest the end wrote").isEqualTo(manifest);
        return c.find(r.id()).orElseThrow();
    }

    @Test
    default void theEndOfATrackANewSeriesAndTheStartAreRefusedOnceTheRecordingHasEnded() {
        RecordingCatalog c = fencedCatalog();
        Recording ended = endedByAnotherInstance(c, true);
        long id = ended.id();
        byte[] manifest = manifestNow(c, id);
        assertThat(c.tracks(id)).singleElement().satisfies(t -> assertThat(t.endedAt()).isNull());
        Instant later = ended.endedAt().plusSeconds(5);

        SoftAssertions.assertSoftly(softly -> { // each write on its own (all listed when several are let through)
            softly.assertThatThrownBy(() -> c.endTrack(id, "s0-p1", later)).as("endTrack")
                    .isInstanceOf(RecordingEndedException.class)
                    .hasMessageStartingWith("recording " + id + " has ended");
            softly.assertThatThrownBy(() -> c.nextSeries(id)).as("nextSeries")
                    .isInstanceOf(RecordingEndedException.class);
            softly.assertThatThrownBy(() -> c.markRecording(id, later)).as("markRecording")
                    .isInstanceOf(RecordingEndedException.class);
            // and those fenced before (issue 14)
            softly.assertThatThrownBy(() -> c.addTrack(new RecordingCatalog.Track(id, "s1-p1", "petitioner-7", "王某",
                    "PETITIONER", 1, later, null, 0))).as("addTrack").isInstanceOf(RecordingEndedException.class);
            softly.assertThatThrownBy(() -> c.addGap(id, new Manifest.Gap(later, later, "paused"))).as("addGap")
                    .isInstanceOf(RecordingEndedException.class);
            softly.assertThatThrownBy(() -> c.addEvent(id, new Manifest.TimelineEntry(later, "MEDIA_LOST", null, null,
                    null))).as("addEvent").isInstanceOf(RecordingEndedException.class);
            softly.assertThatThrownBy(() -> c.appendSegment(id, "s0-p1", 1, Recording.segmentKey(id, "s0-p1", 1), 100,
                    "ab".repeat(32), later, later.plusSeconds(10), 10_000)).as("appendSegment")
                    .isInstanceOf(RecordingEndedException.class);

            Recording after = c.find(id).orElseThrow();
            softly.assertThat(c.tracks(id)).singleElement().extracting(RecordingCatalog.Track::endedAt)
                    .as("the track's end").isNull();
            softly.assertThat(after.series()).as("series").isEqualTo(ended.series());
            softly.assertThat(after.status()).isEqualTo(Recording.Status.INTERRUPTED);
            softly.assertThat(after.startedAt()).isEqualTo(ended.startedAt());
            softly.assertThat(after.chainHead()).isEqualTo(ended.chainHead());
            softly.assertThat(after.manifestSha256()).as("the SHA-256 recorded at the end")
                    .isEqualTo(ended.manifestSha256());
            softly.assertThat(manifestNow(c, id)).as("the manifest the catalog makes of it").isEqualTo(manifest);
            softly.assertThat(HashChain.sha256Hex(manifestNow(c, id))).as("its SHA-256")
                    .isEqualTo(ended.manifestSha256());
        });
    }

    @Test
    default void aRecordingEndedBeforeItsCaptureStartedIsNotStartedAfterwards() {
        RecordingCatalog c = fencedCatalog();
        Recording ended = endedByAnotherInstance(c, false);
        assertThatThrownBy(() -> c.markRecording(ended.id(), ended.endedAt().plusSeconds(1)))
                .isInstanceOf(RecordingEndedException.class);
        assertThatThrownBy(() -> c.nextSeries(ended.id())).isInstanceOf(RecordingEndedException.class);
        Recording after = c.find(ended.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Recording.Status.EMPTY);
        assertThat(after.startedAt()).isNull();
        assertThat(after.series()).isEqualTo(ended.series());
        assertThat(HashChain.sha256Hex(manifestNow(c, ended.id()))).isEqualTo(ended.manifestSha256());
    }

    @Test
    default void anOpenRecordingStillTakesItsStartSeriesAndTrackEnds() {
        RecordingCatalog c = fencedCatalog();
        Instant t0 = Instant.parse("2026-12-04T03:00:00Z");
        Recording r = c.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION,
                "booking-open-" + UUID.randomUUID(), 872L, null, 873L, 3L, "node-a", t0));
        c.markRecording(r.id(), t0);
        c.markRecording(r.id(), t0.plusSeconds(1)); // already recording: no-op
        c.addTrack(new RecordingCatalog.Track(r.id(), "s0-p1", "official-3", "李主任", "HOST", 0, t0, null, 0));
        c.endTrack(r.id(), "s0-p1", t0.plusSeconds(30));
        c.endTrack(r.id(), "s0-p1", t0.plusSeconds(40)); // has its end already
        assertThat(c.nextSeries(r.id())).isEqualTo(r.series() + 1);
        Recording after = c.find(r.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Recording.Status.RECORDING);
        assertThat(after.startedAt()).isEqualTo(t0);
        assertThat(c.tracks(r.id())).singleElement().extracting(RecordingCatalog.Track::endedAt)
                .isEqualTo(t0.plusSeconds(30));
        assertThatCode(() -> c.markRecording(Long.MAX_VALUE, t0)).as("no such recording: nothing to refuse")
                .doesNotThrowAnyException();
    }
}
