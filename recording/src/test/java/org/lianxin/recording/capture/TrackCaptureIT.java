package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.testing.RtpCapture;
import org.lianxin.recording.testing.RtpReplayer;
import org.lianxin.recording.testing.RtpSender;
import org.lianxin.recording.testing.TestMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real RTP (Debian's ffmpeg sending a VP8/Opus file at real-time pace, or the Java replayer) into a
 * {@link TrackCapture} on loopback; the segments are checked with Debian's ffprobe/ffmpeg CLIs.
 */
class TrackCaptureIT {

    private static final Logger log = LoggerFactory.getLogger(TrackCaptureIT.class);
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path spool;

    private final List<ClosedSegment> segments = new CopyOnWriteArrayList<>();
    private final List<Long> keyframeRequestsAt = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private long startNanos;
    private volatile long openedNanos;

    @BeforeEach
    void media() {
        TestMedia.assumeAvailable();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            closeLater.get(i).close();
        }
    }

    private TrackCapture open(String trackId, CaptureSettings settings) throws IOException {
        startNanos = System.nanoTime();
        TrackCapture capture = TrackCapture.open(TrackSpec.of(trackId, spool, HOST), settings,
                () -> keyframeRequestsAt.add((System.nanoTime() - openedNanos) / 1_000_000), segments::add);
        openedNanos = System.nanoTime(); // keyframe requests are timed from here (the first open loads FFmpeg)
        closeLater.add(capture::abort);
        log.info("{}: open took {} ms", trackId, (System.nanoTime() - startNanos) / 1_000_000);
        return capture;
    }

    @Test
    void twentyEightSecondsOfRtpBecomeThreeKeyframeAlignedSegmentsThatDecodeAndJoinSeamlessly() throws Exception {
        Path media = TestMedia.webm(Duration.ofSeconds(28), 300); // keyframes at 0, 10, 20 s
        TrackCapture capture = open("main", CaptureSettings.defaults());
        long cpuBefore = processCpuNanos();
        long threadCpu = 0;
        try (RtpSender sender = RtpSender.start(media, HOST, capture.audioPort(), capture.videoPort())) {
            closeLater.add(sender);
            assertThat(sender.awaitEnd(Duration.ofSeconds(60))).as("sender: %s", sender.output()).isTrue();
        }
        awaitQuiet(capture); // every packet sent has been read
        threadCpu = captureThreadCpuNanos("capture-main");
        long closeStart = System.nanoTime();
        capture.close();
        long closeMs = (System.nanoTime() - closeStart) / 1_000_000;
        log.info("main: close took {} ms, capture thread CPU {} ms, process CPU during capture {} ms, stats {}",
                closeMs, threadCpu / 1_000_000, (processCpuNanos() - cpuBefore) / 1_000_000, capture.stats());

        assertThat(segments).hasSize(3);
        assertThat(segments).extracting(ClosedSegment::index).containsExactly(0, 1, 2);
        assertThat(segments).extracting(ClosedSegment::last).containsExactly(false, false, true);
        assertThat(segments).allMatch(ClosedSegment::startsOnKeyframe);
        long total = 0;
        double fileSeconds = 0;
        for (ClosedSegment s : segments) {
            log.info("segment {}: {} bytes, {} ms from {} ms, {} audio / {} video packets, file {} s", s.index(),
                    s.bytes(), s.durationMs(), s.firstPtsMs(), s.audioPackets(), s.videoPackets(),
                    duration(s.file()));
            assertSegmentIsComplete(s);
            assertTimestampsIncrease(s.file());
            fileSeconds += duration(s.file());
            assertThat(TestMedia.streams(s.file())).containsExactly("opus,audio", "vp8,video");
            assertThat(firstVideoPacketIsKeyframe(s.file())).as("first video packet of %s", s.file()).isTrue();
            total += s.durationMs();
        }
        assertThat(segments.get(0).durationMs()).isBetween(9_000L, 10_500L);
        assertThat(segments.get(1).durationMs()).isBetween(9_000L, 10_500L);
        // the time covered is the time sent (28 s), within what the start and the end of the stream can lose
        assertThat(total).isBetween(27_500L, 28_500L);
        // continuous: each segment starts where the previous ended
        for (int i = 1; i < segments.size(); i++) {
            ClosedSegment prev = segments.get(i - 1);
            long gap = segments.get(i).firstPtsMs() - (prev.firstPtsMs() + prev.durationMs());
            assertThat(gap).as("gap before segment %d", i).isZero();
            assertThat(startTime(segments.get(i).file())).as("every file starts at 0").isLessThan(0.05);
            // the file of a segment ends where the next begins: at most its last audio packet (20 ms) beyond
            assertThat(duration(prev.file()) * 1000).as("file duration of segment %d", i - 1)
                    .isBetween(prev.durationMs() - 40.0, prev.durationMs() + 25.0);
        }
        assertThat(fileSeconds).as("sum of the files' durations").isBetween(27.5, 28.5);
        // 28 s sent: the concatenation lasts that long (it came out 100-150 ms longer per boundary when the audio
        // that arrived before a keyframe's last packet was written to the segment that the keyframe ends)
        assertConcatenationPlays(segments, 27.5, 28.5);
        // keyframes asked from 1 s before each boundary (about 9 s and 19 s after the start), every second
        assertThat(keyframeRequestsAt).anyMatch(t -> t > 8_500 && t < 10_500);
        assertThat(keyframeRequestsAt).anyMatch(t -> t > 18_500 && t < 20_500);
        assertThat(keyframeRequestsAt).noneMatch(t -> t > 2_000 && t < 8_500);
        assertThat(capture.stats().segmentsClosed()).isEqualTo(3);
        assertThat(capture.stats().keyframeRequests()).isEqualTo(keyframeRequestsAt.size());
        assertThat(closeMs).isLessThan(2000);
        assertThat(capture.isRunning()).isFalse();
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("main-000000.mkv", "main-000001.mkv", "main-000002.mkv");
        }
    }

    @Test
    void closingMidStreamDeliversTheOpenSegmentAsTheLastOne() throws Exception {
        Path media = TestMedia.webm(Duration.ofSeconds(28), 300);
        open("warmup", CaptureSettings.defaults()).close(); // natives loaded: measure a start without that
        TrackCapture capture = open("mid", CaptureSettings.defaults());
        long openMs = (System.nanoTime() - startNanos) / 1_000_000;
        try (RtpSender sender = RtpSender.start(media, HOST, capture.audioPort(), capture.videoPort())) {
            closeLater.add(sender);
            awaitPackets(capture); // ffmpeg needs a moment to start on a busy machine
            awaitAudioPackets(capture, 225); // 4.5 s of media
            long t0 = System.nanoTime();
            capture.close();
            long closeMs = (System.nanoTime() - t0) / 1_000_000;
            log.info("mid: open {} ms, close while media flows {} ms", openMs, closeMs);
            assertThat(closeMs).isLessThan(2000);
        }
        assertThat(segments).hasSize(1);
        ClosedSegment s = segments.get(0);
        assertThat(s.last()).isTrue();
        assertThat(s.index()).isZero();
        assertThat(s.startsOnKeyframe()).isTrue();
        assertThat(s.durationMs()).isBetween(4_000L, 5_000L);
        assertSegmentIsComplete(s);
        assertThat(TestMedia.streams(s.file())).containsExactly("opus,audio", "vp8,video");
        assertThat(openMs).isLessThan(1000);
    }

    @Test
    void abortLeavesThePartFileAndDeliversNothingMore() throws Exception {
        Path media = TestMedia.webm(Duration.ofSeconds(12), 30); // a keyframe every second
        CaptureSettings settings = CaptureSettings.defaults().withSegmentLength(Duration.ofSeconds(3),
                Duration.ofSeconds(6));
        TrackCapture capture = open("crash", settings);
        try (RtpSender sender = RtpSender.start(media, HOST, capture.audioPort(), capture.videoPort())) {
            closeLater.add(sender);
            // cuts at about 2 and 4 s: 5.5 s of media is 1.5 s into the third segment
            awaitAudioPackets(capture, 275);
            long t0 = System.nanoTime();
            capture.abort();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
            int delivered = segments.size();
            // its thread (the only one that delivers) has stopped: nothing more can come
            assertThat(capture.isRunning()).isFalse();
            assertThat(segments).hasSize(delivered);
        }
        assertThat(segments).isNotEmpty().noneMatch(ClosedSegment::last);
        for (ClosedSegment s : segments) {
            assertSegmentIsComplete(s);
        }
        Path part = spool.resolve(String.format("crash-%06d.mkv.part", segments.size()));
        assertThat(part).exists();
        assertThat(Files.size(part)).isPositive();
        assertThat(spool.resolve(String.format("crash-%06d.mkv", segments.size()))).doesNotExist();
        // what a crash leaves is still readable up to its last write
        assertThat(TestMedia.streams(part)).contains("opus,audio", "vp8,video");
        assertThat(capture.isRunning()).isFalse();
    }

    @Test
    void anAbortMidSegmentLeavesTheMediaUpToAboutASecondBeforeItOnDisk() throws Exception {
        // the design: 1 s Matroska clusters, each on disk once complete, so a crash loses about the last second
        RtpCapture rtp = RtpCapture.of(TestMedia.webm(Duration.ofSeconds(10), 60));
        CaptureSettings settings = CaptureSettings.defaults().withSegmentLength(Duration.ofSeconds(20),
                Duration.ofSeconds(40)); // the abort comes well inside segment 0
        TrackCapture capture = open("cut", settings);
        long audioPackets;
        try (RtpReplayer replayer = RtpReplayer.start(rtp, List.of(new RtpReplayer.Target(HOST,
                capture.audioPort(), capture.videoPort())), RtpReplayer.Options.looping())) {
            closeLater.add(replayer);
            // 5.6 s of media received (Opus packets of 20 ms)
            awaitAudioPackets(capture, 280);
            capture.abort();
            audioPackets = capture.stats().audioPackets();
        }
        assertThat(segments).as("nothing delivered: segment 0 was open").isEmpty();
        Path part = spool.resolve("cut-000000.mkv.part");
        assertThat(part).exists();
        double received = audioPackets * 0.020;
        double onDisk = lastPacketSeconds(part);
        log.info("cut: {} s received before the abort, {} s of media in the .part ({} bytes)", received, onDisk,
                Files.size(part));
        assertThat(onDisk).as("media in %s vs %s s received before the abort", part, received)
                .isGreaterThanOrEqualTo(received - 1.5);
        assertThat(TestMedia.streams(part)).contains("opus,audio", "vp8,video");
    }

    @Test
    void anAudioOnlyPublisherIsCutOnTime() throws Exception {
        Path media = TestMedia.webm(Duration.ofSeconds(12), 30);
        CaptureSettings settings = CaptureSettings.defaults().withSegmentLength(Duration.ofSeconds(3),
                Duration.ofSeconds(6));
        TrackCapture capture = open("voice", settings);
        try (RtpSender sender = RtpSender.audioOnly(media, HOST, capture.audioPort())) {
            closeLater.add(sender);
            awaitAudioPackets(capture, 475); // 9.5 s of audio
            capture.close();
        }
        assertThat(segments.size()).isBetween(3, 4);
        assertThat(segments.get(segments.size() - 1).last()).isTrue();
        for (ClosedSegment s : segments) {
            assertSegmentIsComplete(s);
            assertThat(TestMedia.streams(s.file())).containsExactly("opus,audio");
            assertThat(s.videoPackets()).isZero();
            assertThat(s.startsOnKeyframe()).isFalse();
        }
        assertThat(segments.get(1).durationMs()).isBetween(2_900L, 3_100L);
        assertThat(keyframeRequestsAt).as("a few while segment 0 waits, then one or two before each cut")
                .hasSizeLessThanOrEqualTo(3 + 2 * segments.size());
        double seconds = segments.stream().mapToLong(ClosedSegment::durationMs).sum() / 1000.0;
        assertThat(seconds).as("audio recorded (the sender needs a moment to start)").isBetween(7.0, 10.6);
        assertConcatenationPlays(segments, seconds - 0.2, seconds + 0.5);
    }

    @Test
    void whenTheMediaStopsCloseStillReturnsQuicklyWithTheLastSegment() throws Exception {
        Path media = TestMedia.webm(Duration.ofSeconds(28), 300);
        TrackCapture capture = open("gone", CaptureSettings.defaults());
        try (RtpSender sender = RtpSender.start(media, HOST, capture.audioPort(), capture.videoPort())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> capture.stats().videoPackets() >= 60);
        } // the forwarder is gone
        org.awaitility.Awaitility.await("no packet for 2.6 s").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> Duration.between(capture.stats().lastPacketAt(),
                        java.time.Instant.now()).toMillis() > 2_600);
        long lastPacketAgeMs = Duration.between(capture.stats().lastPacketAt(), java.time.Instant.now()).toMillis();
        assertThat(lastPacketAgeMs).isGreaterThan(2500);
        long t0 = System.nanoTime();
        capture.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).last()).isTrue();
        assertSegmentIsComplete(segments.get(0));
    }

    @Test
    void aCaptureThatStoppedOnItsOwnCanStillBeClosedAndAborted() throws Exception {
        RtpCapture rtp = RtpCapture.of(TestMedia.webm(Duration.ofSeconds(6), 60));
        Path dir = Files.createDirectories(spool.resolve("vanishing"));
        TrackCapture capture = TrackCapture.open(TrackSpec.of("vanish", dir, HOST), CaptureSettings.defaults(),
                () -> { }, segments::add);
        closeLater.add(capture::abort);
        // the spool folder goes away: the first segment cannot be created, and the capture thread ends by itself
        Files.delete(dir.resolve("vanish.sdp"));
        Files.delete(dir);
        try (RtpReplayer replayer = RtpReplayer.start(rtp, List.of(new RtpReplayer.Target(HOST,
                capture.audioPort(), capture.videoPort())), RtpReplayer.Options.looping())) {
            closeLater.add(replayer);
            org.awaitility.Awaitility.await("the capture stops").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> !capture.isRunning());
        }
        assertThat(segments).isEmpty();
        org.assertj.core.api.Assertions.assertThatCode(capture::close).as("close").doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThatCode(capture::abort).as("abort").doesNotThrowAnyException();
    }

    @Test
    void videoBeforeTheFirstKeyframeIsDroppedButAudioIsKept() throws Exception {
        RtpCapture rtp = RtpCapture.of(TestMedia.webm(Duration.ofSeconds(6), 60)); // keyframes at 0, 2, 4 s
        TrackCapture capture = open("late", CaptureSettings.defaults());
        try (RtpReplayer replayer = RtpReplayer.start(rtp, List.of(new RtpReplayer.Target(HOST,
                capture.audioPort(), capture.videoPort())), RtpReplayer.Options.once().startingAt(
                Duration.ofMillis(700)))) {
            closeLater.add(replayer);
            assertThat(replayer.awaitFinished(Duration.ofSeconds(15))).isTrue();
        }
        awaitQuiet(capture);
        capture.close();
        assertThat(segments).hasSize(1);
        ClosedSegment s = segments.get(0);
        assertSegmentIsComplete(s);
        assertThat(TestMedia.streams(s.file())).containsExactly("opus,audio", "vp8,video");
        assertThat(firstVideoPacketIsKeyframe(s.file())).isTrue();
        assertThat(s.startsOnKeyframe()).isTrue();
        // video from 0.7 s to 2 s dropped (about 39 frames), audio from 0.7 s kept (about 265 packets)
        assertThat(s.videoPackets()).isBetween(110L, 125L);
        assertThat(s.audioPackets()).isBetween(255L, 270L);
        assertThat(s.durationMs()).isBetween(5_000L, 5_500L);
        assertThat(keyframeRequestsAt).as("asked for a keyframe as soon as video without one came").isNotEmpty();
        assertThat(keyframeRequestsAt.get(0)).isLessThan(1000);
    }

    @Test
    void aSilenceLongerThanFfmpegsTenSecondReadTimeoutDoesNotEndTheCapture() throws Exception {
        // a county link down for 12 s while the session goes on (ICE restarts, the same feed and forwarder after)
        RtpCapture rtp = RtpCapture.of(TestMedia.webm(Duration.ofSeconds(6), 60));
        TrackCapture capture = open("silence", CaptureSettings.defaults());
        try (RtpReplayer replayer = RtpReplayer.start(rtp, List.of(new RtpReplayer.Target(HOST,
                capture.audioPort(), capture.videoPort())), RtpReplayer.Options.looping())) {
            closeLater.add(replayer);
            awaitAudioPackets(capture, 100);
            replayer.setLinkDown(true);
            org.awaitility.Awaitility.await("12 s without a packet").atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(100)).until(() -> Duration.between(capture.stats().lastPacketAt(),
                            java.time.Instant.now()).toMillis() > 12_000);
            assertThat(capture.isRunning()).as("still capturing after 12 s of silence").isTrue();
            long before = capture.stats().audioPackets();
            replayer.setLinkDown(false);
            awaitAudioPackets(capture, before + 150);
        }
        capture.close();
        for (ClosedSegment s : segments) {
            log.info("silence: segment {} from {} ms, {} ms, {} audio / {} video packets", s.index(), s.firstPtsMs(),
                    s.durationMs(), s.audioPackets(), s.videoPackets());
            assertSegmentIsComplete(s);
        }
        assertThat(segments.get(segments.size() - 1).last()).isTrue();
        assertThat(segments.stream().mapToLong(ClosedSegment::audioPackets).sum())
                .as("the audio after the silence is recorded too").isGreaterThanOrEqualTo(250);
    }

    @Test
    void mutedVideoForcesACutAtTheMaximumAndVideoComesBackOnAKeyframe() throws Exception {
        RtpCapture rtp = RtpCapture.of(TestMedia.webm(Duration.ofSeconds(6), 60));
        CaptureSettings settings = CaptureSettings.defaults().withSegmentLength(Duration.ofSeconds(3),
                Duration.ofSeconds(5));
        TrackCapture capture = open("muted", settings);
        try (RtpReplayer replayer = RtpReplayer.start(rtp, List.of(new RtpReplayer.Target(HOST,
                capture.audioPort(), capture.videoPort())), RtpReplayer.Options.looping())) {
            closeLater.add(replayer);
            // media time from the audio, which goes on while the video is muted (Opus packets of 20 ms)
            awaitAudioPackets(capture, 75);
            replayer.setVideoMuted(true); // from 1.5 s to 8.5 s: no keyframe can come at 2-3 s
            awaitAudioPackets(capture, 425);
            replayer.setVideoMuted(false);
            awaitAudioPackets(capture, 625);
        }
        capture.close();
        for (ClosedSegment s : segments) {
            log.info("muted: segment {} from {} ms, {} ms, {} video packets, keyframe start {}", s.index(),
                    s.firstPtsMs(), s.durationMs(), s.videoPackets(), s.startsOnKeyframe());
            assertSegmentIsComplete(s);
        }
        ClosedSegment first = segments.get(0);
        assertThat(first.durationMs()).as("forced cut at the maximum").isBetween(4_900L, 5_100L);
        assertThat(segments.get(1).startsOnKeyframe()).isFalse();
        assertThat(segments.get(1).firstPtsMs()).isBetween(4_900L, 5_100L);
        assertThat(segments).filteredOn(s -> s.index() > 1).anyMatch(ClosedSegment::startsOnKeyframe);
        assertThat(segments.subList(1, segments.size()).stream().mapToLong(ClosedSegment::videoPackets).sum())
                .as("video after the unmute").isGreaterThan(60);
        assertConcatenationPlays(segments, 12.0, 14.5);
    }

    @Test
    void capturesNeverShareAPortAndSkipPortsTakenByOthers() throws Exception {
        CaptureSettings settings = CaptureSettings.defaults().withPorts(47000, 47015);
        try (java.net.DatagramSocket squatter = new java.net.DatagramSocket(new java.net.InetSocketAddress(HOST,
                47001))) {
            TrackCapture a = open("ports-a", settings);
            TrackCapture b = open("ports-b", settings);
            TrackCapture c = open("ports-c", settings);
            List<Integer> ports = List.of(a.audioPort(), a.videoPort(), b.audioPort(), b.videoPort(), c.audioPort(),
                    c.videoPort());
            assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p >= 47004 && p <= 47014);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> open("ports-d", settings))
                    .isInstanceOf(IOException.class).hasMessageContaining("no free block");
            b.close();
            TrackCapture d = open("ports-d", settings);
            assertThat(d.audioPort()).isEqualTo(b.audioPort());
            a.close();
            c.close();
            d.close();
        }
    }

    @Test
    void framesLessThanAMillisecondApartAtTheStartOfSegmentsGetIncreasingTimestamps() throws Exception {
        RtpCapture rtp = RtpCapture.of(TestMedia.webm(Duration.ofSeconds(6), 60)); // keyframes at 0, 2, 4 s
        CaptureSettings settings = CaptureSettings.defaults().withSegmentLength(Duration.ofSeconds(3),
                Duration.ofSeconds(6)); // segments start on the keyframes at 2 and 4 s
        TrackCapture capture = open("close", settings);
        // from 0.7 s (mid-GOP: inter frames before the first keyframe); the frame after each keyframe gets a
        // timestamp 45 ticks (0.5 ms) after the keyframe's: both truncate to the same millisecond
        List<RtpCapture.Packet> packets = rtp.packets();
        long skip = 700_000_000L;
        java.util.Map<Long, Long> retime = new java.util.HashMap<>();
        for (int i = 0; i < packets.size(); i++) {
            RtpCapture.Packet p = packets.get(i);
            if (p.atNanos() >= skip && p.startsKeyframe()) {
                for (int j = i + 1; j < packets.size(); j++) {
                    RtpCapture.Packet q = packets.get(j);
                    if (q.video() && q.timestamp() != p.timestamp()) {
                        retime.put(q.timestamp(), (p.timestamp() + 45) & 0xFFFFFFFFL);
                        break;
                    }
                }
            }
        }
        assertThat(retime).hasSize(2);
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            java.net.InetAddress host = java.net.InetAddress.getByName(HOST);
            long start = System.nanoTime() - skip;
            for (RtpCapture.Packet p : packets) {
                if (p.atNanos() < skip) {
                    continue;
                }
                byte[] b = p.rtp().clone();
                Long ts = p.video() ? retime.get(p.timestamp()) : null;
                if (ts != null) {
                    java.nio.ByteBuffer.wrap(b).putInt(4, (int) (long) ts);
                }
                for (long wait; (wait = start + p.atNanos() - System.nanoTime()) > 0; ) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                socket.send(new java.net.DatagramPacket(b, b.length, host,
                        p.video() ? capture.videoPort() : capture.audioPort()));
            }
        }
        awaitQuiet(capture); // every packet sent has been read (the held audio is written at the close)
        capture.close();
        for (ClosedSegment s : segments) {
            log.info("close: segment {} from {} ms, {} ms, {} audio / {} video packets, file {} s", s.index(),
                    s.firstPtsMs(), s.durationMs(), s.audioPackets(), s.videoPackets(), duration(s.file()));
            // decoded keeping each frame's own time (TestMedia.decodeErrors): the two frames are 1 ms apart
            assertThat(TestMedia.decodeErrors(s.file())).as("decoding %s", s.file()).isEmpty();
            assertThat(firstVideoPacketIsKeyframe(s.file())).isTrue();
            assertTimestampsIncrease(s.file());
        }
        assertThat(segments).hasSize(2);
        assertThat(segments.get(1).firstPtsMs()).isEqualTo(segments.get(0).firstPtsMs()
                + segments.get(0).durationMs());
        long total = segments.stream().mapToLong(ClosedSegment::durationMs).sum();
        assertThat(total).as("audio from 0.7 s to 6 s").isBetween(5_000L, 5_500L);
        double fileSeconds = 0;
        for (ClosedSegment s : segments) {
            fileSeconds += duration(s.file());
        }
        assertThat(fileSeconds).as("sum of the files' durations").isBetween(total / 1000.0 - 0.03,
                total / 1000.0 + 0.03);
    }

    // ------------------------------------------------------------------ checks

    /** Per stream, every packet's dts (and pts) is after the one before: what muxers and players require. */
    static void assertTimestampsIncrease(Path file) {
        String out = TestMedia.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "packet=stream_index,pts,dts,flags", "-of", "csv=p=0", file.toString()), Duration.ofSeconds(30));
        java.util.Map<String, Long> last = new java.util.HashMap<>();
        List<String> lines = out.strip().lines().toList();
        assertThat(lines).as("packets of %s", file).hasSizeGreaterThan(10);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            long pts = Math.round(Double.parseDouble(f[1]));
            long dts = Math.round(Double.parseDouble(f[2]));
            assertThat(dts).as("%s packet %d (%s)", file.getFileName(), i, lines.get(i)).isEqualTo(pts);
            Long before = last.put(f[0], dts);
            if (before != null) {
                assertThat(dts).as("%s packet %d (%s) after %d", file.getFileName(), i, lines.get(i), before)
                        .isGreaterThan(before);
            }
        }
    }

    private static void awaitAudioPackets(TrackCapture capture, long count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> capture.stats().audioPackets() >= count);
    }

    /** The time of the last packet ffprobe can read from {@code file} (what a crash left of it). */
    static double lastPacketSeconds(Path file) {
        String out;
        try {
            out = TestMedia.run(List.of("ffprobe", "-v", "quiet", "-show_entries", "packet=pts_time", "-of",
                    "csv=p=0", file.toString()), Duration.ofSeconds(30));
        } catch (IllegalStateException unreadable) { // e.g. still empty
            return -1;
        }
        return out.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("N/A"))
                .mapToDouble(Double::parseDouble).max().orElse(-1);
    }

    private static void awaitPackets(TrackCapture capture) {
        org.awaitility.Awaitility.await("packets arrive").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> capture.stats().audioPackets() > 0);
    }

    /** Waits until the capture has read no packet for 300 ms (what was sent is in). */
    private static void awaitQuiet(TrackCapture capture) {
        org.awaitility.Awaitility.await("no packet for 300 ms").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    java.time.Instant last = capture.stats().lastPacketAt();
                    return last != null && Duration.between(last, java.time.Instant.now()).toMillis() > 300;
                });
    }

    static void assertSegmentIsComplete(ClosedSegment s) throws IOException {
        assertThat(s.file()).exists();
        assertThat(s.file().toString()).doesNotEndWith(".part");
        assertThat(Files.size(s.file())).isEqualTo(s.bytes());
        assertThat(HashChain.sha256Hex(s.file())).isEqualTo(s.sha256());
        assertThat(TestMedia.decodeErrors(s.file())).as("decoding %s", s.file()).isEmpty();
    }

    static boolean firstVideoPacketIsKeyframe(Path file) {
        String out = TestMedia.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals",
                "%+#1", "-show_entries", "packet=flags", "-of", "csv=p=0", file.toString()), Duration.ofSeconds(30));
        return out.strip().lines().findFirst().orElse("").startsWith("K");
    }

    static double startTime(Path file) {
        return Double.parseDouble(TestMedia.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "format=start_time", "-of", "csv=p=0", file.toString()), Duration.ofSeconds(30)).strip());
    }

    static double duration(Path file) {
        return Double.parseDouble(TestMedia.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "format=duration", "-of", "csv=p=0", file.toString()), Duration.ofSeconds(30)).strip());
    }

    /**
     * The concat demuxer plays all segments in one go without errors, and the whole is as long as expected. Each
     * file is given the time it covers ({@link ClosedSegment#durationMs}: up to where the next one starts), as a
     * player of the recording does from its manifest: without it the concat demuxer places each file after the
     * previous one's Matroska duration, which ends at the last video frame's start when video came last (a frame
     * carries no duration over RTP), so the next segment's first frame can land on that same millisecond (1 of 4
     * runs under load here), and decoding the joined file reports "non monotonically increasing dts … 9206 >= 9206".
     */
    static void assertConcatenationPlays(List<ClosedSegment> segments, double minSeconds, double maxSeconds)
            throws IOException {
        Path list = Files.createTempFile("concat-", ".txt");
        Path joined = Files.createTempFile("joined-", ".mkv");
        try {
            StringBuilder sb = new StringBuilder();
            for (ClosedSegment s : segments) {
                sb.append("file '").append(s.file().toAbsolutePath()).append("'\n");
                sb.append("duration ").append(s.durationMs() / 1000.0).append('\n');
            }
            Files.writeString(list, sb.toString());
            String out = TestMedia.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe",
                    "0", "-i", list.toString(), "-c", "copy", joined.toString()), Duration.ofSeconds(60));
            assertThat(out).as("concatenating").isEmpty();
            assertThat(TestMedia.decodeErrors(joined)).as("decoding the concatenation").isEmpty();
            assertThat(duration(joined)).isBetween(minSeconds, maxSeconds);
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(joined);
        }
    }

    private static long captureThreadCpuNanos(String name) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId())).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @SuppressWarnings("unused")
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
