package org.lianxin.recording.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A composition that runs while the session runs: tracks and their segments are handed in as they
 * appear, the composer follows them (a segment behind, as segments close), and when the session
 * ends only its last stretch is left to compose. Made by {@link Composer#startLive}; the same engine
 * composes a finished recording ({@link Composer#compose}) in one go.
 *
 * <p>The output is one H.264 + AAC MP4 with a fixed picture size, so the tiles are fixed for the
 * whole file: when a participant with video appears who has no tile yet, the composition starts
 * over with one more tile (its segments are all still there; during a session that costs only the
 * CPU time of what was composed so far). The composition does not move past
 * {@code knownUntilUs} (the recording time up to which every track that will exist has been
 * added), nor past a track's open segment.
 *
 * <p>Thread-safe: one thread composes, others add tracks and segments, {@link #finish} or
 * {@link #cancel}. The MP4 itself (encoders, {@code .part} file, rename) is a {@link ComposedFile}.
 */
public final class LiveComposition {

    private static final Logger log = LoggerFactory.getLogger(LiveComposition.class);
    /** A tile turns black when its participant's last picture is older than this. */
    static final long STALE_US = 2_000_000;
    /** After a track's last segment ends, its last picture stays this long. */
    static final long LINGER_US = 100_000;
    /** Mixed audio is encoded this far behind the video, so late-interleaved samples still count. */
    private static final long AUDIO_LAG_US = 1_000_000;
    private static final int AUDIO_CHUNK = TrackReader.SAMPLE_RATE / 2;
    private static final long UNKNOWN = Long.MAX_VALUE;

    private final ComposeSettings settings;
    private final Path out;
    private final LongSupplier knownUntilUs;
    /** FFmpeg's thread count for the decoders and the encoder: 1 while following a session, 0 (auto) after it. */
    private final int codecThreads;
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private final Map<String, Feed> byTrack = new ConcurrentHashMap<>();
    /** labels with video, in the order their tiles are laid out */
    private final Set<String> videoLabels = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final Object clock = new Object();
    private final CompletableFuture<ComposeResult> result = new CompletableFuture<>();
    private volatile long totalUs = UNKNOWN;
    private volatile IntConsumer progress = p -> { };
    private volatile long positionUs;
    private volatile long finishAskedNanos;
    private volatile int restarts;
    private Thread thread;

    /**
     * @param live whether it follows a running session (on one thread, at {@link ComposeSettings#liveNice()}) or
     *             composes a finished recording (FFmpeg's own threads, normal priority)
     */
    LiveComposition(ComposeSettings settings, Path out, LongSupplier knownUntilUs, boolean live) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
        this.knownUntilUs = Objects.requireNonNull(knownUntilUs, "knownUntilUs");
        this.codecThreads = live ? 1 : 0;
    }

    // ================================================================== feeding it

    /**
     * A track begins (its media come from segments handed in with {@link #addSegment}).
     *
     * @param notBefore the earliest its media can start on the recording's timeline (e.g. when
     *                  its capture started)
     */
    public void addTrack(String trackId, String label, Duration notBefore) {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(label, "label");
        Feed f = new Feed(trackId, label, notBefore.toNanos() / 1_000);
        if (byTrack.putIfAbsent(trackId, f) != null) {
            throw new IllegalArgumentException("track " + trackId + " was added already");
        }
        feeds.add(f);
    }

    /**
     * The track's next closed segment. The file must stay until the composition is finished or
     * cancelled. {@code offset} (where the track starts on the recording's timeline) counts for the
     * first segment only.
     *
     * @return false if the track is unknown or ended (the segment is not part of the composition)
     */
    public boolean addSegment(String trackId, Path file, Duration offset) {
        Feed f = byTrack.get(trackId);
        return f != null && f.add(file, offset.toNanos() / 1_000);
    }

    /** The track has no more segments. */
    public void endTrack(String trackId) {
        Feed f = byTrack.get(trackId);
        if (f != null) {
            f.end();
        }
    }

    /** The segments handed in for each track, in order (to check it has all the recording has). */
    public Map<String, List<Path>> segments() {
        Map<String, List<Path>> m = new LinkedHashMap<>();
        for (Feed f : feeds) {
            m.put(f.trackId, f.segments());
        }
        return m;
    }

    /** Recording time composed so far. */
    public Duration position() {
        return Duration.ofNanos(positionUs * 1_000);
    }

    /** How often it started over with more tiles. */
    public int restarts() {
        return restarts;
    }

    // ================================================================== the end

    /**
     * The recording ended at {@code total}: every track ends, the rest is composed, the file closed.
     *
     * @param progress called with the percent done, rising, up to 100 (may be null)
     * @return the result, when the file is complete (or the failure)
     */
    public CompletableFuture<ComposeResult> finish(Duration total, IntConsumer progress) {
        setTotal(total, progress);
        return result;
    }

    /** Stops composing and deletes the partial output. */
    public void cancel() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        for (Feed f : feeds) {
            f.end();
        }
        result.completeExceptionally(new CancellationException("composition of " + out + " cancelled"));
    }

    /** The result (completes after {@link #finish}, or exceptionally on failure or cancel). */
    public CompletableFuture<ComposeResult> result() {
        return result;
    }

    void setTotal(Duration total, IntConsumer progress) {
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("total length must be positive: " + total);
        }
        this.progress = progress == null ? p -> { } : progress;
        finishAskedNanos = System.nanoTime();
        for (Feed f : feeds) {
            f.end();
        }
        synchronized (clock) {
            totalUs = total.toNanos() / 1_000;
            clock.notifyAll();
        }
    }

    void startThread(String name) {
        Thread t = new Thread(() -> {
            try {
                ThreadNice.set(settings.liveNice()); // before the codecs start their threads: they inherit it
                result.complete(run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    // ================================================================== composing

    /** A new participant with video and no tile: start over with one more tile. */
    private static final class Relayout extends RuntimeException {
        Relayout(String label) {
            super(label, null, false, false);
        }
    }

    private final class Slot {
        final TrackReader reader;
        boolean placed;
        Canvas.Tile tile;
        TileClock tileClock;

        Slot(Feed feed) {
            reader = new TrackReader(feed, () -> totalUs, codecThreads);
        }
    }

    /** Composes up to the end (waiting for media while the session runs); starts over on a new tile. */
    ComposeResult run() {
        long started = System.nanoTime();
        while (true) {
            try {
                return attempt(started);
            } catch (Relayout r) {
                restarts++;
                if (positionUs > 1_000_000) { // (at the very start, e.g. the first participant's first segment, it costs nothing)
                    log.info("composing {}: '{}' appeared with video at {} s; starting over with {} tiles", out,
                            r.getMessage(), positionUs / 1_000_000.0, videoLabels.size());
                }
            }
        }
    }

    private ComposeResult attempt(long started) {
        int fps = settings.fps();
        String encoder = H264Encoders.pick();
        List<Slot> slots = new ArrayList<>();
        Canvas canvas = null;
        ComposedFile file = null;
        try {
            Files.deleteIfExists(ComposedFile.partOf(out));
            positionUs = 0;
            int taken = 0;
            for (; taken < feeds.size(); taken++) { // tracks with media now: tiles known from the start
                Slot s = new Slot(feeds.get(taken));
                slots.add(s);
                if (s.reader.openIfAvailable() && s.reader.hasVideo()) {
                    videoLabels.add(s.reader.feed.label);
                }
            }
            List<String> labels;
            synchronized (videoLabels) {
                labels = videoLabels.isEmpty() ? List.of("") : List.copyOf(videoLabels);
            }
            canvas = new Canvas(labels, settings.tileWidth(), settings.tileHeight());
            Map<String, Integer> tileOf = new LinkedHashMap<>();
            TileClock[] clocks = new TileClock[canvas.tileCount()];
            List<List<TrackReader>> tileReaders = new ArrayList<>();
            for (int t = 0; t < canvas.tileCount(); t++) {
                tileOf.put(labels.get(t), t);
                clocks[t] = new TileClock(fps);
                tileReaders.add(new ArrayList<>());
            }

            file = ComposedFile.start(out, settings, encoder, canvas.width, canvas.height, codecThreads);

            AudioMixer mixer = new AudioMixer();
            int reported = -1;
            long k = 0;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("composing " + out + " cancelled at " + positionUs / 1_000_000.0 + " s");
                }
                long tickUs = k * 1_000_000 / fps;
                long horizonUs = (2 * k + 1) * 1_000_000 / (2L * fps);
                awaitKnown(horizonUs);
                long total = totalUs;
                long frames = total == UNKNOWN ? UNKNOWN : Math.max(1, Math.round(total * fps / 1e6));
                if (k >= frames) {
                    break;
                }
                for (; taken < feeds.size(); taken++) {
                    slots.add(new Slot(feeds.get(taken)));
                }
                for (Slot s : slots) {
                    if (!s.placed) {
                        if (!s.reader.openIfDue(horizonUs)) {
                            continue;
                        }
                        s.placed = true;
                        if (s.reader.hasVideo()) {
                            Integer t = tileOf.get(s.reader.feed.label);
                            if (t == null) {
                                videoLabels.add(s.reader.feed.label);
                                throw new Relayout(s.reader.feed.label);
                            }
                            s.tile = canvas.tile(t);
                            s.tileClock = clocks[t];
                            tileReaders.get(t).add(s.reader);
                        }
                    }
                    s.reader.advance(horizonUs, s.tile, s.tileClock, mixer);
                }
                for (int t = 0; t < canvas.tileCount(); t++) {
                    if (!hasCurrentVideo(tileReaders.get(t), tickUs)) {
                        canvas.tile(t).blank();
                    }
                }
                file.picture(canvas.picture());
                long samplesUntil = total == UNKNOWN ? UNKNOWN : total * TrackReader.SAMPLE_RATE / 1_000_000;
                long audioUntil = Math.min(samplesUntil, (tickUs - AUDIO_LAG_US) * TrackReader.SAMPLE_RATE / 1_000_000);
                if (audioUntil - mixer.position() >= AUDIO_CHUNK) {
                    file.samples(mixer.take(audioUntil));
                }
                k++;
                positionUs = k * 1_000_000 / fps;
                if (total != UNKNOWN) {
                    int percent = (int) Math.min(99, k * 100 / frames);
                    if (percent > reported) {
                        reported = percent;
                        progress.accept(percent);
                    }
                }
            }
            // the composition may be a little past the end it was given (it ran up to what was known)
            long endUs = Math.max(totalUs, k * 1_000_000 / fps);
            long endSamples = endUs * TrackReader.SAMPLE_RATE / 1_000_000;
            for (Slot s : slots) { // audio that lies behind the last picture
                if (s.reader.opened()) {
                    s.reader.advance(endUs, null, null, mixer);
                }
            }
            while (mixer.position() < endSamples) {
                long until = Math.min(endSamples, mixer.position() + AUDIO_CHUNK);
                file.samples(mixer.take(until));
            }
            long bytes = file.complete();
            long from = finishAskedNanos > started ? finishAskedNanos : started;
            Duration took = Duration.ofNanos(System.nanoTime() - from);
            Duration length = Duration.ofNanos(k * 1_000_000_000L / fps);
            log.info("composed {} tracks ({} tiles, {}x{}, {}{}) into {}: {} s, {} bytes, {} ms after the end was known",
                    feeds.size(), canvas.tileCount(), canvas.width, canvas.height, encoder,
                    restarts > 0 ? ", started over " + restarts + "x" : "", out, length.toMillis() / 1000.0, bytes,
                    took.toMillis());
            progress.accept(100);
            return new ComposeResult(out, length, bytes, took, encoder);
        } catch (FrameRecorder.Exception e) {
            throw new ComposeException("cannot encode " + out + " with " + encoder + " + AAC: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ComposeException("cannot write " + out + ": " + e, e);
        } finally {
            for (Slot s : slots) {
                s.reader.close();
            }
            if (file != null) {
                file.close(); // deletes the partial output unless it is complete
            }
            if (canvas != null) {
                canvas.close();
            }
        }
    }

    /** Waits until every track that starts before {@code horizonUs} is known (or the end is). */
    private void awaitKnown(long horizonUs) {
        synchronized (clock) {
            while (totalUs == UNKNOWN && horizonUs > knownUntilUs.getAsLong()) {
                try {
                    clock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("composing " + out + " cancelled while waiting for the session");
                }
            }
        }
    }

    /** Whether one of the tile's tracks has a picture for time {@code tUs}. */
    private static boolean hasCurrentVideo(List<TrackReader> readers, long tUs) {
        for (TrackReader r : readers) {
            long last = r.lastVideoUs();
            if (last == Long.MIN_VALUE || tUs - last > STALE_US) {
                continue;
            }
            if (!r.finished() || tUs <= last + LINGER_US) {
                return true;
            }
        }
        return false;
    }
}
