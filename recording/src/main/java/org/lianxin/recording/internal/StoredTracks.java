package org.lianxin.recording.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.compose.ComposeInput;
import org.lianxin.recording.storage.ObjectStore;

/**
 * An ended recording's tracks read back from storage for composing, the same way wherever it is composed: after the
 * end on the node that recorded it ({@link CompositionQueue}) or on a compose node ({@link
 * org.lianxin.recording.ComposeWorker}).
 */
public final class StoredTracks {

    private StoredTracks() {
    }

    /** What to compose: the tracks (their segments copied into a work folder) and the composed file's length. */
    public record Job(List<ComposeInput> inputs, Duration total) {
    }

    /** {@code r}'s tracks copied out of storage into {@code work}, and its length ({@link CompositionQueue#composedEnd}). */
    public static Job job(RecordingCatalog catalog, ObjectStore store, Recording r, Path work, Instant now)
            throws IOException {
        Instant origin = r.startedAt() != null ? r.startedAt() : r.createdAt();
        List<ComposeInput> inputs = inputs(catalog, store, r.id(), origin, work);
        return new Job(inputs, Duration.between(origin, CompositionQueue.composedEnd(r, catalog.gaps(r.id()), now)));
    }

    /** The recording's tracks, their segments copied out of storage into {@code work}. */
    static List<ComposeInput> inputs(RecordingCatalog catalog, ObjectStore store, long id, Instant origin, Path work)
            throws IOException {
        Map<String, List<RecordingCatalog.Segment>> byTrack = new LinkedHashMap<>();
        for (RecordingCatalog.Segment s : catalog.segments(id)) {
            byTrack.computeIfAbsent(s.trackId(), k -> new ArrayList<>()).add(s);
        }
        Map<String, RecordingCatalog.Track> tracks = catalog.tracks(id).stream()
                .collect(Collectors.toMap(RecordingCatalog.Track::trackId, t -> t));
        List<ComposeInput> inputs = new ArrayList<>();
        for (Map.Entry<String, List<RecordingCatalog.Segment>> e : byTrack.entrySet()) {
            List<RecordingCatalog.Segment> segs = new ArrayList<>(e.getValue());
            segs.sort(Comparator.comparingInt(RecordingCatalog.Segment::trackIndex));
            List<Path> files = new ArrayList<>();
            for (RecordingCatalog.Segment s : segs) {
                Path f = work.resolve(e.getKey() + "-" + s.trackIndex() + ".mkv");
                try (InputStream in = store.get(s.key())) {
                    Files.copy(in, f);
                }
                files.add(f);
            }
            RecordingCatalog.Track t = tracks.get(e.getKey());
            String label = t == null ? e.getKey() : (t.displayName() != null ? t.displayName() : t.participantId());
            Duration offset = Duration.between(origin, segs.get(0).startedAt());
            inputs.add(new ComposeInput(label, files, LiveCompositions.nonNegative(offset)));
        }
        return inputs;
    }
}
