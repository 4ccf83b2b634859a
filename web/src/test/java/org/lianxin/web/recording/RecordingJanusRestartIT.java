package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * The media server (Janus) restarts in the middle of a recorded reception: every peer connection and forwarder is
 * gone. The pages come back by themselves — both say connected, each has a new publisher and a new subscriber
 * connection, and plays the other's video again — and the recording goes on in the same recording: its manifest has
 * the tracks of series 0 (before) and of series 1 (after) for both participants, a gap for the lost media server,
 * and the verifier finds nothing wrong. Storage: the local folder.
 */
class RecordingJanusRestartIT extends InProcessRecordingIT {
    /** Media of each track chained before the restart, and of each new track after it: a segment (about 10 s). */
    private static final Duration BEFORE_RESTART = Duration.ofSeconds(5);
    private static final Duration AFTER_RECOVERY = Duration.ofSeconds(5);

    @BeforeAll
    static void start() {
        env = RecordingTestEnv.start("janus-restart", false);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        RecordingTestEnv.register(r, () -> env, false, false);
    }

    @Test
    void afterAMediaServerRestartThePagesComeBackAndTheSameRecordingGetsASecondSeriesAndAGap() {
        RecordedSessionDriver session = RecordedSessionDriver.open("http://localhost:" + port, env.password,
                "janus-restart");
        Instant restartedAt;
        Instant backAt;
        try (session) {
            try {
                session.hostAndCheckIn();
                session.admit();
                long recording = catalog.ofBooking(session.bookingId()).get(0).id();
                // series 0: both tracks have a segment chained
                RecordingChecks.awaitChainedMedia(catalog, recording, 2, BEFORE_RESTART, Duration.ofSeconds(90));
                session.markPeerConnections();

                restartedAt = Instant.now();
                env.janus.restartJanus();
                session.awaitMediaBackOnBothPages();
                backAt = Instant.now();

                // series 1: both new tracks have a segment chained too (four tracks in all)
                RecordingChecks.awaitChainedMedia(catalog, recording, 4, AFTER_RECOVERY, Duration.ofSeconds(90));
                session.assertStillLive();
                session.end();
            } catch (RuntimeException | AssertionError e) {
                session.screenshots("failure", e);
                throw e;
            }
        }

        List<Recording> ofBooking = catalog.ofBooking(session.bookingId());
        assertThat(ofBooking).as("one recording for the booking, across the media server restart").hasSize(1);
        long id = ofBooking.get(0).id();
        Recording done = RecordingChecks.await("recording " + id + " COMPLETED", Duration.ofSeconds(60),
                () -> catalog.find(id).filter(r -> r.status() == Recording.Status.COMPLETED).orElse(null),
                () -> catalog.find(id).map(Recording::toString).orElse("gone"));
        RecordingChecks.await("the manifest of recording " + id + " stored", Duration.ofSeconds(60),
                () -> store.stat(Manifest.key(id)).isPresent());
        Manifest m = RecordingChecks.manifest(store, id);
        assertAll("recording " + id + " across a media server restart",
                () -> RecordingChecks.assertVerified(store, id),
                () -> assertThat(done.series()).as("the recording's series after one media server restart")
                        .isEqualTo(1),
                () -> RecordingChecks.assertContiguous(store, m),
                () -> {
                    Map<Integer, List<String>> participantsBySeries = m.tracks().stream().collect(
                            Collectors.groupingBy(Manifest.Track::series,
                                    Collectors.mapping(Manifest.Track::participantId, Collectors.toList())));
                    assertThat(participantsBySeries.keySet()).as("series of the tracks " + m.tracks())
                            .containsExactlyInAnyOrder(0, 1);
                    assertThat(participantsBySeries.get(0)).as("participants recorded in series 0").hasSize(2);
                    assertThat(participantsBySeries.get(1)).as("participants recorded in series 1")
                            .containsExactlyInAnyOrderElementsOf(participantsBySeries.get(0));
                },
                () -> assertAll("tracks", m.tracks().stream().map(t -> (Executable) () -> {
                    assertThat(t.trackId()).as("track id of series " + t.series()).startsWith("s" + t.series() + "-");
                    RecordingChecks.TrackMedia tm = RecordingChecks.trackMedia(store, m, t.trackId(),
                            env.work.resolve("media"));
                    assertAll(t.trackId(),
                            () -> assertThat(tm.concatenated().codecTypes()).as(tm.describe())
                                    .contains("audio", "video"),
                            () -> RecordingChecks.assertClean(tm));
                })),
                () -> {
                    // a gap for the lost media server, around the restart
                    assertThat(m.gaps()).as("gaps in the manifest vs the catalog").isEqualTo(catalog.gaps(id));
                    List<Manifest.Gap> mediaGaps = m.gaps().stream().filter(g -> g.reason() != null
                            && g.reason().toLowerCase().matches(".*media.*(lost|server|node).*")).toList();
                    assertThat(mediaGaps).as("gaps with a media-server-lost reason: " + m.gaps()).hasSize(1);
                    Manifest.Gap gap = mediaGaps.get(0);
                    assertThat(gap.from()).as("gap start vs the restart at " + restartedAt + " and the pages back at "
                            + backAt).isBetween(restartedAt.minusSeconds(2), backAt);
                    assertThat(gap.to()).as("gap end vs the pages playing again at " + backAt).isAfter(gap.from())
                            .isBefore(backAt.plusSeconds(2));
                });
    }
}
