package org.lianxin.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.compose.LiveComposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compositions that follow recordings while they are made, at most {@code limit} at once on this server. Each
 * runs on a thread of its own in {@code live-compose/<id>/} of the spool: tracks are added as captures start,
 * segments hard-linked there as they are chained (the spool's copies go once uploaded).
 */
final class LiveCompositions {

    private static final Logger log = LoggerFactory.getLogger(LiveCompositions.class);
    /** A track counts as known to the live composition this long after its capture started. */
    private static final long KNOWN_MARGIN_MS = 2_000;

    /** A composition following recording {@code id}, whose time 0 is {@code origin}. */
    record Live(long id, LiveComposition composition, Path dir, Instant origin) {
    }

    private final RecordingCatalog catalog;
    private final Composer composer;
    private final Spool spool;
    private final Clock clock;
    private final int limit;
    private final Map<Long, Live> live = new ConcurrentHashMap<>();

    LiveCompositions(RecordingCatalog catalog, Composer composer, Spool spool, Clock clock, int limit) {
        this.catalog = catalog;
        this.composer = composer;
        this.spool = spool;
        this.clock = clock;
        this.limit = limit;
    }

    /**
     * Starts following recording {@code id} if a live composition is free and the recording is new (one taken
     * over after a restart already has segments: it is composed after its end, from storage).
     */
    synchronized void start(long id) {
        if (live.size() >= limit || live.containsKey(id) || !catalog.segments(id).isEmpty()) {
            return;
        }
        Recording r = catalog.find(id).orElse(null);
        if (r == null || r.startedAt() == null) {
            return;
        }
        Instant origin = r.startedAt();
        Path dir = spool.liveCompositionDir(id);
        try {
            Spool.deleteTree(dir);
            Files.createDirectories(dir);
            long originMs = origin.toEpochMilli();
            LiveComposition c = composer.startLive(dir.resolve("composed.mp4"),
                    () -> (clock.millis() - originMs - KNOWN_MARGIN_MS) * 1_000, Long.toString(id));
            live.put(id, new Live(id, c, dir, origin));
            log.info("recording {}: composing while it is made ({} of {} live compositions)", id, live.size(), limit);
        } catch (IOException | RuntimeException e) {
            log.warn("recording {}: cannot compose while it is made ({}); composed after the end", id, e.toString());
            Spool.deleteTree(dir);
        }
    }

    boolean has(long id) {
        return live.containsKey(id);
    }

    void trackStarted(long id, String trackId, String label, Instant at) {
        Live l = live.get(id);
        if (l != null) {
            l.composition().addTrack(trackId, label, nonNegative(Duration.between(l.origin(), at)));
        }
    }

    void trackEnded(long id, String trackId) {
        Live l = live.get(id);
        if (l != null) {
            l.composition().endTrack(trackId);
        }
    }

    /** A segment was chained: linked into the composition's folder (before its upload removes the spooled file). */
    void chained(RecordingCatalog.Segment seg, Path spooled) {
        Live l = live.get(seg.recordingId());
        if (l == null) {
            return;
        }
        Path link = l.dir().resolve(seg.trackId() + "-" + seg.trackIndex() + ".mkv");
        try {
            try {
                Files.createLink(link, spooled);
            } catch (IOException | UnsupportedOperationException notOnThisDisk) {
                Files.copy(spooled, link, StandardCopyOption.REPLACE_EXISTING);
            }
            l.composition().addSegment(seg.trackId(), link, nonNegative(Duration.between(l.origin(), seg.startedAt())));
        } catch (IOException e) {
            log.warn("recording {}: segment {} not given to the live composition ({}); composed after the end",
                    seg.recordingId(), seg.key(), e.toString());
        }
    }

    /** The recording ended: no longer followed; its composition, if any, to finish or cancel. */
    Live remove(long id) {
        return live.remove(id);
    }

    /** Whether the live composition got every segment of the recording, in order. */
    static boolean followedAll(Live l, List<RecordingCatalog.Segment> segments) {
        Map<String, List<Path>> followed = l.composition().segments();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        segments.stream().sorted(Comparator.comparingInt(RecordingCatalog.Segment::trackIndex))
                .forEach(s -> expected.computeIfAbsent(s.trackId(), k -> new ArrayList<>())
                        .add(s.trackId() + "-" + s.trackIndex() + ".mkv"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            List<String> got = followed.getOrDefault(e.getKey(), List.of()).stream()
                    .map(p -> p.getFileName().toString()).toList();
            if (!got.equals(e.getValue())) {
                log.warn("recording {}: the live composition has {} of track {}, the recording {}; composing again "
                        + "from storage", l.id(), got, e.getKey(), e.getValue());
                return false;
            }
        }
        return true;
    }

    /** Stops every composition (shutdown or crash); their folders are cleaned at the next start. */
    void cancelAll() {
        for (Live l : live.values()) {
            l.composition().cancel();
        }
    }

    void clear() {
        live.clear();
    }

    static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
