package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.verify.RecordingVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the recording reliability ITs check on a stored recording: its manifest, the verifier's verdict, each
 * track's segments (contiguous, decodable, audio and video), their concatenated duration (Debian's ffprobe and
 * ffmpeg), polling waits (on the catalog's media, never on the clock) and the spool.
 */
final class RecordingChecks {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FFMPEG = "/usr/bin/ffmpeg";
    static final String FFPROBE = "/usr/bin/ffprobe";

    private RecordingChecks() {
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Polls {@code probe} every 250 ms until it returns something other than null or {@code false}; fails with
     * {@code what} and the last value seen (via {@code describe}) after {@code timeout}.
     */
    static <T> T await(String what, Duration timeout, Supplier<T> probe, Supplier<String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T v = probe.get();
                if (v != null && !Boolean.FALSE.equals(v)) return v;
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                String state;
                try {
                    state = describe.get();
                } catch (RuntimeException e) {
                    state = "(cannot describe: " + e + ")";
                }
                AssertionError error = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for "
                        + what + "; now: " + state);
                if (last != null) error.initCause(last);
                throw error;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        return await(what, timeout, probe, () -> "-");
    }

    /** Media chained in the catalog so far, in ms per track. */
    static Map<String, Long> chainedMedia(RecordingCatalog catalog, long recordingId) {
        return catalog.segments(recordingId).stream().collect(Collectors.groupingBy(RecordingCatalog.Segment::trackId,
                java.util.TreeMap::new, Collectors.summingLong(RecordingCatalog.Segment::durationMs)));
    }

    /**
     * Waits until {@code tracks} tracks of the recording each have at least {@code media} of media chained (closed
     * segments in the catalog): the session has run that long, however long the machine took to get there.
     */
    static void awaitChainedMedia(RecordingCatalog catalog, long recordingId, int tracks, Duration media,
                                  Duration timeout) {
        await(tracks + " tracks with " + seconds(media) + " of media chained each in recording " + recordingId,
                timeout, () -> {
                    Map<String, Long> ms = chainedMedia(catalog, recordingId);
                    return ms.size() >= tracks && ms.values().stream().filter(v -> v >= media.toMillis()).count()
                            >= tracks;
                }, () -> chainedMedia(catalog, recordingId).toString());
    }

    // ------------------------------------------------------------------ storage

    static Manifest manifest(ObjectStore store, long recordingId) {
        try (InputStream in = store.get(Manifest.key(recordingId))) {
            return ManifestCodec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RecordingVerifier recomputes every segment's hash and the chain: no problem may be found. */
    static Manifest assertVerified(ObjectStore store, long recordingId) {
        RecordingVerifier.Result r = new RecordingVerifier(store).verify(recordingId);
        assertThat(r.problems()).as("RecordingVerifier problems of recording " + recordingId + " in "
                + store.describe() + ":\n" + r.problems().stream().map(RecordingVerifier.Problem::describe)
                .collect(Collectors.joining("\n"))).isEmpty();
        return r.manifest().orElseThrow();
    }

    /** The manifest's segments per track (tracks in the manifest's order), each list in track-index order. */
    static Map<String, List<Manifest.Segment>> segmentsByTrack(Manifest m) {
        Map<String, List<Manifest.Segment>> out = new LinkedHashMap<>();
        for (Manifest.Track t : m.tracks()) out.put(t.trackId(), new ArrayList<>());
        for (Manifest.Segment s : m.segments()) out.computeIfAbsent(s.trackId(), k -> new ArrayList<>()).add(s);
        out.values().forEach(l -> l.sort(Comparator.comparingInt(Manifest.Segment::trackIndex)));
        return out;
    }

    /**
     * No segment lost: for each track of the manifest its segments have track indices 0..n-1, each under the
     * key the catalog's naming gives, n equal to the track's segmentCount, and storage holds exactly those
     * segment objects under the track's prefix (nothing more, nothing less).
     */
    static void assertContiguous(ObjectStore store, Manifest m) {
        Map<String, List<Manifest.Segment>> byTrack = segmentsByTrack(m);
        for (Manifest.Track t : m.tracks()) {
            List<Manifest.Segment> segs = byTrack.get(t.trackId());
            List<Integer> indices = segs.stream().map(Manifest.Segment::trackIndex).toList();
            List<Integer> expected = java.util.stream.IntStream.range(0, segs.size()).boxed().toList();
            assertThat(indices).as("track indices of " + t.trackId() + " in the manifest").isEqualTo(expected);
            assertThat(segs).as("segments of track " + t.trackId()).isNotEmpty();
            assertThat(t.segmentCount()).as("segmentCount of track " + t.trackId()).isEqualTo(segs.size());
            for (Manifest.Segment s : segs) {
                assertThat(s.key()).as("key of segment " + s.index())
                        .isEqualTo(Recording.segmentKey(m.recordingId(), t.trackId(), s.trackIndex()));
            }
            List<String> stored = store.list("recordings/" + m.recordingId() + "/" + t.trackId() + "/").stream()
                    .map(ObjectStore.ObjectInfo::key).filter(k -> k.endsWith(".mkv")).sorted().toList();
            assertThat(stored).as("segment objects of track " + t.trackId() + " in " + store.describe())
                    .isEqualTo(segs.stream().map(Manifest.Segment::key).toList());
        }
    }

    static Path download(ObjectStore store, String key, Path file) {
        try (InputStream in = store.get(key)) {
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The media of one track as stored.
     *
     * @param problems per segment key: ffmpeg's decode errors and packet timestamps that do not increase (none:
     *                 the segment is clean)
     */
    record TrackMedia(String trackId, List<Path> segments, Probe concatenated, long manifestDurationMs,
                      Map<String, String> problems) {
        String describe() {
            return trackId + ": " + segments.size() + " segments, concatenated " + concatenated.duration()
                    + " s, streams " + concatenated.codecTypes() + " " + concatenated.codecNames()
                    + ", manifest says " + manifestDurationMs + " ms";
        }
    }

    /**
     * Downloads the track's segments from storage into {@code dir}, decodes each (ffmpeg -v error … -f null -)
     * and reads its packet timestamps, concatenates them (ffmpeg concat demuxer, stream copy) and probes the result.
     */
    static TrackMedia trackMedia(ObjectStore store, Manifest m, String trackId, Path dir) {
        return trackMedia(store, m, trackId, dir, key -> true);
    }

    /** As above, decoding only the segments whose key {@code decodeCheck} accepts. */
    static TrackMedia trackMedia(ObjectStore store, Manifest m, String trackId, Path dir,
                                 java.util.function.Predicate<String> decodeCheck) {
        List<Manifest.Segment> segs = segmentsByTrack(m).get(trackId);
        assertThat(segs).as("segments of " + trackId).isNotNull().isNotEmpty();
        List<Path> files = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Manifest.Segment s : segs) {
            Path f = download(store, s.key(), dir.resolve(trackId).resolve(String.format("%06d.mkv", s.trackIndex())));
            String p = (decodeCheck.test(s.key()) ? decodeErrors(f) : "") + timestampProblems(f);
            if (!p.isBlank()) problems.put(s.key(), p.strip());
            files.add(f);
        }
        Path whole = concat(files, dir.resolve(trackId + "-all.mkv"));
        long ms = segs.stream().mapToLong(Manifest.Segment::durationMs).sum();
        return new TrackMedia(trackId, files, probe(whole), ms, problems);
    }

    /** Every segment of the track decodes without an error message and has increasing packet timestamps. */
    static void assertClean(TrackMedia tm) {
        assertThat(tm.problems()).as(tm.trackId() + ": segments with decode errors or timestamps that do not increase")
                .isEmpty();
    }

    // ------------------------------------------------------------------ ffprobe / ffmpeg

    /** What ffprobe says of a file: duration (s) and its streams' types (audio, video) and codecs. */
    record Probe(double duration, List<String> codecTypes, List<String> codecNames) {
    }

    static Probe probe(Path file) {
        Result r = run(List.of(FFPROBE, "-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name",
                "-of", "json", file.toString()));
        assertThat(r.exit()).as("ffprobe " + file + ": " + r.err()).isZero();
        JsonNode n = JSON.readTree(r.out());
        List<String> types = new ArrayList<>();
        List<String> codecs = new ArrayList<>();
        for (JsonNode s : n.path("streams")) {
            types.add(s.path("codec_type").asString());
            codecs.add(s.path("codec_name").asString());
        }
        String d = n.path("format").path("duration").asString();
        assertThat(d).as("ffprobe duration of " + file + ": " + r.out()).isNotBlank();
        return new Probe(Double.parseDouble(d), types, codecs);
    }

    /**
     * ffmpeg's error output when decoding the whole file to nothing; empty if it decodes cleanly. Every decode check
     * of the web module goes through here. Video is passed through in the demuxer's time base ({@code -fps_mode
     * passthrough -enc_time_base:v -1}; FFmpeg 6+ spells {@code -1} as {@code demux}): WebRTC video has a variable
     * frame rate, and with the default (1 / the frame rate ffmpeg guesses) two frames closer than that land on the
     * same tick of the null muxer, which then logs "non monotonically increasing dts" although the file's
     * timestamps increase ({@link #timestampProblems} checks those directly). The same check as the recording
     * module's {@code TestMedia.decodeErrors}.
     */
    static String decodeErrors(Path file) {
        Result r = run(List.of(FFMPEG, "-nostdin", "-v", "error", "-i", file.toString(), "-fps_mode", "passthrough",
                "-enc_time_base:v", "-1", "-f", "null", "-"));
        String err = r.err().strip();
        return r.exit() == 0 ? err : ("exit " + r.exit() + ": " + err);
    }

    /** Packets whose decoding timestamp does not increase within their stream (one line each); empty if none. */
    static String timestampProblems(Path file) {
        Result r = run(List.of(FFPROBE, "-v", "error", "-show_entries", "packet=stream_index,dts", "-of", "csv=p=0",
                file.toString()));
        if (r.exit() != 0) return "ffprobe packets: exit " + r.exit() + ": " + r.err().strip() + "\n";
        Map<String, Long> last = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        for (String line : r.out().split("\n")) {
            String[] f = line.strip().split(",");
            if (f.length < 2 || f[1].isBlank() || f[1].equals("N/A")) continue;
            long dts = Long.parseLong(f[1]);
            Long before = last.put(f[0], dts);
            if (before != null && dts <= before) {
                out.append("stream ").append(f[0]).append(": dts ").append(dts).append(" after ").append(before)
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** The files joined in order with ffmpeg's concat demuxer, streams copied. */
    static Path concat(List<Path> files, Path out) {
        try {
            Path list = out.resolveSibling(out.getFileName() + ".txt");
            Files.writeString(list, files.stream().map(f -> "file '" + f.toAbsolutePath() + "'")
                    .collect(Collectors.joining("\n", "", "\n")));
            Result r = run(List.of(FFMPEG, "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i",
                    list.toString(), "-c", "copy", out.toString()));
            assertThat(r.exit()).as("ffmpeg concat into " + out + ": " + r.err()).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("lianxin-tool-", ".out");
            Path err = Files.createTempFile("lianxin-tool-", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(180, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("timed out after 180 s: " + String.join(" ", command));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ files

    /** Regular files under {@code dir} (relative paths), empty if it does not exist. */
    static List<String> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }

    /** A fresh, empty folder {@code target/recording-it/<name>} kept after the run for diagnosis. */
    static Path workDir(String name) {
        Path dir = Path.of("target", "recording-it", name).toAbsolutePath();
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static String seconds(Duration d) {
        return String.format("%.2f s", d.toMillis() / 1000.0);
    }
}
