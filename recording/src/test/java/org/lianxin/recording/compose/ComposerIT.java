package org.lianxin.recording.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.testing.TestMedia;

/** Composes tracks made by Debian's ffmpeg and checks the result with ffprobe/ffmpeg. */
class ComposerIT {

    private static final ComposeSettings SETTINGS = ComposeSettings.defaults();
    private static final int TILE_W = SETTINGS.tileWidth();
    private static final int TILE_H = SETTINGS.tileHeight();

    @TempDir
    static Path media;
    @TempDir
    Path work;

    // small pictures at 15 fps keep making them cheap on a shared machine; the composer scales anyway
    static List<Path> alice; // 30 s, 4:3 test pattern + 440 Hz
    static List<Path> bob;   // 20 s, 16:9 test pattern + 880 Hz
    static List<Path> carol; // 10 s, 660 Hz only

    @BeforeAll
    static void makeTracks() throws Exception {
        alice = ComposeMedia.track(media, "alice", "testsrc2=size=320x240:rate=15", 440, 30);
        bob = ComposeMedia.track(media, "bob", "testsrc2=size=320x180:rate=15", 880, 20);
        carol = ComposeMedia.track(media, "carol", null, 660, 10);
        assertThat(alice).hasSize(3);
        assertThat(bob).hasSize(2);
        assertThat(carol).isNotEmpty(); // audio-only: the segmenter may add a last sliver
    }

    private final Composer composer = new Composer(SETTINGS);

    @Test
    void twoTracksBecomeOneFaststartH264AacFileWithTheLateJoinerBlackUntilHeJoined() throws Exception {
        Path out = work.resolve("review.mp4");
        List<Integer> progress = new CopyOnWriteArrayList<>();

        ComposeResult result = composer.compose(List.of(
                new ComposeInput("alice", alice, Duration.ZERO),
                new ComposeInput("bob", bob, Duration.ofSeconds(10))), Duration.ofSeconds(30), out, progress::add);

        assertThat(result.file()).isEqualTo(out);
        assertThat(result.bytes()).isEqualTo(Files.size(out)).isGreaterThan(100_000);
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Files.exists(work.resolve("review.mp4.part"))).isFalse();
        assertThat(ComposeMedia.probe(out, "stream=codec_name")).containsExactlyInAnyOrder("h264", "aac");
        assertThat(ComposeMedia.probe(out, "stream=width")).containsExactly(String.valueOf(2 * TILE_W));
        assertThat(Double.parseDouble(ComposeMedia.probe(out, "format=duration").get(0))).isCloseTo(30.0, within(0.5));
        List<String> boxes = ComposeMedia.topLevelBoxes(out);
        assertThat(boxes).contains("moov", "mdat");
        assertThat(boxes.indexOf("moov")).as("moov before mdat: %s", boxes).isLessThan(boxes.indexOf("mdat"));
        assertThat(TestMedia.decodeErrors(out)).isEmpty();

        byte[] at5 = ComposeMedia.luma(out, 5);
        assertThat(centreOfTile(at5, 0)).as("alice at 5 s").isGreaterThan(40);
        assertThat(centreOfTile(at5, 1)).as("bob at 5 s, before he joined").isLessThan(24);
        byte[] at15 = ComposeMedia.luma(out, 15);
        assertThat(centreOfTile(at15, 1)).as("bob at 15 s").isGreaterThan(40);

