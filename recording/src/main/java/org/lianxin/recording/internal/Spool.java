package org.lianxin.recording.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lianxin.recording.capture.SegmentSalvage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local folder where recording files wait until they are in storage (and where a crash leaves them). Its layout
 * mirrors the object keys: {@code recordings/<id>/<trackId>/<index>.mkv}, {@code recordings/<id>/manifest.json},
 * {@code recordings/<id>/composed.mp4}. A capture writes its open segment into its track's folder as
 * {@code <trackId>-<index>.mkv.part} and renames it {@code <trackId>-<index>.mkv} when it is complete; the chain
 * then moves it to its key's place. Compositions work in {@code live-compose/<id>/} (while the session runs) and
 * {@code compose/<id>/} (after its end).
 *
 * <p>Side effects: files moved into place, repaired, deleted. Thread-safe (the file system is the state).
 */
public final class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final Pattern CLOSED = Pattern.compile("(?:.+-)?(\\d{6})\\.mkv");
    private static final Pattern CUT_SHORT = Pattern.compile("(?:.+-)?(\\d{6})\\.mkv\\.part");
    private static final String SALVAGING = ".salvaging";
    private static final Pattern MANIFEST = Pattern.compile("recordings/(\\d+)/manifest\\.json");

    private final Path root;

    public Spool(Path root) {
        this.root = root;
    }

    /** Where the file of object {@code key} waits. */
    Path pathOf(String key) {
        return root.resolve(key);
    }

    /** The folder a capture of track {@code trackId} writes its segments into. */
    Path trackDir(long recordingId, String trackId) {
        return recordings().resolve(Long.toString(recordingId)).resolve(trackId);
    }

    Path liveCompositions() {
        return root.resolve("live-compose");
    }

    Path liveCompositionDir(long recordingId) {
        return liveCompositions().resolve(Long.toString(recordingId));
    }

    Path composeWorkDir(long recordingId) {
        return root.resolve("compose").resolve(Long.toString(recordingId));
    }

    private Path recordings() {
        return root.resolve("recordings");
    }

    /** Moves a complete file to the place of object {@code key} (atomically: same disk). */
    Path take(String key, Path file) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Writes {@code bytes} as the file of object {@code key}. */
    Path write(String key, byte[] bytes) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        return take(key, tmp);
    }

    /** The file of object {@code key}, if it is waiting here. */
    Optional<Path> waiting(String key) {
        Path p = pathOf(key);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    // ================================================================== what a crash left

    /**
     * A segment file of recording {@code recordingId} not yet under its key: closed ({@code cutShort} false) but
     * caught by a crash between its close and its chaining (still {@code <trackId>-<index>.mkv} or already
     * {@code <index>.mkv}), or the open segment a crash cut short ({@code <trackId>-<index>.mkv.part}).
     */
    record Leftover(String trackId, int index, Path file, boolean cutShort) {
    }

    /** The recording's segment files in the spool, by track and index (closed ones before a cut-short one). */
    List<Leftover> leftovers(long recordingId) {
        Path dir = recordings().resolve(Long.toString(recordingId));
        List<Leftover> found = new ArrayList<>();
        for (Path f : walk(dir)) {
            String name = f.getFileName().toString();
            Matcher closed = CLOSED.matcher(name);
            Matcher part = CUT_SHORT.matcher(name);
            String trackId = f.getParent().getFileName().toString();
            if (closed.matches()) {
                found.add(new Leftover(trackId, Integer.parseInt(closed.group(1)), f, false));
            } else if (part.matches()) {
                found.add(new Leftover(trackId, Integer.parseInt(part.group(1)), f, true));
            }
        }
        found.sort(Comparator.comparing(Leftover::trackId).thenComparingInt(Leftover::index)
                .thenComparing(Leftover::cutShort));
        return found;
    }

    /**
     * Makes a cut-short segment complete under object {@code key} ({@link SegmentSalvage}) and deletes the
     * {@code .part}; empty (the {@code .part} is left for {@link #deletePartials}) when it holds no media.
     */
    Optional<SegmentSalvage.Salvaged> salvage(Leftover cutShort, String key) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + SALVAGING);
        Optional<SegmentSalvage.Salvaged> s = SegmentSalvage.salvage(cutShort.file(), tmp);
        if (s.isEmpty()) {
            return s;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(cutShort.file());
        return Optional.of(new SegmentSalvage.Salvaged(target, s.get().durationMs(), s.get().packets()));
    }

    /** Ids of the recordings whose manifest waits here. */
    /** The recordings with a folder of their own in the spool (segments, leftovers), by id. */
    List<Long> recordingFolders() {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> dirs = Files.isDirectory(recordings()) ? Files.list(recordings()) : Stream.empty()) {
            dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .map(Long::parseLong).sorted().forEach(ids::add);
        } catch (IOException e) {
            log.warn("could not list the spool's recordings: {}", e.toString());
        }
        return ids;
    }

    List<Long> manifestsWaiting() {
        List<Long> ids = new ArrayList<>();
        for (Path f : walk(recordings())) {
            Matcher m = MANIFEST.matcher(root.relativize(f).toString().replace('\\', '/'));
            if (m.matches()) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids;
    }

    /** Deletes what can never be finished: cut-short segments not salvaged, interrupted salvages and writes. */
    void deletePartials() {
        for (Path p : walk(recordings())) {
            String name = p.getFileName().toString();
            if (name.endsWith(".part") || name.endsWith(SALVAGING) || name.endsWith(".tmp")) {
                log.warn("dropping what a crash cut short and nothing could be read from: {}", root.relativize(p));
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("could not delete {}: {}", p, e.toString());
                }
            }
        }
    }

    /** Deletes the composition work folders of recordings that {@code keep} does not accept (none runs at start). */
    void deleteCompositionLeftovers(LongPredicate keep) {
        for (Path parent : List.of(liveCompositions(), root.resolve("compose"))) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(parent)) {
                for (Path d : dirs.toList()) {
                    String name = d.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit) || name.isEmpty() || !keep.test(Long.parseLong(name))) {
                        deleteTree(d);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                log.warn("could not clean {}", parent, e);
            }
        }
    }

    /** Regular files under {@code dir}, sorted; walks again when the uploader deletes files meanwhile. */
    private static List<Path> walk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile).sorted().toList();
            } catch (UncheckedIOException | IOException vanished) {
                if (attempt >= 5) {
                    log.error("could not read the spool folder {}", dir, vanished);
                    return List.of();
                }
            }
        }
    }

    /** Deletes a folder and everything in it (quietly: a leftover is cleaned at the next start). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }
}
