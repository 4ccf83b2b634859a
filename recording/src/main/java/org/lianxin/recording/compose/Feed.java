package org.lianxin.recording.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One track's segments as they become available: all at once for a finished recording, one by one
 * while a session runs. Readers wait for the next segment until the track has ended. Thread-safe.
 */
final class Feed {

    final String trackId;
    final String label;
    private final long notBeforeUs;
    private final List<Path> segments = new ArrayList<>();
    private long offsetUs = -1;
    private boolean ended;

    /**
     * @param notBeforeUs the track's media do not start before this time of the recording (its first
     *                    segment's offset is at least this); the composition does not wait for the
     *                    track before it reaches this time
     */
    Feed(String trackId, String label, long notBeforeUs) {
        this.trackId = trackId;
        this.label = label;
        this.notBeforeUs = Math.max(0, notBeforeUs);
    }

    /** A finished track: every segment known, offset given. */
    static Feed complete(String trackId, ComposeInput input) {
        long offset = input.offset().toNanos() / 1_000;
        Feed f = new Feed(trackId, input.label(), offset);
        for (Path p : input.segments()) {
            f.add(p, offset);
        }
        f.end();
        return f;
    }

    long notBeforeUs() {
        return notBeforeUs;
    }

    /**
     * Appends the next segment; {@code offsetUs} (where the track starts on the recording's
     * timeline) counts only for the first. Ignored once the track ended.
     */
    synchronized boolean add(Path segment, long offsetUs) {
        if (ended) {
            return false;
        }
        if (segments.isEmpty()) {
            this.offsetUs = Math.max(notBeforeUs, Math.max(0, offsetUs));
        }
        segments.add(segment);
        notifyAll();
        return true;
    }

    /** No segment follows. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized int size() {
        return segments.size();
    }

    synchronized List<Path> segments() {
        return List.copyOf(segments);
    }

    /** The track's offset on the recording's timeline (µs); known once it has a segment. */
    synchronized long offsetUs() {
        if (segments.isEmpty()) {
            throw new IllegalStateException("track " + trackId + " has no segment yet");
        }
        return offsetUs;
    }

    /** Segment {@code index} if it is there now, else null. */
    synchronized Path peek(int index) {
        return index < segments.size() ? segments.get(index) : null;
    }

    /**
     * Segment {@code index}, waiting for it while the track goes on; null if the track ended
     * without it.
     *
     * @throws CancellationException when the waiting thread is interrupted
     */
    synchronized Path await(int index) {
        while (index >= segments.size() && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("cancelled while waiting for segment " + (index + 1) + " of " + trackId);
            }
        }
        return index < segments.size() ? segments.get(index) : null;
    }
}
