package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A normal recorded reception of 60 s ({@link #session()}) through the real pages, signaling, a real Janus and S3
 * storage (TestS3): the leader admits the petitioner, both talk until each has the session's length of media chained,
 * the leader ends. Then: the recording is COMPLETED;
 * each track (leader, petitioner) has audio and video, decodes without a single error, and its concatenated
 * segments last as long as the participant published during the session (±1 s); the manifest is stored (its
 * SHA-256 is the catalog's) and RecordingVerifier finds nothing wrong; the timeline holds CHECKED_IN,
 * RECORDING_NOTICE, ADMITTED, PUBLISHING…, ENDED in time order; the composed review file appears within 60 s,
 * is H.264 + AAC, as long as the recording (±1 s), and decodes end to end without errors.
 */
class RecordedReceptionIT extends InProcessRecordingIT {
    private static final double TOLERANCE_S = 1.0;

    @BeforeAll
    static void start() {
        env = RecordingTestEnv.start("recorded-reception", true);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        RecordingTestEnv.register(r, () -> env, true, true);
    }

    @Test
    void aSixtySecondReceptionIsRecordedCompleteVerifiedAndComposed() throws IOException {
        RecordedSessionDriver session = RecordedSessionDriver.open("http://localhost:" + port, env.password,
                "recorded-reception");
        try (session) {
            try {
                session.hostAndCheckIn();
                session.admit();
                // the session runs until both tracks (leader, petitioner) have the session's length of media chained
                long recording = catalog.ofBooking(session.bookingId()).get(0).id();
                RecordingChecks.awaitChainedMedia(catalog, recording, 2, session(), session().multipliedBy(3));
                session.assertStillLive();
                session.end();
            } catch (RuntimeException | AssertionError e) {
                session.screenshots("failure", e);
                throw e;
            }
        }

        List<Recording> ofBooking = catalog.ofBooking(session.bookingId());
        assertThat(ofBooking).as("recordings of booking " + session.bookingId()).hasSize(1);
        long id = ofBooking.get(0).id();
        Recording done = RecordingChecks.await("recording " + id + " COMPLETED and its manifest stored",
                Duration.ofSeconds(90),
                () -> catalog.find(id).filter(r -> r.status() == Recording.Status.COMPLETED)
                        .filter(r -> store.stat(Manifest.key(id)).isPresent()).orElse(null),
                () -> catalog.find(id).map(Recording::toString).orElse("gone"));
        Manifest m = RecordingChecks.manifest(store, id);
        RecordingTimeline t = new RecordingTimeline(catalog.timeline(id));
        Path media = env.work.resolve("media");

        // independent checks: all run, all failures reported together
        assertAll("recording " + id + " of booking " + session.bookingId(),
                () -> {
                    // the manifest is the one the catalog names; the verifier recomputes every hash and the chain
                    assertThat(done.manifestKey()).isEqualTo(Manifest.key(id));
                    String manifestSha;
                    try (InputStream in = store.get(Manifest.key(id))) {
                        manifestSha = HashChain.sha256Hex(in);
                    }
                    assertThat(manifestSha).as("SHA-256 of the stored manifest vs the catalog's")
                            .isEqualTo(done.manifestSha256());
                    RecordingChecks.assertVerified(store, id);
                    assertThat(m.status()).isEqualTo("COMPLETED");
                    assertThat(m.chainHead()).isEqualTo(done.chainHead());
                },
                () -> assertThat(m.gaps()).as("gaps of a normal reception").isEmpty(),
                () -> RecordingChecks.assertContiguous(store, m),
                () -> {
                    // the timeline, in time order
                    t.assertSortedByTime();
                    String petitioner = t.participantOfRole(m, "petitioner");
                    String leader = t.participantOfRole(m, "host");
                    Instant checkedIn = t.first("CHECKED_IN", null);
                    Instant notice = t.first("RECORDING_NOTICE", null);
                    Instant admitted = t.first("ADMITTED", petitioner);
                    Instant petitionerPublishing = t.firstPublishing(petitioner);
                    Instant ended = t.first("ENDED", null);
                    assertThat(List.of(checkedIn, notice, admitted, petitionerPublishing, ended))
                            .as("CHECKED_IN, RECORDING_NOTICE, ADMITTED, PUBLISHING (petitioner), ENDED in time order;"
                                    + " timeline:\n" + t.describe())
                            .isSorted();
                    assertThat(t.firstPublishing(leader)).as("the leader's PUBLISHING entry").isBefore(ended);
                },
                () -> {
                    // every track: audio and video, clean decode, as long as its participant published in the session
                    assertThat(m.tracks()).as("tracks (leader and petitioner, series 0)").hasSize(2)
                            .allSatisfy(tr -> assertThat(tr.series()).isZero());
                    Instant admitted = t.first("ADMITTED", t.participantOfRole(m, "petitioner"));
                    Instant ended = t.first("ENDED", null);
                    assertAll("tracks", m.tracks().stream().map(track -> (Executable) () -> {
                        RecordingChecks.TrackMedia tm = RecordingChecks.trackMedia(store, m, track.trackId(), media);
                        Duration published = t.publishedInSession(track.participantId(), admitted, ended);
                        assertAll(track.trackId(),
                                // the server's ADMITTED lies between pressing admit and both videos playing, its
                                // ENDED between pressing end and the console saying so: a sanity check of the timeline
                                () -> assertThat(published).as("%s: published in the session by the timeline (%s)"
                                                + " vs the test's clock: admit pressed %s, videos playing %s, end"
                                                + " pressed %s, end shown %s", track.trackId(), published,
                                                session.admittedAt(), session.playingAt(), session.endedAt(),
                                                session.endConfirmedAt())
                                        .isBetween(Duration.between(session.playingAt(), session.endedAt())
                                                .minusSeconds(1), Duration.between(session.admittedAt(),
                                                session.endConfirmedAt()).plusSeconds(1)),
                                () -> assertThat(tm.concatenated().codecTypes()).as(tm.describe())
                                        .contains("audio", "video"),
                                () -> assertThat(tm.concatenated().duration())
                                        .as("%s: concatenated segments vs published %s (%s)", tm.describe(),
                                                RecordingChecks.seconds(published),
                                                t.mediaVsPublishing(m, track.trackId(), admitted, ended))
                                        .isCloseTo(published.toMillis() / 1000.0, within(TOLERANCE_S)),
                                () -> RecordingChecks.assertClean(tm));
                    }));
                },
                () -> {
                    // the composed review file
                    Recording composed = RecordingChecks.await("composed review file of recording " + id + " DONE",
                            Duration.ofSeconds(60), () -> {
                                Recording r = catalog.find(id).orElseThrow();
                                if (r.composedState() == Recording.ComposedState.FAILED) {
                                    throw new AssertionError("composing failed: " + r.composedError());
                                }
                                return r.composedState() == Recording.ComposedState.DONE ? r : null;
                            }, () -> catalog.find(id).map(r -> r.composedState() + " " + r.composedProgress() + "% "
                                    + r.composedError()).orElse("gone"));
                    assertThat(composed.composedKey()).isEqualTo(composedKey(id));
                    Path composedFile = RecordingChecks.download(store, composed.composedKey(),
                            media.resolve("composed.mp4"));
                    RecordingChecks.Probe p = RecordingChecks.probe(composedFile);
                    assertThat(p.codecNames()).as("codecs of composed.mp4").contains("h264", "aac");
                    double recordingSeconds = Duration.between(composed.startedAt(), composed.endedAt()).toMillis()
                            / 1000.0;
                    assertThat(p.duration()).as("composed.mp4 duration vs the recording's %s s", recordingSeconds)
                            .isCloseTo(recordingSeconds, within(TOLERANCE_S));
                    assertThat(RecordingChecks.decodeErrors(composedFile)).as("ffmpeg decode errors of composed.mp4")
                            .isEmpty();
                });
    }

    /**
     * How long the reception runs: until each track has this much media chained. A minute here (six ≈ 10 s segments a
     * track, the composer following the session through several of them); a subclass that proves something else of
     * the same reception may run a shorter one.
     */
    Duration session() {
        return Duration.ofSeconds(60);
    }

    /** Where the composed review file of recording {@code id} is expected (here: composed where it was recorded). */
    String composedKey(long id) {
        return Recording.composedKey(id);
    }
}
