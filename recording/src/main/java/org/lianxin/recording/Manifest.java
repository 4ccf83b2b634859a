package org.lianxin.recording;

import java.time.Instant;
import java.util.List;

/**
 * What a recording holds, written to storage as {@code recordings/<id>/manifest.json} when it ends
 * (or when a crash is recovered): who took part, the tracks, every segment with its SHA-256 and its
 * link in the recording's hash chain ({@link HashChain}), gaps, and the room's timeline.
 * {@code ./lianxin verify-recording <id>} checks storage against it.
 */
public record Manifest(String format, long recordingId, String kind, Long bookingId, Long consultationId, Long caseId,
                       String roomId, Long officeId, String status, Instant startedAt, Instant endedAt,
                       List<Participant> participants, List<Track> tracks, List<Segment> segments, List<Gap> gaps,
                       List<TimelineEntry> timeline, String chainHead) {

    public static final String FORMAT = "lianxin-recording-manifest/1";

    public Manifest {
        participants = List.copyOf(participants);
        tracks = List.copyOf(tracks);
        segments = List.copyOf(segments);
        gaps = List.copyOf(gaps);
        timeline = List.copyOf(timeline);
    }

    /** The object key of recording {@code id}'s manifest. */
    public static String key(long recordingId) {
        return "recordings/" + recordingId + "/manifest.json";
    }

    public record Participant(String participantId, String displayName, String role) {
    }

    /**
     * One publisher's media in one series (a series restarts after the media server was lost).
     *
     * @param trackId e.g. {@code s0-p3}: series 0, the participant's track
     */
    public record Track(String trackId, String participantId, int series, Instant startedAt, Instant endedAt,
                        int segmentCount) {
    }

    /**
     * @param index      position in the recording's hash chain (0, 1, … in the order segments closed)
     * @param trackIndex position within its track
     * @param chain      {@link HashChain#link} of the previous segment's chain value, the key and the sha256
     */
    public record Segment(int index, String trackId, int trackIndex, String key, long bytes, String sha256,
                          String chain, Instant startedAt, Instant endedAt, long durationMs) {
    }

    /** Time not recorded: after a crash of the server, while the media server was lost, … */
    public record Gap(Instant from, Instant to, String reason) {
    }

    /** One event of the room: CHECKED_IN, RECORDING_NOTICE, ADMITTED, JOINED, MUTED, UNMUTED, LEFT, MEDIA_LOST, ENDED, … */
    public record TimelineEntry(Instant at, String type, String participantId, String role, String detail) {
    }
}
