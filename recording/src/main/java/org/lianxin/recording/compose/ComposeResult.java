package org.lianxin.recording.compose;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished review file.
 *
 * @param file     the MP4 (H.264 + AAC, moov first)
 * @param duration its length (the recording's length, rounded to whole output frames)
 * @param bytes    its size
 * @param took     wall time spent composing
 * @param encoder  the H.264 encoder used ({@code libx264} or {@code libopenh264})
 */
public record ComposeResult(Path file, Duration duration, long bytes, Duration took, String encoder) {
}
