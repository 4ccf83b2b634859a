package org.lianxin.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.storage.ObjectStore;

/**
 * The baselines of {@link ReviewLatencyBench}: the ffmpeg CLI remuxing and composing the same raw segments, and
 * ffprobe's duration of a composed file.
 */
final class FfmpegBaselines {
    private FfmpegBaselines() {
    }

    /**
     * The ffmpeg CLI on the same raw segments (copied out of storage, not timed): concatenating each track into one
     * Matroska file with {@code -c copy}, and a side-by-side review file at the composer's settings.
     */
    static double[] ffmpegBaselines(Manifest m, ObjectStore store, Path work) throws Exception {
        Map<String, List<Manifest.Segment>> byTrack = m.segments().stream().sorted(
                Comparator.comparingInt(Manifest.Segment::trackIndex)).collect(Collectors.groupingBy(
                Manifest.Segment::trackId, LinkedHashMap::new, Collectors.toList()));
        List<Path> lists = new ArrayList<>();
        for (Map.Entry<String, List<Manifest.Segment>> e : byTrack.entrySet()) {
            StringBuilder list = new StringBuilder();
            for (Manifest.Segment s : e.getValue()) {
                Path f = work.resolve(e.getKey() + "-" + s.trackIndex() + ".mkv");
                try (InputStream in = store.get(s.key())) {
                    Files.copy(in, f);
                }
                list.append("file '").append(f).append("'\n");
            }
            Path listFile = work.resolve(e.getKey() + ".txt");
            Files.writeString(listFile, list);
            lists.add(listFile);
        }
        long t = System.nanoTime();
        List<Path> remuxed = new ArrayList<>();
        for (Path list : lists) {
            Path out = work.resolve(list.getFileName().toString().replace(".txt", "-remux.mkv"));
            ffmpeg(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", out.toString()));
            remuxed.add(out);
        }
        double remuxMs = ReviewLatencyBench.since(t);
        for (Path p : remuxed) {
            if (Files.size(p) == 0) {
                throw new IllegalStateException("ffmpeg remux made an empty " + p);
            }
        }
        // composer's settings: 640x360 tiles, 15 fps, libx264 ultrafast 1.2 Mbit/s, AAC 64 kbit/s (two tiles side by side)
        List<String> args = new ArrayList<>();
        for (Path list : lists) {
            args.addAll(List.of("-f", "concat", "-safe", "0", "-i", list.toString()));
        }
        StringBuilder filter = new StringBuilder();
        StringBuilder tiles = new StringBuilder();
        StringBuilder audio = new StringBuilder();
        for (int i = 0; i < lists.size(); i++) {
            filter.append("[").append(i).append(":v]scale=640:360:force_original_aspect_ratio=decrease,")
                    .append("pad=640:360:(ow-iw)/2:(oh-ih)/2,fps=15[v").append(i).append("];");
            tiles.append("[v").append(i).append("]");
            audio.append("[").append(i).append(":a]");
        }
        filter.append(tiles).append("hstack=inputs=").append(lists.size()).append("[v];")
                .append(audio).append("amix=inputs=").append(lists.size()).append("[a]");
        Path cli = work.resolve("cli-composed.mp4");
        args.addAll(List.of("-filter_complex", filter.toString(), "-map", "[v]", "-map", "[a]", "-c:v", "libx264",
                "-preset", "ultrafast", "-b:v", "1200k", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart",
                cli.toString()));
        t = System.nanoTime();
        double composeCpuMs = ffmpeg(args);
        double composeMs = ReviewLatencyBench.since(t);
        if (Files.size(cli) == 0) {
            throw new IllegalStateException("ffmpeg compose made an empty file");
        }
        return new double[] {remuxMs, composeMs, composeCpuMs};
    }

    /** Runs the ffmpeg CLI; returns its CPU time (user + system, ms), measured by bash's {@code time}. */
    private static double ffmpeg(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "TIMEFORMAT='CPU %U %S'; time \"$@\"", "bash",
                ReviewLatencyBench.FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C"); // time's decimal point
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + out);
        }
        String[] lines = out.strip().split("\n");
        String[] cpu = lines[lines.length - 1].trim().split(" ");
        if (cpu.length != 3 || !cpu[0].equals("CPU")) {
            throw new IllegalStateException("no CPU time from bash's time: " + out);
        }
        return (Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2])) * 1000;
    }

    static double probeDuration(Path file) throws Exception {
        Process p = new ProcessBuilder(ReviewLatencyBench.FFPROBE, "-v", "error", "-show_entries", "format=duration",
                "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffprobe failed on " + file + ": " + out);
        }
        return Double.parseDouble(out);
    }
}
