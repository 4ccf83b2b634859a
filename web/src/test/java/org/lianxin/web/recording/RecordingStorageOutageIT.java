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
 * S3 storage (TestS3) goes away for 30 s in the middle of a recorded reception and comes back: after ~10 s of
 * session S3 stops (connections refused), segments closed meanwhile wait in the spool (checked just before S3
 * returns), S3 restarts on the same port with the same objects, the session goes on ~15 s more and the leader
 * ends. Then: the recording is COMPLETED with nothing lost — each track's segments have track indices 0..n-1, all
 * in storage, decodable, and their concatenated duration is the time the participant published (±1 s); the
 * verifier finds nothing wrong; the spool is empty.
 */
class RecordingStorageOutageIT extends InProcessRecordingIT {
    private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(10);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration AFTER_OUTAGE = Duration.ofSeconds(15);
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
                session.hold(BEFORE_OUTAGE);

                env.s3.stop();
                Instant outageStart = Instant.now();
                session.hold(OUTAGE);
                // the outage was real: segments closed during it are not in storage yet, their files are spooled
                waitingAtRestart = notUploaded(id);
                assertThat(waitingAtRestart).as("segments of recording " + id + " waiting for S3 after "
                        + RecordingChecks.seconds(Duration.between(outageStart, Instant.now())) + " of outage")
                        .isNotEmpty();
                assertThat(RecordingChecks.filesUnder(env.spoolDir)).as("files in the spool during the outage")
                        .isNotEmpty();
                env.s3.restart();

                session.hold(AFTER_OUTAGE);
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
}
