package org.lianxin.recording.capture;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One finished Matroska segment of a track, fsynced on local disk.
 *
 * @param trackId     the track it belongs to
 * @param index       0, 1, 2 … within the track
 * @param file        the complete file (the sink owns it now)
 * @param startedAt   wall-clock time of its start ({@code firstPtsMs})
 * @param endedAt     wall-clock time of its end ({@code firstPtsMs + durationMs})
 * @param firstPtsMs  where the file's time 0 is on the track's own time line (ms since the track started)
 * @param durationMs  media time covered (ms): up to where the next segment starts (so that segment N + 1 starts at
 *                    {@code firstPtsMs + durationMs} of segment N), for the last one up to the end of its last
 *                    packet; the file's Matroska duration may end up to one audio packet (20 ms) later
 * @param bytes       file size
 * @param sha256      lowercase hex SHA-256 of the file
 * @param audioPackets packets of audio written
 * @param videoPackets packets of video written
 * @param startsOnKeyframe whether its first video packet is a keyframe (true for all but a track whose video never had one)
 * @param last        whether the track ended with it
 */
public record ClosedSegment(String trackId, int index, Path file, Instant startedAt, Instant endedAt, long firstPtsMs,
                            long durationMs, long bytes, String sha256, long audioPackets, long videoPackets,
                            boolean startsOnKeyframe, boolean last) {
}
