package org.lianxin.recording.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test media made and inspected with Debian's ffmpeg and ffprobe command-line tools. */
final class ComposeMedia {

    private ComposeMedia() {
    }

    record Run(int exit, byte[] out, String err) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Run(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    static Run ok(List<String> command) throws IOException, InterruptedException {
        Run r = run(command);
        if (r.exit() != 0) {
            throw new IOException("exit " + r.exit() + ": " + command + "\n" + r.err());
        }
        return r;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A track like the recorder writes: VP8 (keyframe every 2 s and at every segment start) and/or
     * Opus in Matroska segments of 10 s whose timestamps continue across segments.
     *
     * @param video lavfi video source (e.g. {@code testsrc2=size=640x480:rate=30}) or null for audio only
     * @param toneHz sine frequency of the audio, or 0 for no audio
     */
    static List<Path> track(Path dir, String name, String video, int toneHz, int seconds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        if (video != null) {
            cmd.addAll(List.of("-f", "lavfi", "-i", video));
        }
        if (toneHz > 0) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + toneHz + ":sample_rate=48000"));
        }
        cmd.addAll(List.of("-t", String.valueOf(seconds)));
        if (video != null) {
            cmd.addAll(List.of("-c:v", "libvpx", "-b:v", "600k", "-g", "60", "-deadline", "realtime",
                    "-cpu-used", "8", "-force_key_frames", "expr:gte(t,n_forced*10)"));
        }
        if (toneHz > 0) {
            cmd.addAll(List.of("-c:a", "libopus", "-b:a", "32k"));
        }
        cmd.addAll(List.of("-f", "segment", "-segment_time", "10", "-segment_format", "matroska",
                dir.resolve(name + "-%03d.mkv").toString()));
        ok(cmd);
        List<Path> segments;
        try (Stream<Path> s = Files.list(dir)) {
            segments = s.filter(p -> p.getFileName().toString().startsWith(name + "-")).sorted().toList();
        }
        if (video != null) {
            for (Path segment : segments) {
                String first = new String(ok(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
                        "-show_entries", "frame=key_frame", "-read_intervals", "%+#1", "-of", "csv=p=0",
                        segment.toString())).out(), StandardCharsets.UTF_8).trim();
                if (!first.startsWith("1")) {
                    throw new IllegalStateException(segment + " does not start on a keyframe: " + first);
                }
            }
        }
        return segments;
    }

    /** ffprobe's value of one entry, e.g. {@code format=duration} or {@code stream=codec_name}. */
    static List<String> probe(Path file, String entries) throws IOException, InterruptedException {
        String out = new String(ok(List.of("ffprobe", "-v", "error", "-show_entries", entries, "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString())).out(), StandardCharsets.UTF_8);
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** Names of the top-level MP4 boxes in file order. */
    static List<String> topLevelBoxes(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (var ch = Files.newByteChannel(file)) {
            long size = ch.size();
            long at = 0;
            ByteBuffer header = ByteBuffer.allocate(16);
            while (at + 8 <= size) {
                header.clear();
                ch.position(at);
                ch.read(header);
                long box = Integer.toUnsignedLong(header.getInt(0));
                names.add(new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1));
                if (box == 1) {
                    box = header.getLong(8);
                } else if (box == 0) {
                    box = size - at;
                }
                if (box < 8) {
                    throw new IOException("bad box size " + box + " at " + at + " in " + file);
                }
                at += box;
            }
        }
        return names;
    }

    /** One decoded picture at {@code seconds} as 8-bit luma, row by row. */
    static byte[] luma(Path file, double seconds) throws IOException, InterruptedException {
        return ok(List.of("ffmpeg", "-v", "error", "-ss", String.valueOf(seconds), "-i", file.toString(),
                "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-")).out();
    }

    /** Mean of a rectangle of a luma picture {@code width} pixels wide. */
    static double mean(byte[] luma, int width, int x, int y, int w, int h) {
        long sum = 0;
        for (int row = y; row < y + h; row++) {
            for (int col = x; col < x + w; col++) {
                sum += luma[row * width + col] & 0xff;
            }
        }
        return (double) sum / ((long) w * h);
    }

    private static final Pattern MEAN_VOLUME = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB");

    /** Mean audio volume in dB between two times. */
    static double meanVolume(Path file, double from, double seconds) throws IOException, InterruptedException {
        String err = ok(List.of("ffmpeg", "-v", "info", "-hide_banner", "-nostats", "-ss", String.valueOf(from),
                "-t", String.valueOf(seconds), "-i", file.toString(), "-vn", "-af", "volumedetect", "-f", "null", "-"))
                .err();
        Matcher m = MEAN_VOLUME.matcher(err);
        if (!m.find()) {
            throw new IllegalStateException("no mean_volume in: " + err);
        }
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    /** Mean luma of the middle of tile {@code tile} of a picture of {@code tileW}x{@code tileH} tiles (away from bars and the label). */
    static double centreOfTile(byte[] luma, int tile, int tileW, int tileH) {
        int width = luma.length / tileH;
        int columns = width / tileW;
        int x = (tile % columns) * tileW;
        int y = (tile / columns) * tileH;
        return mean(luma, width, x + tileW / 4, y + tileH / 8, tileW / 2, tileH / 2);
    }
}
