package org.lianxin.recording.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One track of a recording: one participant's media as Matroska segments (VP8 and/or Opus, each
 * segment starting on a keyframe, timestamps continuous or restarting at each segment), played
 * from {@code offset} after the recording's start. Several inputs may share a label (the same
 * participant after a media-server restart): they share one tile.
 */
public record ComposeInput(String label, List<Path> segments, Duration offset) {

    public ComposeInput {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(offset, "offset");
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("input '" + label + "' has no segments");
        }
        if (offset.isNegative()) {
            throw new IllegalArgumentException("input '" + label + "' has a negative offset " + offset);
        }
    }
}
