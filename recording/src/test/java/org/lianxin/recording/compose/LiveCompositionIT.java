package org.lianxin.recording.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.testing.TestMedia;

/**
 * Composing while the session runs: segments handed in one by one, a participant with video
 * joining late (the composition starts over with a tile more), the end leaving only the last
 * stretch to do; checked with ffprobe/ffmpeg like {@link ComposerIT}.
 */
class LiveCompositionIT {

    private static final ComposeSettings SETTINGS = ComposeSettings.defaults();
    private static final int TILE_W = SETTINGS.tileWidth();
    private static final int TILE_H = SETTINGS.tileHeight();

    @TempDir
    static Path media;
    @TempDir
    Path work;

    static List<Path> alice; // 30 s, 3 segments
    static List<Path> bob;   // 20 s, 2 segments

    @BeforeAll
    static void makeTracks() throws Exception {
        alice = ComposeMedia.track(media, "alice", "testsrc2=size=320x240:rate=15", 440, 30);
        bob = ComposeMedia.track(media, "bob", "testsrc2=size=320x180:rate=15", 880, 20);
        assertThat(alice).hasSize(3);
        assertThat(bob).hasSize(2);
    }

    private final Composer composer = new Composer(SETTINGS);
    private final AtomicLong knownUntilUs = new AtomicLong();

    @Test
    void followsTheSegmentsAsTheyCloseStartsOverWhenAVideoJoinsAndFinishesTheRestAtTheEnd() throws Exception {
        Path out = work.resolve("live.mp4");
        LiveComposition c = composer.startLive(out, knownUntilUs::get, "test");
        c.addTrack("a", "alice", Duration.ZERO);
        c.addSegment("a", alice.get(0), Duration.ZERO);
        knownUntilUs.set(10_000_000);

        // it composes alice's first segment, then waits for her next one
        await().atMost(60, TimeUnit.SECONDS).until(() -> c.position().toMillis() >= 9_000);
        // and stays there: not past the media it has
        await().during(1, TimeUnit.SECONDS).atMost(5, TimeUnit.SECONDS)
                .until(() -> c.position().compareTo(Duration.ofSeconds(10)) <= 0);
        assertThat(c.position()).as("not past the media it has").isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(c.result()).isNotDone();

        // bob starts publishing at 10 s (his video has no tile yet), alice's second segment closes
        // (it may have started over once already: if its thread began before alice's track was added)
        int before = c.restarts();
        c.addTrack("b", "bob", Duration.ofSeconds(10));
        c.addSegment("a", alice.get(1), Duration.ZERO);
        c.addSegment("b", bob.get(0), Duration.ofSeconds(10));
        knownUntilUs.set(20_000_000);
        await().atMost(60, TimeUnit.SECONDS).until(() -> c.restarts() == before + 1 && c.position().toMillis() >= 19_000);
        assertThat(c.position()).isLessThanOrEqualTo(Duration.ofSeconds(20));

        // the session ends at 30 s: the last segments close
        c.addSegment("a", alice.get(2), Duration.ZERO);
        c.addSegment("b", bob.get(1), Duration.ofSeconds(10));
        c.endTrack("a");
        c.endTrack("b");
        List<Integer> progress = new CopyOnWriteArrayList<>();
        ComposeResult result = c.finish(Duration.ofSeconds(30), progress::add).get(60, TimeUnit.SECONDS);

        assertThat(result.file()).isEqualTo(out);
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.restarts()).isEqualTo(before + 1);
        assertThat(progress.get(0)).as("it was two thirds done when the end came: %s", progress).isGreaterThanOrEqualTo(60);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(100);
        assertThat(Files.exists(work.resolve("live.mp4.part"))).isFalse();
        assertThat(ComposeMedia.probe(out, "stream=codec_name")).containsExactlyInAnyOrder("h264", "aac");
        assertThat(ComposeMedia.probe(out, "stream=width")).containsExactly(String.valueOf(2 * TILE_W));
        assertThat(Double.parseDouble(ComposeMedia.probe(out, "format=duration").get(0))).isCloseTo(30.0, within(0.5));
        List<String> boxes = ComposeMedia.topLevelBoxes(out);
        assertThat(boxes.indexOf("moov")).as("moov before mdat: %s", boxes).isLessThan(boxes.indexOf("mdat"));
        assertThat(TestMedia.decodeErrors(out)).isEmpty();
        byte[] at5 = ComposeMedia.luma(out, 5);
        assertThat(centreOfTile(at5, 0)).as("alice at 5 s").isGreaterThan(40);
        assertThat(centreOfTile(at5, 1)).as("bob at 5 s, before he joined").isLessThan(24);
        byte[] at25 = ComposeMedia.luma(out, 25);
        assertThat(centreOfTile(at25, 0)).as("alice at 25 s").isGreaterThan(40);
        assertThat(centreOfTile(at25, 1)).as("bob at 25 s").isGreaterThan(40);
        assertThat(ComposeMedia.meanVolume(out, 1, 3)).as("alice's tone").isGreaterThan(-35);
    }

    @Test
    void withoutTracksItDoesNotRunAheadOfWhatIsKnown() throws Exception {
        Path out = work.resolve("ahead.mp4");
        LiveComposition c = composer.startLive(out, knownUntilUs::get, "ahead");
        knownUntilUs.set(3_000_000);
        await().atMost(30, TimeUnit.SECONDS).until(() -> c.position().toMillis() >= 2_900);
        await().during(500, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS)
                .until(() -> c.position().compareTo(Duration.ofSeconds(3)) <= 0);
        assertThat(c.position()).isLessThanOrEqualTo(Duration.ofSeconds(3));

        // a participant who started at 2 s would still be on time: his media start after the position
        c.addTrack("a", "alice", Duration.ofSeconds(4));
        c.addSegment("a", alice.get(0), Duration.ofSeconds(4));
        c.endTrack("a");
        ComposeResult result = c.finish(Duration.ofSeconds(14), null).get(60, TimeUnit.SECONDS);

        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(14));
        assertThat(c.restarts()).as("alice's tile was made when her media came").isEqualTo(1);
        assertThat(ComposeMedia.probe(out, "stream=width")).containsExactly(String.valueOf(TILE_W));
        assertThat(centreOfTile(ComposeMedia.luma(out, 2), 0)).as("before alice").isLessThan(24);
        assertThat(centreOfTile(ComposeMedia.luma(out, 8), 0)).as("alice").isGreaterThan(40);
        assertThat(TestMedia.decodeErrors(out)).isEmpty();
    }

    @Test
    void cancellingStopsItAndLeavesNoFile() throws Exception {
        Path out = work.resolve("cancelled.mp4");
        LiveComposition c = composer.startLive(out, knownUntilUs::get, "cancel");
        c.addTrack("a", "alice", Duration.ZERO);
        c.addSegment("a", alice.get(0), Duration.ZERO);
        knownUntilUs.set(Long.MAX_VALUE);
        await().atMost(30, TimeUnit.SECONDS).until(() -> c.position().toMillis() >= 5_000);

        c.cancel();

        try {
            c.result().get(30, TimeUnit.SECONDS);
            throw new AssertionError("a cancelled composition gave a result");
        } catch (CancellationException | ExecutionException expected) {
            // either: the future was cancelled, or it failed with the cancellation
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> !Files.exists(work.resolve("cancelled.mp4.part")));
        assertThat(Files.exists(out)).isFalse();
    }

    private static double centreOfTile(byte[] luma, int tile) {
        return ComposeMedia.centreOfTile(luma, tile, TILE_W, TILE_H);
    }
}