        assertThat(progress.get(0)).isZero();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(100);
        assertThat(progress).hasSizeLessThanOrEqualTo(101).hasSizeGreaterThan(20);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)).as("progress %s", progress).isGreaterThan(progress.get(i - 1));
        }
    }

    @Test
    void anAudioOnlyTrackIsMixedInAtItsOffsetUnderABlackTile() throws Exception {
        Path out = work.resolve("audio.mp4");

        composer.compose(List.of(new ComposeInput("carol", carol, Duration.ofSeconds(3))), Duration.ofSeconds(10),
                out, null);

        assertThat(ComposeMedia.probe(out, "stream=codec_name")).containsExactlyInAnyOrder("h264", "aac");
        assertThat(ComposeMedia.probe(out, "stream=width")).containsExactly(String.valueOf(TILE_W));
        assertThat(Double.parseDouble(ComposeMedia.probe(out, "format=duration").get(0))).isCloseTo(10.0, within(0.5));
        assertThat(ComposeMedia.meanVolume(out, 0.5, 2)).as("before carol's offset").isLessThan(-60);
        assertThat(ComposeMedia.meanVolume(out, 4, 4)).as("while carol speaks").isGreaterThan(-35);
        assertThat(centreOfTile(ComposeMedia.luma(out, 5), 0)).isLessThan(24);
        assertThat(TestMedia.decodeErrors(out)).isEmpty();
    }

    @Test
    void tracksWithTheSameLabelShareOneTileAndItIsBlackBetweenThem() throws Exception {
        Path out = work.resolve("restart.mp4");

        composer.compose(List.of(
                new ComposeInput("alice", alice.subList(0, 1), Duration.ZERO),
                new ComposeInput("bob", bob, Duration.ZERO),
                new ComposeInput("alice", alice.subList(1, 3), Duration.ofSeconds(15))), Duration.ofSeconds(25),
                out, null);

        assertThat(ComposeMedia.probe(out, "stream=width")).containsExactly(String.valueOf(2 * TILE_W));
        assertThat(centreOfTile(ComposeMedia.luma(out, 5), 0)).as("alice's first track").isGreaterThan(40);
        assertThat(centreOfTile(ComposeMedia.luma(out, 12.5), 0)).as("between alice's tracks").isLessThan(24);
        assertThat(centreOfTile(ComposeMedia.luma(out, 12.5), 1)).as("bob").isGreaterThan(40);
        assertThat(centreOfTile(ComposeMedia.luma(out, 17), 0)).as("alice's second track").isGreaterThan(40);
        assertThat(centreOfTile(ComposeMedia.luma(out, 22), 1)).as("bob after his track ended").isLessThan(24);
        assertThat(TestMedia.decodeErrors(out)).isEmpty();
    }

    @Test
    void segmentsWhoseTimestampsRestartAtZeroArePlayedOneAfterTheOther() throws Exception {
        List<Path> restarted = new ArrayList<>();
        for (Path segment : alice) { // a plain remux starts every segment at 0
            Path copy = work.resolve("restarted-" + segment.getFileName());
            ComposeMedia.ok(List.of("ffmpeg", "-v", "error", "-i", segment.toString(), "-c", "copy", copy.toString()));
            restarted.add(copy);
        }
        assertThat(Double.parseDouble(ComposeMedia.probe(restarted.get(2), "format=start_time").get(0))).isLessThan(1);
        Path out = work.resolve("restarted.mp4");

        composer.compose(List.of(new ComposeInput("alice", restarted, Duration.ofSeconds(2))), Duration.ofSeconds(30),
                out, null);

        assertThat(centreOfTile(ComposeMedia.luma(out, 1), 0)).as("before the offset").isLessThan(24);
        assertThat(centreOfTile(ComposeMedia.luma(out, 27), 0)).as("third segment").isGreaterThan(40);
        assertThat(ComposeMedia.meanVolume(out, 25, 3)).as("third segment's audio").isGreaterThan(-35);
        assertThat(TestMedia.decodeErrors(out)).isEmpty();
    }

    @Test
    void aMissingSegmentIsReportedBeforeAnythingIsWritten() {
        Path out = work.resolve("missing.mp4");
        Path gone = media.resolve("nobody-000.mkv");
        List<Path> segments = new ArrayList<>(alice);
        segments.add(1, gone);

        assertThatThrownBy(() -> composer.compose(List.of(new ComposeInput("alice", segments, Duration.ZERO)),
                Duration.ofSeconds(30), out, null))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("alice").hasMessageContaining(gone.toString());
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(work.resolve("missing.mp4.part"))).isFalse();
    }

    @Test
    void anOutputDirectoryThatDoesNotExistIsReportedAsSuch() {
        Path out = work.resolve("no-such-dir").resolve("review.mp4");

        assertThatThrownBy(() -> composer.compose(List.of(new ComposeInput("alice", alice, Duration.ZERO)),
                Duration.ofSeconds(30), out, null))
                .isInstanceOf(ComposeException.class).hasMessageContaining("directory does not exist");
    }

    @Test
    void aCorruptSegmentFailsClearlyAndLeavesNoFile() throws Exception {
        Path out = work.resolve("corrupt.mp4");
        Path bad = work.resolve("alice-bad.mkv");
        Files.writeString(bad, "this is not a Matroska file\n".repeat(2000), StandardCharsets.US_ASCII);
        List<Integer> progress = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> composer.compose(List.of(
                new ComposeInput("bob", bob, Duration.ZERO),
                new ComposeInput("alice", List.of(alice.get(0), bad, alice.get(2)), Duration.ZERO)),
                Duration.ofSeconds(30), out, progress::add))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("alice").hasMessageContaining("segment 2 of 3").hasMessageContaining(bad.toString());
        assertThat(progress).as("it failed after starting, at 10 s").isNotEmpty();
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(work.resolve("corrupt.mp4.part"))).isFalse();
    }

    @Test
    void interruptingTheThreadCancelsAndLeavesNoFile() {
        Path out = work.resolve("cancelled.mp4");
        try {
            assertThatThrownBy(() -> composer.compose(List.of(new ComposeInput("alice", alice, Duration.ZERO)),
                    Duration.ofSeconds(30), out, p -> {
                        if (p == 30) {
                            Thread.currentThread().interrupt();
                        }
                    })).isInstanceOf(CancellationException.class);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt stays set for the caller").isTrue();
        }
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(work.resolve("cancelled.mp4.part"))).isFalse();
    }

    private static double centreOfTile(byte[] luma, int tile) {
        return ComposeMedia.centreOfTile(luma, tile, TILE_W, TILE_H);
    }
}
