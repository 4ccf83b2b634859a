package org.lianxin.recording.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test media made once with Debian's {@code ffmpeg} CLI and cached: VP8 640x480 30 fps ({@code testsrc2},
 * about 500 kbit/s, a keyframe exactly every {@code gop} frames) and Opus 48 kHz stereo (a 440 Hz sine) in
 * WebM. Cached under {@code ${java.io.tmpdir}/lianxin-test-media/} (override with the system property
 * {@code lianxin.test.media}); safe when several JVMs ask at once.
 */
public final class TestMedia {

    public static final int FPS = 30;

    private TestMedia() {
    }

    public static Path cacheDir() {
        Path dir = Path.of(System.getProperty("lianxin.test.media",
                Path.of(System.getProperty("java.io.tmpdir"), "lianxin-test-media").toString()));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the ffmpeg and ffprobe CLIs are installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/ffmpeg")) && Files.isExecutable(Path.of("/usr/bin/ffprobe"));
    }

    /**
     * Skips the calling test without the ffmpeg and ffprobe CLIs, or fails it under {@code ./lianxin test}
     * ({@code LIANXIN_TEST_STRICT} set), where nothing may be skipped for a missing tool.
     */
    public static void assumeAvailable() {
        if (available()) {
            return;
        }
        if (System.getenv("LIANXIN_TEST_STRICT") != null) {
            throw new AssertionError("LIANXIN_TEST_STRICT: the ffmpeg and ffprobe CLIs are missing (apt-get install ffmpeg)");
        }
        org.junit.jupiter.api.Assumptions.abort("needs the ffmpeg and ffprobe CLIs (apt-get install ffmpeg)");
    }

    /** VP8 + Opus WebM of {@code length} (whole seconds), a keyframe every {@code gop} frames (30 = 1 s). */
    public static Path webm(Duration length, int gop) {
        return webm(length, gop, Spec.DEFAULT);
    }

    /**
     * Picture size and bit rates of {@link #webm(Duration, int, Spec)}.
     *
     * @param width      video width (pixels)
     * @param height     video height
     * @param videoKbits VP8 target bit rate, kbit/s
     * @param audioKbits Opus bit rate, kbit/s (stereo)
     */
    public record Spec(int width, int height, int videoKbits, int audioKbits) {
        /** What {@link #webm(Duration, int)} makes: 640x480, about 500 kbit/s video, 48 kbit/s audio. */
        public static final Spec DEFAULT = new Spec(640, 480, 500, 48);
    }

    /** Like {@link #webm(Duration, int)} with another picture size and bit rates (e.g. a benchmark's sample). */
    public static Path webm(Duration length, int gop, Spec spec) {
        long seconds = length.toSeconds();
        String variant = spec.equals(Spec.DEFAULT) ? "" : "-" + spec.width() + "x" + spec.height() + "-"
                + spec.videoKbits() + "k-" + spec.audioKbits() + "k";
        Path file = cacheDir().resolve("vp8-opus-" + seconds + "s-g" + gop + variant + ".webm");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp.webm");
        run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + spec.width() + "x" + spec.height() + ":rate=" + FPS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", Long.toString(seconds),
                "-c:v", "libvpx", "-b:v", spec.videoKbits() + "k", "-deadline", "realtime", "-cpu-used", "8",
                "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-auto-alt-ref", "0",
                "-c:a", "libopus", "-b:a", spec.audioKbits() + "k", "-ac", "2",
                tmp.toString()), Duration.ofMinutes(2));
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs a command, returns its stdout+stderr; throws with that output when it fails or overruns. */
    public static String run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    out[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            });
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            reader.join(5000);
            String output = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What decoding the whole file reports ({@code ffmpeg -v error … -f null -}): empty when it decodes cleanly.
     * Every check of that kind in the recording module goes through here.
     *
     * <p>Video is passed through with the demuxer's time base ({@code -fps_mode passthrough -enc_time_base:v -1};
     * FFmpeg 6+ spells {@code -1} as {@code demux}). Without it the CLI encodes to the null muxer in a time base
     * of 1/frame rate, and WebRTC video has no frame rate: the Matroska track has none, so ffmpeg guesses one per
     * file (1000/1, 40/1, 241/12 were seen) and two frames closer than one such tick collide ("non monotonically
     * increasing dts to muxer") although the file's own timestamps increase. Declaring a frame rate in the
     * segments cannot fix that for the plain command: 20 fps (Chromium's) still collides on jittered frames, and
     * a rate fine enough not to collide (999 fps) makes a plain transcode to MP4 duplicate every frame 50 times.
     */
    public static String decodeErrors(Path file) {
        return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-fps_mode", "passthrough",
                "-enc_time_base:v", "-1", "-f", "null", "-"), Duration.ofSeconds(120)).strip();
    }

    /** {@code ffprobe} of a file: per stream "codec_type,codec_name" lines. */
    public static List<String> streams(Path file) {
        String out = run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name",
                "-of", "csv=p=0", file.toString()), Duration.ofSeconds(30));
        List<String> lines = new ArrayList<>();
        out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        return lines;
    }
}
