package org.lianxin.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lianxin.recording.Manifest;

/**
 * The seconds of media a recording is missing, from its manifest alone (pure): for each participant, from the start
 * of its first track, its segments in time order (over every track and series, so across a takeover or a media node's
 * loss), the longest stretch between the end of what was recorded (or the first track's start) and the start of the
 * next segment — or the recording's end, when nothing followed; the longest over the participants. A recording
 * without any loss gives about 0 (segments follow each other; the first starts about when its track does).
 */
final class RecordingLoss {
    private RecordingLoss() {
    }

    /** The longest stretch, in seconds, that one participant's media is missing from the recording. */
    static double lostSeconds(Manifest m) {
        Map<String, String> participantOf = m.tracks().stream()
                .collect(Collectors.toMap(Manifest.Track::trackId, Manifest.Track::participantId, (a, b) -> a));
        Map<String, List<Manifest.Segment>> byParticipant = m.segments().stream()
                .collect(Collectors.groupingBy(s -> participantOf.getOrDefault(s.trackId(), s.trackId())));
        Map<String, Instant> firstTrack = m.tracks().stream().filter(t -> t.startedAt() != null)
                .collect(Collectors.toMap(Manifest.Track::participantId, Manifest.Track::startedAt,
                        (a, b) -> a.isBefore(b) ? a : b));
        long worst = 0;
        for (Map.Entry<String, Instant> first : firstTrack.entrySet()) {
            if (!byParticipant.containsKey(first.getKey()) && m.endedAt() != null) { // tracks, but nothing recorded
                worst = Math.max(worst, Duration.between(first.getValue(), m.endedAt()).toMillis());
            }
        }
        for (Map.Entry<String, List<Manifest.Segment>> e : byParticipant.entrySet()) {
            List<Manifest.Segment> sorted = e.getValue().stream()
                    .sorted(Comparator.comparing(Manifest.Segment::startedAt)).toList();
            Instant covered = firstTrack.getOrDefault(e.getKey(), sorted.get(0).startedAt());
            for (Manifest.Segment s : sorted) {
                worst = Math.max(worst, Duration.between(covered, s.startedAt()).toMillis());
                if (s.endedAt().isAfter(covered)) {
                    covered = s.endedAt();
                }
            }
            if (m.endedAt() != null) {
                worst = Math.max(worst, Duration.between(covered, m.endedAt()).toMillis());
            }
        }
        return worst / 1000.0;
    }

    /** Whether the manifest's timeline has the takeover of the room by another application instance. */
    static boolean takeoverNoted(Manifest m) {
        return m.timeline().stream().anyMatch(e -> "TAKEN_OVER".equals(e.type()));
    }
}
