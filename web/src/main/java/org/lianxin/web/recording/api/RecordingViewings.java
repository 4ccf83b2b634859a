package org.lianxin.web.recording.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Which media requests start a viewing (or a download) of a recording's item and which continue one. A player
 * fetches a file in many range requests (the start, the index at the end, each seek); the access audit writes one
 * row per viewing, not per request: a request starts a new viewing when the same user fetched nothing of the same
 * item of the recording for {@link #PAUSE}. The audit stays strict: any request for bytes belongs to a viewing that
 * is written, and after a pause, a restart or from another user it is a new one.
 */
@Component
class RecordingViewings {
    /** How long a viewing lasts without a request (a paused player resumes with a new row after this). */
    static final Duration PAUSE = Duration.ofMinutes(10);
    private static final int PRUNE_ABOVE = 10_000;

    private record Key(String username, long recordingId, String item) {
    }

    private final Map<Key, Instant> lastRequest = new ConcurrentHashMap<>();
    private final Clock clock;

    RecordingViewings(Clock clock) {
        this.clock = clock;
    }

    /** Whether this request of {@code username} for the item starts a viewing (to be audited). */
    boolean starts(String username, long recordingId, String item) {
        Instant now = clock.instant();
        if (lastRequest.size() > PRUNE_ABOVE) {
            lastRequest.values().removeIf(at -> Duration.between(at, now).compareTo(PAUSE) > 0);
        }
        boolean[] fresh = {false};
        lastRequest.compute(new Key(username, recordingId, item), (k, previous) -> {
            fresh[0] = previous == null || Duration.between(previous, now).compareTo(PAUSE) > 0
                    || now.isBefore(previous);
            return now;
        });
        return fresh[0];
    }
}
