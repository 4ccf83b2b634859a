package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * S3 storage (TestS3) goes away for about 30 s in the middle of a recorded reception and comes back: once a segment of
 * each track is stored, S3 stops (connections refused) until three segments of each track wait in the spool (checked
 * just before S3 returns), S3 restarts on the same port with the same objects, the session goes on until what waited
 * is uploaded and another segment of each track has closed, and the leader ends. Then: the recording is COMPLETED with nothing lost — each track's segments have track indices 0..n-1, all
 * in storage, decodable, and their concatenated duration is the time the participant published (±1 s); the
 * verifier finds nothing wrong; the spool is empty.
 */
class RecordingStorageOutageIT extends InProcessRecordingIT {
    /** Segments of each track stored before the outage, left waiting by it, and stored after it. */
    private static final int BEFORE_OUTAGE = 1;
    private static final int OUTAGE = 3;
    private static final int AFTER_OUTAGE = 1;
    private static final double TOLERANCE_S = 1.0;

    @BeforeAll
    static void start() {
        env = RecordingTestEnv.start("storage-outage", true);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        RecordingTestEnv.register(r, () -> env, true, false);
    }

    @Test
    void segmentsClosedWhileS3IsDownWaitInTheSpoolAndAreUploadedInOrderWhenItReturns() {
        RecordedSessionDriver session = RecordedSessionDriver.open("http://localhost:" + port, env.password,
                "storage-outage");
        long id;
        List<RecordingCatalog.Segment> waitingAtRestart;
        try (session) {
            try {
                session.hostAndCheckIn();
                session.admit();
                List<Recording> ofBooking = catalog.ofBooking(session.bookingId());
                assertThat(ofBooking).as("recordings of booking " + session.bookingId()).hasSize(1);
                id = ofBooking.get(0).id();
                // storage works: a segment of each track is in S3
                RecordingChecks.await("a segment of each track uploaded before the outage", Duration.ofSeconds(90),
                        () -> perTrack(uploaded(id, true)) >= BEFORE_OUTAGE, () -> catalog.segments(id).toString());

                env.s3.stop();
                Instant outageStart = Instant.now();
                // the outage lasts until three segments of each track (about 30 s) wait for S3
                RecordingChecks.await(OUTAGE + " segments of each track waiting for S3", Duration.ofSeconds(120),
                        () -> perTrack(notUploaded(id)) >= OUTAGE, () -> notUploaded(id).toString());
                // the outage was real: segments closed during it are not in storage yet, their files are spooled
                waitingAtRestart = notUploaded(id);
                assertThat(waitingAtRestart).as("segments of recording " + id + " waiting for S3 after "
                        + RecordingChecks.seconds(Duration.between(outageStart, Instant.now())) + " of outage")
                        .isNotEmpty();
                assertThat(RecordingChecks.filesUnder(env.spoolDir)).as("files in the spool during the outage")
                        .isNotEmpty();
                env.s3.restart();

                // the session goes on: what waited is uploaded, and a segment of each track closed after it too
                int closedBefore = catalog.segments(id).size();
                RecordingChecks.await("the waiting segments uploaded and the session going on", Duration.ofSeconds(90),
                        () -> notUploaded(id).isEmpty() && perTrack(catalog.segments(id).subList(closedBefore,
                                catalog.segments(id).size())) >= AFTER_OUTAGE,
                        () -> "not uploaded: " + notUploaded(id) + ", segments: " + catalog.segments(id).size());
                session.assertStillLive();
                session.end();
            } catch (RuntimeException | AssertionError e) {
                session.screenshots("failure", e);
                throw e;
            }
        }

        RecordingChecks.await("recording " + id + " COMPLETED with every segment uploaded", Duration.ofSeconds(90),
                () -> catalog.find(id).filter(r -> r.status() == Recording.Status.COMPLETED).isPresent()
                        && notUploaded(id).isEmpty() && store.stat(Manifest.key(id)).isPresent(),
                () -> catalog.find(id).map(Recording::status).orElse(null) + ", not uploaded: " + notUploaded(id));

        Manifest m = RecordingChecks.manifest(store, id);
        RecordingTimeline t = new RecordingTimeline(catalog.timeline(id));
        assertAll("recording " + id + " after a 30 s S3 outage",
                () -> RecordingChecks.assertVerified(store, id),
                () -> assertThat(m.status()).isEqualTo("COMPLETED"),
                () -> RecordingChecks.assertContiguous(store, m),
                () -> {
                    for (RecordingCatalog.Segment s : waitingAtRestart) {
                        assertThat(store.stat(s.key())).as("segment " + s.key() + " that waited for S3, now stored")
                                .isPresent();
                    }
                },
                () -> {
                    Instant admitted = t.first("ADMITTED", null);
                    Instant ended = t.first("ENDED", null);
                    assertThat(m.tracks()).as("tracks (leader and petitioner, series 0)").hasSize(2);
                    assertAll("tracks", m.tracks().stream().map(track -> (Executable) () -> {
                        RecordingChecks.TrackMedia tm = RecordingChecks.trackMedia(store, m, track.trackId(),
                                env.work.resolve("media"));
                        Duration published = t.publishedInSession(track.participantId(), admitted, ended);
                        assertAll(track.trackId(),
                                () -> assertThat(tm.concatenated().codecTypes()).as(tm.describe())
                                        .contains("audio", "video"),
                                () -> assertThat(tm.concatenated().duration())
                                        .as("%s: concatenated segments vs published %s", tm.describe(),
                                                RecordingChecks.seconds(published))
                                        .isCloseTo(published.toMillis() / 1000.0, within(TOLERANCE_S)),
                                () -> RecordingChecks.assertClean(tm));
                    }));
                },
                () -> RecordingChecks.await("an empty spool", Duration.ofSeconds(30),
                        () -> RecordingChecks.filesUnder(env.spoolDir).isEmpty(),
                        () -> RecordingChecks.filesUnder(env.spoolDir).toString()));
    }

    private List<RecordingCatalog.Segment> notUploaded(long id) {
        return catalog.notUploaded().stream().filter(s -> s.recordingId() == id).toList();
    }

    private List<RecordingCatalog.Segment> uploaded(long id, boolean uploaded) {
        return catalog.segments(id).stream().filter(s -> s.uploaded() == uploaded).toList();
    }

    /** The fewest segments any of the two tracks (leader, petitioner) has among {@code segments}. */
    private static int perTrack(List<RecordingCatalog.Segment> segments) {
        java.util.Map<String, Long> n = segments.stream().collect(java.util.stream.Collectors.groupingBy(
                RecordingCatalog.Segment::trackId, java.util.stream.Collectors.counting()));
        return n.size() < 2 ? 0 : (int) n.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }
}
